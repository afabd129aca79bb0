package main

// Snapshots: csi-snapshotter calls CreateSnapshot for a VolumeSnapshot, DeleteSnapshot when
// its VolumeSnapshotContent goes, and ListSnapshots to check on snapshots it did not make.
//
// A snapshot here is a copy of the volume's image in the shared directory, off the node, as a
// cloud keeps snapshots in its object store: a volume restored from it (CreateVolume with a
// snapshot source) can be made on any node. The copy is taken where the image is, on the
// volume's node. With csi-snapshotter --node-deployment, each node's csi-snapshotter handles
// only the VolumeSnapshotContents labelled snapshot.storage.kubernetes.io/managed-by=<its
// node>; the snapshot-controller, started with --enable-distributed-snapshotting, sets that
// label to the node the source PV's node affinity names. So CreateSnapshot, and later
// DeleteSnapshot, run on the source volume's node. DeleteSnapshot and ListSnapshots work from
// the shared directory on any node.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// CreateSnapshot copies the volume's image into the shared directory, freezing the file
// system for the copy if the volume is mounted. The copy is complete when the call returns,
// so the snapshot is ready to use at once. Idempotent by name, like CreateVolume.
func (d *driver) CreateSnapshot(ctx context.Context, req *csi.CreateSnapshotRequest) (*csi.CreateSnapshotResponse, error) {
	if err := missing("name", req.Name, "source_volume_id", req.SourceVolumeId); err != nil {
		return nil, err
	}
	if err := checkParameters(req.Parameters, "VolumeSnapshotClass"); err != nil {
		return nil, err
	}
	id := snapshotIDFor(req.Name)
	if err := d.claim(id, req.SourceVolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(id, req.SourceVolumeId)

	if snap, err := d.store.snapshot(id); err == nil {
		if snap.SourceVolumeID != req.SourceVolumeId {
			return nil, status.Errorf(codes.AlreadyExists,
				"snapshot %q already exists, of volume %s, not %s: use another name", req.Name, snap.SourceVolumeID, req.SourceVolumeId)
		}
		return &csi.CreateSnapshotResponse{Snapshot: snap.csi()}, nil
	} else if !errors.Is(err, errNotFound) {
		return nil, status.Errorf(codes.Internal, "reading snapshot %s: %v", id, err)
	}
	src, err := d.record(req.SourceVolumeId)
	if err != nil {
		return nil, err
	}
	if src.Node != d.nodeID {
		return nil, status.Errorf(codes.FailedPrecondition,
			"volume %s is on node %s and this is node %s: a snapshot is taken on the volume's node (csi-snapshotter --node-deployment, with the snapshot-controller's --enable-distributed-snapshotting)",
			src.ID, src.Node, d.nodeID)
	}

	// Copy into a temporary directory and rename it into place: a snapshot directory at its
	// final name is always complete.
	tmp, err := os.MkdirTemp(filepath.Join(d.store.shared, "snapshots"), ".tmp-"+id+"-")
	if err != nil {
		return nil, status.Errorf(codes.Internal, "making snapshot %s: %v", id, err)
	}
	defer os.RemoveAll(tmp) // nothing left to remove once renamed
	image := filepath.Join(tmp, "image")
	if err := copyFrozen(d.store.image(src.ID), image, 0); err != nil {
		return nil, status.Errorf(codes.Internal, "copying volume %s: %v", src.ID, err)
	}
	size, err := fileSize(image)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "making snapshot %s: %v", id, err)
	}
	snap := &snapshotRecord{
		ID: id, Name: req.Name, SourceVolumeID: src.ID, SourceNode: src.Node,
		SizeBytes: size, CreatedAt: time.Now().UTC(),
	}
	if err := writeJSON(filepath.Join(tmp, "meta.json"), snap); err != nil {
		return nil, status.Errorf(codes.Internal, "making snapshot %s: %v", id, err)
	}
	if err := os.Rename(tmp, d.store.snapshotDir(id)); err != nil {
		return nil, status.Errorf(codes.Internal, "making snapshot %s: %v", id, err)
	}
	return &csi.CreateSnapshotResponse{Snapshot: snap.csi()}, nil
}

// csi: size_bytes is the smallest volume the snapshot restores into (a VolumeSnapshot's
// restoreSize).
func (r *snapshotRecord) csi() *csi.Snapshot {
	return &csi.Snapshot{
		SnapshotId: r.ID, SourceVolumeId: r.SourceVolumeID, SizeBytes: r.SizeBytes,
		CreationTime: timestamppb.New(r.CreatedAt), ReadyToUse: true,
	}
}

// DeleteSnapshot removes the snapshot. Volumes restored from it are copies and stay.
func (d *driver) DeleteSnapshot(ctx context.Context, req *csi.DeleteSnapshotRequest) (*csi.DeleteSnapshotResponse, error) {
	if err := missing("snapshot_id", req.SnapshotId); err != nil {
		return nil, err
	}
	if !snapshotIDPattern.MatchString(req.SnapshotId) {
		return &csi.DeleteSnapshotResponse{}, nil // not one of ours: already gone
	}
	if err := d.claim(req.SnapshotId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.SnapshotId)
	if err := d.store.deleteSnapshot(req.SnapshotId); err != nil {
		return nil, status.Errorf(codes.Internal, "deleting snapshot %s: %v", req.SnapshotId, err)
	}
	return &csi.DeleteSnapshotResponse{}, nil
}

// ListSnapshots lists snapshots, all of them or those with one id or of one source volume, a
// page at a time: max_entries per page, and next_token (the index of the next entry) to ask
// for the next page with starting_token.
func (d *driver) ListSnapshots(ctx context.Context, req *csi.ListSnapshotsRequest) (*csi.ListSnapshotsResponse, error) {
	if req.MaxEntries < 0 {
		return nil, status.Error(codes.InvalidArgument, "max_entries cannot be negative")
	}
	all, err := d.store.snapshots()
	if err != nil {
		return nil, status.Errorf(codes.Internal, "listing snapshots: %v", err)
	}
	var list []*snapshotRecord
	for _, s := range all {
		if (req.SnapshotId == "" || s.ID == req.SnapshotId) && (req.SourceVolumeId == "" || s.SourceVolumeID == req.SourceVolumeId) {
			list = append(list, s)
		}
	}
	start := 0
	if req.StartingToken != "" {
		n, err := strconv.Atoi(req.StartingToken)
		if err != nil || n < 0 || n > len(list) {
			return nil, status.Errorf(codes.Aborted, "starting_token %q is not one this driver gave out (or the list has shrunk since): list again from the start", req.StartingToken)
		}
		start = n
	}
	end, next := len(list), ""
	if req.MaxEntries > 0 && start+int(req.MaxEntries) < len(list) {
		end = start + int(req.MaxEntries)
		next = strconv.Itoa(end)
	}
	resp := &csi.ListSnapshotsResponse{NextToken: next}
	for _, s := range list[start:end] {
		resp.Entries = append(resp.Entries, &csi.ListSnapshotsResponse_Entry{Snapshot: s.csi()})
	}
	return resp, nil
}
