package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Choice is which NFS client serves mounts on this node, and why.
type Choice struct {
	// Client is "kernel", "fuse" or "none".
	Client string `json:"client"`
	Reason string `json:"reason"`
}

// kernel is what clientFor looks at (the real one is hostKernel; tests give others).
type kernel interface {
	filesystems() (string, error)
	release() string
	exists(path string) bool
}

type hostKernel struct{}

func (hostKernel) filesystems() (string, error) {
	b, err := os.ReadFile("/proc/filesystems")
	return string(b), err
}

func (hostKernel) release() string {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return ""
	}
	var b strings.Builder
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b.WriteByte(byte(c))
	}
	return b.String()
}

func (hostKernel) exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func listed(filesystems, fs string) bool {
	for _, line := range strings.Split(filesystems, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[len(f)-1] == fs {
			return true
		}
	}
	return false
}

// clientFor decides the client. The kernel's client is used when the kernel has it built in or
// loaded ("nfs" or "nfs4" in /proc/filesystems), or can load it (module loading is on and the
// nfs module is installed for this kernel: mount(2) then loads it). Otherwise FUSE, when the
// kernel has it and /dev/fuse exists.
func clientFor(k kernel) Choice {
	fss, err := k.filesystems()
	if err != nil {
		return Choice{"none", "cannot read /proc/filesystems: " + err.Error()}
	}
	if listed(fss, "nfs") || listed(fss, "nfs4") {
		return Choice{"kernel", "the kernel has an NFS client (nfs in /proc/filesystems)"}
	}
	if k.exists("/proc/modules") {
		for _, m := range []string{"nfs.ko", "nfs.ko.xz", "nfs.ko.zst", "nfs.ko.gz"} {
			if k.exists(filepath.Join("/lib/modules", k.release(), "kernel/fs/nfs", m)) {
				return Choice{"kernel", "the kernel loads its NFS client module on the first mount"}
			}
		}
	}
	if listed(fss, "fuse") && k.exists("/dev/fuse") {
		return Choice{"fuse", "this kernel has no NFS client (no nfs in /proc/filesystems, no module to load); user-space NFSv3 client through FUSE"}
	}
	return Choice{"none", "this kernel has no NFS client (no nfs in /proc/filesystems, no module to load) and no FUSE (no fuse in /proc/filesystems or no /dev/fuse)"}
}
