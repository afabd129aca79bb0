package main

// The test harness: a driver served in-process on a temporary unix socket, with temporary
// state and shared directories, and a clean-up that unmounts and detaches whatever the test
// left behind, even when it failed half-way.

import (
	"context"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

const mib = 1 << 20

type testDriver struct {
	d    *driver
	root string // everything the test makes is under here
	csi.IdentityClient
	csi.ControllerClient
	csi.NodeClient
}

// startDriver serves a driver for node nodeID. shared is the shared directory ("" for a new
// one); a second driver given the first one's shared directory plays another node.
func startDriver(t *testing.T, nodeID, shared string) *testDriver {
	t.Helper()
	root := t.TempDir()
	if shared == "" {
		shared = filepath.Join(root, "shared")
	}
	d, err := newDriver(config{nodeID: nodeID, stateDir: filepath.Join(root, "state"), sharedDir: shared})
	if err != nil {
		t.Fatal(err)
	}
	// Registered after TempDir, so it runs before TempDir removes the directory.
	t.Cleanup(func() { cleanUpDisks(t, root, d.store.state) })

	sock := filepath.Join(root, "csi.sock")
	l, err := listen(sock)
	if err != nil {
		t.Fatal(err)
	}
	log.SetOutput(testLog{t})
	srv := d.server()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Stop(); log.SetOutput(os.Stderr) })

	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &testDriver{d: d, root: root,
		IdentityClient: csi.NewIdentityClient(conn), ControllerClient: csi.NewControllerClient(conn), NodeClient: csi.NewNodeClient(conn)}
}

// testLog sends the driver's log lines to the test's log, shown when it fails (or with -v).
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// cleanUpDisks unmounts everything under root, deepest first, and detaches the loop devices
// of the images in state.
func cleanUpDisks(t *testing.T, root, state string) {
	all, err := mounts()
	if err != nil {
		t.Error(err)
	}
	var paths []string
	for _, m := range all {
		if m.path == root || strings.HasPrefix(m.path, root+"/") {
			paths = append(paths, m.path)
		}
	}
	sort.Slice(paths, func(i, j int) bool { return len(paths[i]) > len(paths[j]) })
	for _, p := range paths {
		exec.Command("fsfreeze", "-u", p).Run() // in case a test stopped with it frozen
		if err := unmount(p); err != nil {
			t.Errorf("clean-up: %v", err)
			exec.Command("umount", "-l", p).Run()
		}
	}
	images, _ := filepath.Glob(filepath.Join(state, "volumes", "*"))
	for _, image := range images {
		if dev, _, _ := where(image); dev != "" {
			if err := detach(dev); err != nil {
				t.Errorf("clean-up: %v", err)
			}
		}
	}
}

var (
	probeOnce sync.Once
	probeMiss string
)

// needDisks skips the test, or fails it under CI=true, unless this machine can do what the
// driver does: run as root, the commands, loop devices, XFS. The last is proven by making,
// attaching and mounting a real volume.
func needDisks(t *testing.T) {
	t.Helper()
	probeOnce.Do(func() { probeMiss = probeDisks() })
	if probeMiss == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("cannot run: %s", probeMiss)
	}
	t.Skipf("not run: %s (under CI=true this fails)", probeMiss)
}

func probeDisks() string {
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, "root (the driver attaches loop devices and mounts file systems)")
	}
	for cmd, pkg := range map[string]string{
		"losetup": "util-linux", "mount": "util-linux", "umount": "util-linux", "fsfreeze": "util-linux",
		"mkfs.xfs": "xfsprogs", "xfs_growfs": "xfsprogs", "cp": "coreutils", "mknod": "coreutils",
	} {
		if _, err := exec.LookPath(cmd); err != nil {
			missing = append(missing, "the command "+cmd+" (package "+pkg+")")
		}
	}
	if _, err := os.Stat("/dev/loop-control"); err != nil {
		missing = append(missing, "loop devices (/dev/loop-control)")
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return "missing " + strings.Join(missing, ", ")
	}
	dir, err := os.MkdirTemp("", "csi-probe-")
	if err != nil {
		return err.Error()
	}
	defer os.RemoveAll(dir)
	image, mnt := filepath.Join(dir, "probe.img"), filepath.Join(dir, "mnt")
	if err := os.Mkdir(mnt, 0o700); err != nil {
		return err.Error()
	}
	if err := makeImage(image, minVolumeBytes); err != nil {
		return "cannot make an XFS image: " + err.Error()
	}
	dev, err := attach(image)
	if err != nil {
		return "cannot attach a loop device: " + err.Error()
	}
	defer detach(dev)
	if err := mountXFS(dev, mnt, nil); err != nil {
		return "cannot mount XFS from a loop device: " + err.Error()
	}
	if err := unmount(mnt); err != nil {
		return err.Error()
	}
	return ""
}

// Helpers for the focused tests: each fails the test on an error.

var ctx = context.Background()

func mountCap() *csi.VolumeCapability {
	return &csi.VolumeCapability{
		AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{}},
		AccessMode: &csi.VolumeCapability_AccessMode{Mode: csi.VolumeCapability_AccessMode_SINGLE_NODE_MULTI_WRITER},
	}
}

func (td *testDriver) create(t *testing.T, name string, size int64, source *csi.VolumeContentSource) *csi.Volume {
	t.Helper()
	resp, err := td.CreateVolume(ctx, &csi.CreateVolumeRequest{
		Name: name, CapacityRange: &csi.CapacityRange{RequiredBytes: size},
		VolumeCapabilities: []*csi.VolumeCapability{mountCap()}, VolumeContentSource: source,
	})
	if err != nil {
		t.Fatalf("CreateVolume %s: %v", name, err)
	}
	id := resp.Volume.VolumeId
	t.Cleanup(func() {
		if _, err := td.DeleteVolume(ctx, &csi.DeleteVolumeRequest{VolumeId: id}); err != nil {
			t.Errorf("DeleteVolume %s: %v", id, err)
		}
	})
	return resp.Volume
}

// use stages and publishes a volume as the kubelet would for a pod, and returns the pod's
// path to it (and the staging path); the clean-up unpublishes and unstages it.
func (td *testDriver) use(t *testing.T, id string) (target, staging string) {
	t.Helper()
	staging, target = filepath.Join(td.root, "staging-"+id), filepath.Join(td.root, "pods", id)
	if err := os.Mkdir(staging, 0o750); err != nil {
		t.Fatal(err)
	}
	pub, err := td.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: id, NodeId: td.d.nodeID, VolumeCapability: mountCap()})
	if err != nil {
		t.Fatalf("ControllerPublishVolume: %v", err)
	}
	t.Cleanup(func() {
		if _, err := td.NodeUnpublishVolume(ctx, &csi.NodeUnpublishVolumeRequest{VolumeId: id, TargetPath: target}); err != nil {
			t.Errorf("NodeUnpublishVolume: %v", err)
		}
		if _, err := td.NodeUnstageVolume(ctx, &csi.NodeUnstageVolumeRequest{VolumeId: id, StagingTargetPath: staging}); err != nil {
			t.Errorf("NodeUnstageVolume: %v", err)
		}
	})
	if _, err := td.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: id, StagingTargetPath: staging,
		VolumeCapability: mountCap(), PublishContext: pub.PublishContext}); err != nil {
		t.Fatalf("NodeStageVolume: %v", err)
	}
	if _, err := td.NodePublishVolume(ctx, &csi.NodePublishVolumeRequest{VolumeId: id, StagingTargetPath: staging,
		TargetPath: target, VolumeCapability: mountCap(), PublishContext: pub.PublishContext}); err != nil {
		t.Fatalf("NodePublishVolume: %v", err)
	}
	return target, staging
}

// totalBytes is the file system's size as NodeGetVolumeStats reports it.
func (td *testDriver) totalBytes(t *testing.T, id, path string) int64 {
	t.Helper()
	resp, err := td.NodeGetVolumeStats(ctx, &csi.NodeGetVolumeStatsRequest{VolumeId: id, VolumePath: path})
	if err != nil {
		t.Fatalf("NodeGetVolumeStats: %v", err)
	}
	for _, u := range resp.Usage {
		if u.Unit == csi.VolumeUsage_BYTES {
			return u.Total
		}
	}
	t.Fatal("NodeGetVolumeStats: no BYTES usage")
	return 0
}
