package main

// What sanity does not prove: that the bytes are right. Data written through a pod's path is
// in a snapshot taken while it is mounted, in a volume restored from that snapshot, and in a
// clone; data written after the snapshot is not in the restore; an online expansion makes the
// file system bigger and keeps its data.

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/container-storage-interface/spec/lib/go/csi"
)

func TestSnapshotRestoreAndCloneCarryTheData(t *testing.T) {
	needDisks(t)
	td := startDriver(t, "node-a", "")
	src := td.create(t, "source", minVolumeBytes, nil)
	pod, _ := td.use(t, src.VolumeId)
	before := randomBytes(t, 4*mib)
	writeFile(t, filepath.Join(pod, "before"), before)

	snap, err := td.CreateSnapshot(ctx, &csi.CreateSnapshotRequest{Name: "snap", SourceVolumeId: src.VolumeId})
	if err != nil {
		t.Fatalf("CreateSnapshot: %v", err)
	}
	t.Cleanup(func() { td.DeleteSnapshot(ctx, &csi.DeleteSnapshotRequest{SnapshotId: snap.Snapshot.SnapshotId}) })
	if !snap.Snapshot.ReadyToUse || snap.Snapshot.SizeBytes != minVolumeBytes {
		t.Errorf("snapshot: ready %v, %d bytes; want ready, %d", snap.Snapshot.ReadyToUse, snap.Snapshot.SizeBytes, minVolumeBytes)
	}
	// The copy keeps the image's holes: a few MiB of data, not 300 MiB.
	var st syscall.Stat_t
	if err := syscall.Stat(td.d.store.snapshotImage(snap.Snapshot.SnapshotId), &st); err != nil {
		t.Fatal(err)
	}
	if used := st.Blocks * 512; used > 100*mib {
		t.Errorf("the snapshot's image takes %d bytes on disk: not a sparse copy", used)
	}
	// The source is still writable: the freeze for the copy was undone.
	writeFile(t, filepath.Join(pod, "after"), []byte("written after the snapshot"))

	restored := td.create(t, "restored", minVolumeBytes+200*mib, &csi.VolumeContentSource{
		Type: &csi.VolumeContentSource_Snapshot{Snapshot: &csi.VolumeContentSource_SnapshotSource{SnapshotId: snap.Snapshot.SnapshotId}}})
	if restored.CapacityBytes != minVolumeBytes+200*mib {
		t.Errorf("restored volume: %d bytes, want %d", restored.CapacityBytes, minVolumeBytes+200*mib)
	}
	rpod, _ := td.use(t, restored.VolumeId)
	if got := readFile(t, filepath.Join(rpod, "before")); !bytes.Equal(got, before) {
		t.Error("the restored volume does not hold the data written before the snapshot")
	}
	if _, err := os.Stat(filepath.Join(rpod, "after")); !os.IsNotExist(err) {
		t.Errorf("the restored volume holds a file written after the snapshot (%v)", err)
	}
	// Restored into a bigger volume, the file system was grown to fill it when it was staged.
	if total := td.totalBytes(t, restored.VolumeId, rpod); total < minVolumeBytes+100*mib {
		t.Errorf("restored file system: %d bytes, not grown to the volume's %d", total, restored.CapacityBytes)
	}

	// A clone of the mounted source (frozen while copied) has both files.
	clone := td.create(t, "clone", minVolumeBytes, &csi.VolumeContentSource{
		Type: &csi.VolumeContentSource_Volume{Volume: &csi.VolumeContentSource_VolumeSource{VolumeId: src.VolumeId}}})
	cpod, _ := td.use(t, clone.VolumeId)
	if got := readFile(t, filepath.Join(cpod, "before")); !bytes.Equal(got, before) {
		t.Error("the clone does not hold the source's data")
	}
	if got := readFile(t, filepath.Join(cpod, "after")); string(got) != "written after the snapshot" {
		t.Errorf("the clone's second file: %q", got)
	}
}

func TestOnlineExpansionGrowsTheFileSystemAndKeepsTheData(t *testing.T) {
	needDisks(t)
	td := startDriver(t, "node-a", "")
	vol := td.create(t, "grow", minVolumeBytes, nil)
	pod, staging := td.use(t, vol.VolumeId)
	data := randomBytes(t, 8*mib)
	writeFile(t, filepath.Join(pod, "data"), data)
	small := td.totalBytes(t, vol.VolumeId, pod)

	const bigger = 1024 * mib
	exp, err := td.ControllerExpandVolume(ctx, &csi.ControllerExpandVolumeRequest{VolumeId: vol.VolumeId, CapacityRange: &csi.CapacityRange{RequiredBytes: bigger}})
	if err != nil {
		t.Fatalf("ControllerExpandVolume: %v", err)
	}
	if exp.CapacityBytes != bigger || !exp.NodeExpansionRequired {
		t.Errorf("ControllerExpandVolume: %d bytes, node expansion %v; want %d, true", exp.CapacityBytes, exp.NodeExpansionRequired, bigger)
	}
	// As the kubelet calls it: the pod's path, the staging path, the new size.
	nexp, err := td.NodeExpandVolume(ctx, &csi.NodeExpandVolumeRequest{VolumeId: vol.VolumeId, VolumePath: pod,
		StagingTargetPath: staging, CapacityRange: &csi.CapacityRange{RequiredBytes: bigger}, VolumeCapability: mountCap()})
	if err != nil {
		t.Fatalf("NodeExpandVolume: %v", err)
	}
	if nexp.CapacityBytes != bigger {
		t.Errorf("NodeExpandVolume: %d bytes, want %d", nexp.CapacityBytes, bigger)
	}
	large := td.totalBytes(t, vol.VolumeId, pod)
	var st syscall.Statfs_t
	if err := syscall.Statfs(pod, &st); err != nil {
		t.Fatal(err)
	}
	if large-small < bigger-minVolumeBytes-50*mib || int64(st.Blocks)*st.Bsize != large {
		t.Errorf("file system: %d bytes before, %d after (statfs: %d); want about %d more", small, large, int64(st.Blocks)*st.Bsize, bigger-minVolumeBytes)
	}
	if got := readFile(t, filepath.Join(pod, "data")); !bytes.Equal(got, data) {
		t.Error("the data changed in the expansion")
	}
	// Growing again to the same size changes nothing and succeeds.
	if _, err := td.NodeExpandVolume(ctx, &csi.NodeExpandVolumeRequest{VolumeId: vol.VolumeId, VolumePath: pod,
		CapacityRange: &csi.CapacityRange{RequiredBytes: bigger}}); err != nil {
		t.Errorf("NodeExpandVolume again: %v", err)
	}
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// writeFile writes without fsync: the data may sit in the page cache only, and a snapshot of
// the mounted volume still holds it, because freezing the file system flushes it first.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
	}
	return b
}
