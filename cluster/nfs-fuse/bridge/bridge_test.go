package bridge_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s-storage-course/nfs-fuse/bridge"
	"k8s-storage-course/nfs-fuse/internal/testnfs"
	"k8s-storage-course/nfs-fuse/nfs3"
)

// mountAt serves the test server's export through FUSE at a new directory, as the mount helper
// does on a node. FUSE needs root and /dev/fuse: both are what the grading machine has.
func mountAt(t *testing.T, s *testnfs.Server, readOnly bool) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("FUSE mounts need root (this test runs as uid " + strconv.Itoa(os.Geteuid()) + ")")
	}
	if _, err := os.Stat("/dev/fuse"); err != nil {
		t.Skip("no /dev/fuse on this machine")
	}
	c, err := nfs3.Mount(nfs3.Server{Host: s.Host, NFSPort: s.Port, MountPort: s.Port, Timeout: 5 * time.Second}, "/")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// The test's own temporary folder is root's alone; a process of another user must reach the mount.
	if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	srv, err := bridge.Mount(dir, c, bridge.Options{Source: s.Host + ":/", ReadOnly: readOnly})
	if err != nil {
		c.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Unmount(); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
		srv.Wait()
		c.Close()
	})
	return dir
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// rawNames lists dir as `ls -a` does, "." and ".." included (Go's own listing leaves them out).
func rawNames(t *testing.T, dir string) []string {
	t.Helper()
	out, err := exec.Command("ls", "-a", dir).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))
}

func TestTheMountIsAFuseNfsMountWithItsSource(t *testing.T) {
	s := testnfs.Start(t)
	dir := mountAt(t, s, false)
	mounts, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		t.Fatal(err)
	}
	want := s.Host + ":/ " + dir + " fuse.nfs "
	if !strings.Contains(string(mounts), want) {
		t.Fatalf("no %q in /proc/self/mounts", want)
	}
}

func TestFileOperationsReachTheServer(t *testing.T) {
	s := testnfs.Start(t)
	dir := mountAt(t, s, false)
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("abc123"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(s.Dir, "token")); string(got) != "abc123" {
		t.Fatalf("on the server: %q", got)
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("-more"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got, _ := os.ReadFile(file); string(got) != "abc123-more" {
		t.Fatalf("read back: %q", got)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(file, filepath.Join(dir, "sub", "moved")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, filepath.Join(dir, "sub")); !slices.Equal(got, []string{"moved"}) {
		t.Fatalf("listing after rename: %v", got)
	}
	if got := rawNames(t, filepath.Join(dir, "sub")); !slices.Equal(got, []string{".", "..", "moved"}) {
		t.Fatalf("readdir of sub: %v", got)
	}
	if err := os.Chmod(filepath.Join(dir, "sub", "moved"), 0o600); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(filepath.Join(s.Dir, "sub", "moved")); info == nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("chmod did not reach the server: %v", info)
	}
	if err := os.Truncate(filepath.Join(dir, "sub", "moved"), 3); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sub", "moved")); string(got) != "abc" {
		t.Fatalf("after truncate: %q", got)
	}
	if err := os.Symlink("moved", filepath.Join(dir, "sub", "link")); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(filepath.Join(dir, "sub", "link")); err != nil || target != "moved" {
		t.Fatalf("readlink: %q %v", target, err)
	}
	if err := os.Remove(filepath.Join(dir, "sub", "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "sub", "moved")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, s.Dir); len(got) != 0 {
		t.Fatalf("the server still holds %v", got)
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || st.Blocks == 0 {
		t.Fatalf("statfs: %+v %v", st, err)
	}
}

// Two mounts of one export are two nodes of the lesson: what one writes, renames or removes, the
// other sees at once (nothing is cached).
func TestTwoMountsSeeEachOthersChangesAtOnce(t *testing.T) {
	s := testnfs.Start(t)
	a, b := mountAt(t, s, false), mountAt(t, s, false)
	if err := os.WriteFile(filepath.Join(a, "from-a"), []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(b, "from-a")); err != nil || string(got) != "one" {
		t.Fatalf("b reads %q, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(b, "from-a"), []byte("two, longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(a, "from-a")); string(got) != "two, longer" {
		t.Fatalf("a reads %q after b rewrote it", got)
	}
	if err := os.Rename(filepath.Join(b, "from-a"), filepath.Join(b, "renamed")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, a); !slices.Equal(got, []string{"renamed"}) {
		t.Fatalf("a lists %v", got)
	}
	if _, err := os.Stat(filepath.Join(a, "from-a")); !os.IsNotExist(err) {
		t.Fatalf("a still finds the old name: %v", err)
	}
	if err := os.Remove(filepath.Join(a, "renamed")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(b, "renamed")); !os.IsNotExist(err) {
		t.Fatalf("b still finds a removed file: %v", err)
	}
}

// A process's own uid and gid go to the server with each of its requests: the server, not the
// bridge, decides (so an export's root squash applies to root in a container).
func TestRequestsCarryTheCallingProcessesCredential(t *testing.T) {
	s := testnfs.Start(t)
	dir := mountAt(t, s, false)
	cmd := exec.Command("sh", "-c", "echo hi > \"$1\"", "sh", filepath.Join(dir, "by-student"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 1234, Gid: 2345, Groups: []uint32{77}}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("write as uid 1234: %v %s", err, out)
	}
	var creates []testnfs.Call
	for _, c := range s.Calls() {
		if c.Prog == 100003 && c.Proc == 8 {
			creates = append(creates, c)
		}
	}
	if len(creates) != 1 || creates[0].UID != 1234 || creates[0].GID != 2345 || !slices.Equal(creates[0].Groups, []uint32{77}) {
		t.Fatalf("CREATE calls: %+v", creates)
	}
}

func TestReadOnlyMountRefusesWrites(t *testing.T) {
	s := testnfs.Start(t)
	if err := os.WriteFile(filepath.Join(s.Dir, "there"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := mountAt(t, s, true)
	if got, err := os.ReadFile(filepath.Join(dir, "there")); err != nil || string(got) != "x" {
		t.Fatalf("read: %q %v", got, err)
	}
	err := os.WriteFile(filepath.Join(dir, "new"), []byte("y"), 0o644)
	if !errors.Is(err, syscall.EROFS) {
		t.Fatalf("write on a read-only mount: %v", err)
	}
}

func TestWhatNFSv3CannotDoFailsLoudly(t *testing.T) {
	s := testnfs.Start(t)
	dir := mountAt(t, s, false)
	if err := os.WriteFile(filepath.Join(dir, "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(dir, "f"), filepath.Join(dir, "hard")); err == nil {
		t.Fatal("a hard link succeeded")
	}
	if err := syscall.Mknod(filepath.Join(dir, "dev"), syscall.S_IFCHR|0o600, 0x0101); err == nil {
		t.Fatal("mknod of a device succeeded")
	}
}
