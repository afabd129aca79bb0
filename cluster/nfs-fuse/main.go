// course-nfs-client: the NFS mount helper of the course cluster's nodes.
//
// Installed as /sbin/mount.nfs and /sbin/mount.nfs4 (Debian's own helper moved to
// /sbin/mount.nfs.kernel), it is what `mount -t nfs SERVER:/PATH DIR` runs, and so what the
// kubelet's in-tree nfs volume runs. It picks the client (clientFor, in client.go):
//   - the kernel has an NFS client: Debian's helper, unchanged (exec, same arguments);
//   - it has none but has FUSE: the user-space NFSv3 client of this module, served through FUSE
//     by a daemon that lives as long as the mount;
//   - neither: the mount fails, saying so.
//
// `course-nfs-client probe` prints which client a mount would use, as one JSON line; the grader,
// the walk-through capture and the test set-up all ask it, so they follow one rule.
//
// Exit codes follow mount(8): 0 mounted, 1 bad invocation, 32 mount failure.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const (
	exitUsage   = 1
	exitFailure = 32
)

func main() {
	os.Exit(run(os.Args))
}

func run(args []string) int {
	name := filepath.Base(args[0])
	if strings.HasPrefix(name, "mount.nfs") {
		return mountCommand(name, args[1:])
	}
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: course-nfs-client probe | mount SERVER:/PATH DIR [-o OPTIONS]")
		return exitUsage
	}
	switch args[1] {
	case "probe":
		out, _ := json.Marshal(clientFor(hostKernel{}))
		fmt.Println(string(out))
		return 0
	case "mount":
		return mountCommand("mount.nfs", args[2:])
	case serveCommand:
		return serve(args[2:])
	default:
		fmt.Fprintf(os.Stderr, "course-nfs-client: unknown command %q\n", args[1])
		return exitUsage
	}
}
