package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"k8s-storage-course/nfs-fuse/internal/testnfs"
)

type fakeKernel struct {
	fss   string
	rel   string
	paths []string
}

func (k fakeKernel) filesystems() (string, error) { return k.fss, nil }
func (k fakeKernel) release() string              { return k.rel }
func (k fakeKernel) exists(p string) bool {
	for _, x := range k.paths {
		if x == p {
			return true
		}
	}
	return false
}

// This project's CI machine, as /proc/filesystems printed it in a course-cluster node: no nfs,
// fuse built in, no module loading.
const ciFilesystems = "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup2\nnodev\toverlay\n\text4\nnodev\tfuse\nnodev\tfusectl\n"

func TestClientChoice(t *testing.T) {
	cases := []struct {
		name string
		k    fakeKernel
		want string
	}{
		{"nfs built in", fakeKernel{fss: ciFilesystems + "nodev\tnfs\nnodev\tnfs4\n"}, "kernel"},
		{"nfs4 only", fakeKernel{fss: ciFilesystems + "nodev\tnfs4\n"}, "kernel"},
		{"module to load", fakeKernel{fss: ciFilesystems, rel: "6.1.0-18-amd64", paths: []string{"/proc/modules", "/lib/modules/6.1.0-18-amd64/kernel/fs/nfs/nfs.ko.xz", "/dev/fuse"}}, "kernel"},
		{"modules but no nfs module", fakeKernel{fss: ciFilesystems, rel: "6.1.0", paths: []string{"/proc/modules", "/dev/fuse"}}, "fuse"},
		{"this project's machine", fakeKernel{fss: ciFilesystems, paths: []string{"/dev/fuse"}}, "fuse"},
		{"fuse listed, no device", fakeKernel{fss: ciFilesystems}, "none"},
		{"neither", fakeKernel{fss: "nodev\tproc\n\text4\n", paths: []string{"/dev/fuse"}}, "none"},
	}
	for _, c := range cases {
		if got := clientFor(c.k); got.Client != c.want || got.Reason == "" {
			t.Errorf("%s: %+v, want %s", c.name, got, c.want)
		}
	}
	// "fusectl" is not "fuse", and "nfsd" is not "nfs".
	if got := clientFor(fakeKernel{fss: "nodev\tnfsd\nnodev\tfusectl\n", paths: []string{"/dev/fuse"}}); got.Client != "none" {
		t.Errorf("nfsd and fusectl only: %+v", got)
	}
}

// helper builds this command and returns a path to it named mount.nfs, as mount(8) finds it.
func helper(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "course-nfs-client")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	link := filepath.Join(dir, "mount.nfs")
	if err := os.Symlink(bin, link); err != nil {
		t.Fatal(err)
	}
	return link
}

func needFuseClient(t *testing.T) {
	t.Helper()
	t.Setenv("COURSE_NFS_CLIENT_LOG", filepath.Join(t.TempDir(), "client.log"))
	if os.Geteuid() != 0 {
		t.Skip("the helper's FUSE mount needs root")
	}
	if c := clientFor(hostKernel{}); c.Client != "fuse" {
		t.Skipf("this machine's mounts would use the %s client (%s), not FUSE", c.Client, c.Reason)
	}
}

// The helper as mount(8) runs it: it returns once the mount is up, a daemon serves it, and
// unmounting ends the daemon.
func TestTheHelperMountsAndTheDaemonEndsWithTheMount(t *testing.T) {
	needFuseClient(t)
	s := testnfs.Start(t)
	mountHelper := helper(t)
	dir := t.TempDir()
	port := strconv.Itoa(s.Port)
	out, err := exec.Command(mountHelper, s.Host+":/", dir, "-o", "port="+port+",mountport="+port+",hard", "-v").CombinedOutput()
	if err != nil {
		t.Fatalf("mount.nfs: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "mounted on "+dir+" by the user-space NFS client (FUSE)") {
		t.Fatalf("verbose output: %s", out)
	}
	mounted := func() bool {
		b, _ := os.ReadFile("/proc/self/mounts")
		return strings.Contains(string(b), " "+dir+" fuse.nfs ")
	}
	if !mounted() {
		t.Fatal("not in /proc/self/mounts")
	}
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("t-1"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(s.Dir, "token")); string(got) != "t-1" {
		t.Fatalf("server holds %q", got)
	}
	daemons := func() int {
		out, _ := exec.Command("pgrep", "-f", serveCommand+" "+s.Host+":/ "+dir).Output()
		return len(strings.Fields(string(out)))
	}
	if n := daemons(); n != 1 {
		t.Fatalf("%d daemons serve the mount", n)
	}
	if err := syscall.Unmount(dir, 0); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for daemons() != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := daemons(); n != 0 {
		t.Fatalf("%d daemons left after the unmount", n)
	}
}

func TestTheHelperFailsLoudly(t *testing.T) {
	needFuseClient(t)
	mountHelper := helper(t)
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"127.0.0.1:/", dir, "-o", "vers=4.2"}, 32, "vers=4.2: the course's user-space NFS client speaks NFSv3 only"},
		{[]string{"127.0.0.1:/", dir, "-o", "port=1,mountport=1"}, 32, "cannot reach 127.0.0.1:1"},
		{[]string{"127.0.0.1:/", filepath.Join(dir, "absent")}, 32, "does not exist or is not a directory"},
		{[]string{"127.0.0.1:/"}, 1, "usage: mount.nfs"},
	}
	for _, c := range cases {
		out, err := exec.Command(mountHelper, c.args...).CombinedOutput()
		code := 0
		if e, ok := err.(*exec.ExitError); ok {
			code = e.ExitCode()
		}
		if code != c.code || !strings.Contains(string(out), c.want) {
			t.Errorf("%q: exit %d, %s (want exit %d and %q)", c.args, code, out, c.code, c.want)
		}
	}
}
