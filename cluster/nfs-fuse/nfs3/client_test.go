package nfs3_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s-storage-course/nfs-fuse/internal/testnfs"
	"k8s-storage-course/nfs-fuse/nfs3"
)

func mount(t *testing.T) (*testnfs.Server, *nfs3.Client) {
	t.Helper()
	s := testnfs.Start(t)
	c, err := nfs3.Mount(nfs3.Server{Host: s.Host, NFSPort: s.Port, MountPort: s.Port, Timeout: 5 * time.Second}, "/")
	if err != nil {
		t.Fatalf("mount: %v", err)
	}
	t.Cleanup(c.Close)
	return s, c
}

func TestFilesAndDirectoriesRoundTrip(t *testing.T) {
	s, c := mount(t)
	mode := uint32(0o640)
	fh, a, err := c.Create(nfs3.Root, c.Root, "token", nfs3.SetAttrs{Mode: &mode}, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != nfs3.TypeReg {
		t.Fatalf("type %d", a.Type)
	}
	if n, err := c.Write(nfs3.Root, fh, 0, []byte("hello ")); err != nil || n != 6 {
		t.Fatalf("write: %d %v", n, err)
	}
	if _, err := c.Write(nfs3.Root, fh, 6, []byte("world")); err != nil {
		t.Fatal(err)
	}
	// What the server's disk holds is what was written.
	if got, _ := os.ReadFile(filepath.Join(s.Dir, "token")); string(got) != "hello world" {
		t.Fatalf("on the server: %q", got)
	}
	data, eof, err := c.Read(nfs3.Root, fh, 6, 100)
	if err != nil || string(data) != "world" || !eof {
		t.Fatalf("read: %q eof=%v %v", data, eof, err)
	}
	dir, _, err := c.Mkdir(nfs3.Root, c.Root, "sub", nfs3.SetAttrs{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Rename(nfs3.Root, c.Root, "token", dir, "moved"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "sub", "moved")); err != nil {
		t.Fatalf("rename did not reach the server: %v", err)
	}
	entries, err := c.ReadDirPlus(nfs3.Root, dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name)
	}
	if !slices.Contains(names, "moved") {
		t.Fatalf("listing: %v", names)
	}
	if err := c.Remove(nfs3.Root, dir, "moved"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rmdir(nfs3.Root, c.Root, "sub"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "sub")); !os.IsNotExist(err) {
		t.Fatalf("rmdir did not reach the server: %v", err)
	}
}

func TestASecondClientSeesTheFirstClientsFiles(t *testing.T) {
	s, a := mount(t)
	b, err := nfs3.Mount(nfs3.Server{Host: s.Host, NFSPort: s.Port, MountPort: s.Port}, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	fh, _, err := a.Create(nfs3.Root, a.Root, "shared", nfs3.SetAttrs{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Write(nfs3.Root, fh, 0, []byte("from a")); err != nil {
		t.Fatal(err)
	}
	other, attr, err := b.Lookup(nfs3.Root, b.Root, "shared")
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := b.Read(nfs3.Root, other, 0, uint32(attr.Filesize))
	if err != nil || string(data) != "from a" {
		t.Fatalf("b read %q, %v", data, err)
	}
}

func TestServerRefusalsBecomeTheKernelsErrnos(t *testing.T) {
	_, c := mount(t)
	_, _, err := c.Lookup(nfs3.Root, c.Root, "absent")
	var status *nfs3.StatusError
	if !errors.As(err, &status) || status.Errno() != syscall.ENOENT || status.Error() != "LOOKUP: NFS3ERR_NOENT" {
		t.Fatalf("lookup of a missing name: %v", err)
	}
	if _, _, err := c.Create(nfs3.Root, c.Root, "once", nfs3.SetAttrs{}, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Create(nfs3.Root, c.Root, "once", nfs3.SetAttrs{}, true); nfs3.ErrnoOf(err) != syscall.EEXIST {
		t.Fatalf("exclusive create of an existing name: %v", err)
	}
	// Statuses this test server never sends map as the kernel's client maps them.
	for status, want := range map[uint32]syscall.Errno{13: syscall.EACCES, 30: syscall.EROFS, 66: syscall.ENOTEMPTY, 70: syscall.ESTALE, 10004: syscall.ENOTSUP, 99999: syscall.EIO} {
		if got := (&nfs3.StatusError{Proc: "X", Status: status}).Errno(); got != want {
			t.Errorf("nfsstat3 %d: %v, want %v", status, got, want)
		}
	}
}

func TestEachCallCarriesItsCallersCredential(t *testing.T) {
	s, c := mount(t)
	student := nfs3.Cred{UID: 1234, GID: 2345, Groups: []uint32{7, 8}}
	if _, err := c.Getattr(student, c.Root); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Getattr(nfs3.Root, c.Root); err != nil {
		t.Fatal(err)
	}
	var getattrs []testnfs.Call
	for _, call := range s.Calls() {
		if call.Prog == 100003 && call.Proc == 1 {
			getattrs = append(getattrs, call)
		}
	}
	// The mount's own check is the first GETATTR (as root); then the two above, in order.
	if len(getattrs) != 3 {
		t.Fatalf("GETATTR calls: %+v", getattrs)
	}
	got, root := getattrs[1], getattrs[2]
	if got.Flavor != 1 || got.UID != 1234 || got.GID != 2345 || !slices.Equal(got.Groups, []uint32{7, 8}) {
		t.Fatalf("student call: %+v", got)
	}
	if root.UID != 0 || root.GID != 0 || len(root.Groups) != 0 {
		t.Fatalf("root call: %+v", root)
	}
}

func TestSetattrChangesModeAndSize(t *testing.T) {
	s, c := mount(t)
	fh, _, err := c.Create(nfs3.Root, c.Root, "f", nfs3.SetAttrs{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(nfs3.Root, fh, 0, []byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	mode, size := uint32(0o600), uint64(4)
	a, err := c.Setattr(nfs3.Root, fh, nfs3.SetAttrs{Mode: &mode, Size: &size})
	if err != nil {
		t.Fatal(err)
	}
	if a.Filesize != 4 || a.FileMode&0o777 != 0o600 {
		t.Fatalf("after setattr: size %d mode %o", a.Filesize, a.FileMode)
	}
	info, err := os.Stat(filepath.Join(s.Dir, "f"))
	if err != nil || info.Size() != 4 || info.Mode().Perm() != 0o600 {
		t.Fatalf("on the server: %v %v", info, err)
	}
}

func TestMountFailsWithTheAddressWhenNothingListens(t *testing.T) {
	_, err := nfs3.Mount(nfs3.Server{Host: "127.0.0.1", NFSPort: 1, MountPort: 1, Timeout: time.Second}, "/")
	if err == nil || !strings.Contains(err.Error(), "cannot reach 127.0.0.1:1:") {
		t.Fatalf("error: %v", err)
	}
	_, err = nfs3.Mount(nfs3.Server{Host: "127.0.0.1", Timeout: time.Second}, "/")
	if err == nil || !strings.Contains(err.Error(), "portmapper (rpcbind) cannot reach 127.0.0.1:111") {
		t.Fatalf("without ports and without a portmapper: %v", err)
	}
}
