package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"k8s-storage-course/nfs-fuse/bridge"
	"k8s-storage-course/nfs-fuse/mountopts"
	"k8s-storage-course/nfs-fuse/nfs3"
)

// Where the node image keeps Debian's own helper, and where the daemons log.
const (
	kernelHelper = "/sbin/mount.nfs.kernel"
	defaultLog   = "/var/log/course-nfs-client.log"
	serveCommand = "serve-mount"
	// readyWait bounds the whole mount: reaching the server, MOUNT, the FUSE mount.
	readyWait = 45 * time.Second
)

// logPath is where the daemons log: COURSE_NFS_CLIENT_LOG, else /var/log/course-nfs-client.log.
func logPath() string {
	if p := os.Getenv("COURSE_NFS_CLIENT_LOG"); p != "" {
		return p
	}
	return defaultLog
}

func fail(format string, a ...any) int {
	fmt.Fprintf(os.Stderr, "mount.nfs: "+format+"\n", a...)
	return exitFailure
}

// mountCommand is what mount(8) runs for an nfs or nfs4 mount.
func mountCommand(name string, argv []string) int {
	choice := clientFor(hostKernel{})
	switch choice.Client {
	case "kernel":
		err := syscall.Exec(kernelHelper, append([]string{name}, argv...), os.Environ())
		return fail("cannot run the kernel client's helper %s: %v", kernelHelper, err)
	case "none":
		return fail("%s", choice.Reason)
	}
	m, err := mountopts.Parse(argv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mount.nfs: %v\n", err)
		if strings.HasPrefix(err.Error(), "usage:") {
			return exitUsage
		}
		return exitFailure
	}
	if info, err := os.Stat(m.Dir); err != nil || !info.IsDir() {
		return fail("mount point %s does not exist or is not a directory", m.Dir)
	}
	if m.Fake {
		return 0
	}
	if err := startDaemon(argv); err != nil {
		return fail("%s:%s on %s (user-space NFS client, FUSE; this kernel has no NFS client): %v", m.Host, m.Export, m.Dir, err)
	}
	if m.Verbose {
		fmt.Fprintf(os.Stderr, "mount.nfs: %s:%s mounted on %s by the user-space NFS client (FUSE)\n", m.Host, m.Export, m.Dir)
	}
	return 0
}

// startDaemon starts the process that serves the mount, in a session of its own so it outlives
// this helper, and waits until it says the mount is up (or why not).
func startDaemon(argv []string) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	out, err := os.OpenFile(logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		out, _ = os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	}
	defer out.Close()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, append([]string{serveCommand}, argv...)...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return err
	}
	w.Close()
	answer := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		answer <- strings.TrimSpace(line)
	}()
	select {
	case line := <-answer:
		if line == "ok" {
			return cmd.Process.Release()
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if line == "" {
			return fmt.Errorf("the client stopped before the mount was up (see %s)", logPath())
		}
		return fmt.Errorf("%s", line)
	case <-time.After(readyWait):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return fmt.Errorf("no answer from the server within %s", readyWait)
	}
}

// serve is the daemon: it mounts, reports on fd 3, and serves until the mount is unmounted.
func serve(argv []string) int {
	ready := os.NewFile(3, "ready")
	log.SetPrefix(fmt.Sprintf("course-nfs-client[%d] ", os.Getpid()))
	report := func(msg string) {
		if ready != nil {
			fmt.Fprintln(ready, msg)
			ready.Close()
			ready = nil
		}
	}
	m, err := mountopts.Parse(argv)
	if err != nil {
		report(err.Error())
		return exitFailure
	}
	source := m.Host + ":" + m.Export
	c, err := nfs3.Mount(nfs3.Server{Host: m.Host, NFSPort: m.NFSPort, MountPort: m.MountPort, Timeout: 15 * time.Second}, m.Export)
	if err != nil {
		log.Printf("%s: %v", source, err)
		report(err.Error())
		return exitFailure
	}
	defer c.Close()
	srv, err := bridge.Mount(m.Dir, c, bridge.Options{Source: source, ReadOnly: m.ReadOnly, VFSFlags: m.VFSFlags})
	if err != nil {
		log.Printf("%s: %v", source, err)
		report(err.Error())
		return exitFailure
	}
	log.Printf("mounted %s on %s (read-only %v; ignored options: %s)", source, m.Dir, m.ReadOnly, strings.Join(m.Ignored, ","))
	report("ok")
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-stop
		log.Printf("signalled: unmounting %s", m.Dir)
		_ = srv.Unmount()
	}()
	srv.Wait()
	log.Printf("unmounted %s from %s", source, m.Dir)
	return 0
}
