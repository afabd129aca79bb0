package main

// The disk work, done the way an administrator would do it by hand, with the same commands:
//
//	truncate -s 300M vol.img && mkfs.xfs -q vol.img    make a volume (a sparse file)
//	losetup /dev/loopN vol.img                         make it a block device
//	mount -t xfs /dev/loopN /staging                   mount it
//	truncate -s 1G vol.img && losetup -c /dev/loopN    grow the device...
//	xfs_growfs -d /staging                             ...and the file system on it, online
//	fsfreeze -f /staging; cp; fsfreeze -u /staging     a consistent copy of a mounted volume
//
// Each helper runs one command and, when it fails, returns an error that quotes the command
// and what it printed.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// minVolumeBytes is the smallest XFS file system mkfs.xfs will make (it refuses anything under
// 300 MiB). Smaller requests are rounded up, and the real size is what the driver reports.
const minVolumeBytes = 300 << 20

// maxVolumeBytes is the largest volume the driver makes or grows to, 64 GiB: like a cloud disk's
// size limit, it is a request the storage refuses although Kubernetes accepts it, which is how
// lesson 7 shows a failed expansion and its recovery (ask for less again, not below the capacity).
const maxVolumeBytes = 64 << 30

func command(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// makeImage creates a sparse file of size bytes at path and formats it XFS. Only what mkfs
// writes takes room on disk; the rest is a hole until the volume's user writes there.
func makeImage(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = f.Truncate(size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = command("mkfs.xfs", "-q", path)
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// copyImage copies src to dst keeping the holes (a 300 MiB volume with little data copies as
// little data), and makes dst at least size bytes long; the file system inside is grown to
// fill it at the next mount.
func copyImage(src, dst string, size int64) error {
	if _, err := command("cp", "--sparse=always", src, dst); err != nil {
		os.Remove(dst)
		return err
	}
	if err := growFile(dst, size); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// copyFrozen copies a volume's image like copyImage. If the volume is mounted, its file
// system is frozen for the copy: writers wait, and the device holds a consistent file system,
// as if it had been unmounted. It is thawed afterwards, whatever happened.
func copyFrozen(image, dst string, size int64) (err error) {
	_, on, err := where(image)
	if err != nil {
		return err
	}
	if len(on) > 0 {
		mountpoint := on[0].path
		if err := freeze(mountpoint); err != nil {
			return err
		}
		defer func() {
			if terr := thaw(mountpoint); terr != nil {
				err = errors.Join(err, terr)
			}
		}()
	}
	return copyImage(image, dst, size)
}

func fileSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// growFile makes path size bytes long if it is shorter; it never shrinks it.
func growFile(path string, size int64) error {
	cur, err := fileSize(path)
	if err != nil || cur >= size {
		return err
	}
	return os.Truncate(path, size)
}

var attachMu sync.Mutex // two attaches at once would both pick the same free device

// attach attaches the image to a free loop device. A container (a kind node, the driver's pod)
// has its own /dev: the kernel makes /dev/loopN on the host only, so the node is made here
// when it is missing (block device, major 7, minor N).
func attach(image string) (string, error) {
	attachMu.Lock()
	defer attachMu.Unlock()
	var lastErr error
	for try := 0; try < 5; try++ { // another program may take the free device first
		out, err := command("losetup", "-f")
		if err != nil {
			return "", err
		}
		dev := strings.TrimSpace(out)
		if _, err := os.Stat(dev); os.IsNotExist(err) {
			n := strings.TrimPrefix(dev, "/dev/loop")
			if _, err := strconv.Atoi(n); err != nil {
				return "", fmt.Errorf("losetup -f printed %q, not /dev/loopN", dev)
			}
			if _, err := command("mknod", dev, "b", "7", n); err != nil {
				return "", err
			}
		}
		if _, lastErr = command("losetup", dev, image); lastErr == nil {
			return dev, nil
		}
	}
	return "", lastErr
}

func detach(dev string) error { _, err := command("losetup", "-d", dev); return err }

// refreshSize makes the loop device see its backing file's new length.
func refreshSize(dev string) error { _, err := command("losetup", "-c", dev); return err }

func mountXFS(dev, target string, flags []string) error {
	// nouuid: a clone or a restored snapshot has its source's file-system UUID, and XFS refuses
	// to mount a second file system with a UUID it already has mounted.
	opts := append([]string{"nouuid"}, flags...)
	_, err := command("mount", "-t", "xfs", "-o", strings.Join(opts, ","), dev, target)
	return err
}

func bindMount(source, target string, readonly bool) error {
	opts := "bind"
	if readonly {
		opts = "bind,ro"
	}
	_, err := command("mount", "-o", opts, source, target)
	return err
}

func unmount(target string) error { _, err := command("umount", target); return err }

func growFS(mountpoint string) error { _, err := command("xfs_growfs", "-d", mountpoint); return err }

func freeze(mountpoint string) error { _, err := command("fsfreeze", "-f", mountpoint); return err }

func thaw(mountpoint string) error { _, err := command("fsfreeze", "-u", mountpoint); return err }

// mount is one line of /proc/self/mountinfo: which device (major:minor) is mounted where.
type mount struct {
	device   string // "7:3"
	path     string
	readonly bool
}

func mounts() ([]mount, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var list []mount
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		// 36 35 7:3 / /mnt/x rw,relatime shared:1 - xfs /dev/loop3 rw,...
		// (mountinfo escapes spaces in paths as \040; the kubelet's paths have none)
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		opts := "," + fields[5] + ","
		list = append(list, mount{device: fields[2], path: fields[4], readonly: strings.Contains(opts, ",ro,")})
	}
	return list, sc.Err()
}

// deviceNumber returns a block device's "major:minor", as mountinfo shows it.
func deviceNumber(dev string) (string, error) {
	fi, err := os.Stat(dev)
	if err != nil {
		return "", err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || fi.Mode()&os.ModeDevice == 0 {
		return "", fmt.Errorf("%s is not a device", dev)
	}
	return fmt.Sprintf("%d:%d", unix.Major(st.Rdev), unix.Minor(st.Rdev)), nil
}

// where returns the loop device an image is attached to ("" if none; losetup -j matches the
// backing file by device and inode, not by name) and the mounts of that device: the staging
// path, then one bind mount per pod.
func where(image string) (dev string, on []mount, err error) {
	out, err := command("losetup", "-j", image, "-n", "-O", "NAME")
	if err != nil || strings.TrimSpace(out) == "" {
		return "", nil, err
	}
	dev = strings.Fields(out)[0]
	num, err := deviceNumber(dev)
	if err != nil {
		return "", nil, err
	}
	all, err := mounts()
	for _, m := range all {
		if m.device == num {
			on = append(on, m)
		}
	}
	return dev, on, err
}

func mountedOn(on []mount, path string) (mount, bool) {
	for _, m := range on {
		if m.path == path {
			return m, true
		}
	}
	return mount{}, false
}

// mountAt returns the mount at path, if path is a mount point.
func mountAt(path string) (mount, bool, error) {
	all, err := mounts()
	if err != nil {
		return mount{}, false, err
	}
	for i := len(all) - 1; i >= 0; i-- { // the last mount on a path is the visible one
		if all[i].path == path {
			return all[i], true, nil
		}
	}
	return mount{}, false, nil
}
