package main

// The Controller service: volumes as the cluster sees them, before any pod mounts one.
// Each RPC has one caller:
//   - CreateVolume, DeleteVolume: csi-provisioner, for a PVC and for a PV being deleted. With
//     --node-deployment every node runs its own csi-provisioner, which calls the driver on its
//     node only for the PVCs whose pod the scheduler put there (annotation
//     volume.kubernetes.io/selected-node), and deletes only the PVs whose node affinity is its
//     own node. So CreateVolume and DeleteVolume run on the volume's node.
//   - ControllerPublishVolume, ControllerUnpublishVolume: csi-attacher, for a VolumeAttachment
//     (pod's volume, pod's node).
//   - ControllerExpandVolume: csi-resizer, when a PVC asks for more storage.
//   - ControllerModifyVolume: csi-resizer, when a PVC names another VolumeAttributesClass.
//   - ValidateVolumeCapabilities: anyone checking a pre-existing volume.
//
// csi-attacher and csi-resizer are elected leaders: one of them, on whichever node, serves the
// whole cluster, so their RPCs may reach the driver on another node than the volume's. They
// work from the shared records alone.

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func (d *driver) ControllerGetCapabilities(context.Context, *csi.ControllerGetCapabilitiesRequest) (*csi.ControllerGetCapabilitiesResponse, error) {
	var caps []*csi.ControllerServiceCapability
	for _, t := range []csi.ControllerServiceCapability_RPC_Type{
		csi.ControllerServiceCapability_RPC_CREATE_DELETE_VOLUME,
		csi.ControllerServiceCapability_RPC_PUBLISH_UNPUBLISH_VOLUME,
		csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT,
		csi.ControllerServiceCapability_RPC_LIST_SNAPSHOTS,
		csi.ControllerServiceCapability_RPC_CLONE_VOLUME,
		csi.ControllerServiceCapability_RPC_EXPAND_VOLUME,
		csi.ControllerServiceCapability_RPC_MODIFY_VOLUME,
		csi.ControllerServiceCapability_RPC_SINGLE_NODE_MULTI_WRITER,
	} {
		caps = append(caps, &csi.ControllerServiceCapability{Type: &csi.ControllerServiceCapability_Rpc{
			Rpc: &csi.ControllerServiceCapability_RPC{Type: t},
		}})
	}
	return &csi.ControllerGetCapabilitiesResponse{Capabilities: caps}, nil
}

// CreateVolume makes a volume on this node: an empty XFS file system, a copy of a snapshot
// (restore) or a copy of another volume on this node (clone). It is idempotent: the volume's
// id comes from its name, and a second call with the same name returns the same volume.
func (d *driver) CreateVolume(ctx context.Context, req *csi.CreateVolumeRequest) (*csi.CreateVolumeResponse, error) {
	if err := missing("name", req.Name); err != nil {
		return nil, err
	}
	if err := checkCapabilities(req.VolumeCapabilities); err != nil {
		return nil, err
	}
	if err := checkParameters(req.Parameters, "StorageClass"); err != nil {
		return nil, err
	}
	if err := checkMutableParameters(req.MutableParameters); err != nil {
		return nil, err
	}
	id := volumeIDFor(req.Name)
	source := requestedSource(req.VolumeContentSource)
	ids := []string{id}
	if source != nil && source.VolumeID != "" {
		ids = append(ids, source.VolumeID) // no stage, unstage or snapshot of it while we copy
	}
	if err := d.claim(ids...); err != nil {
		return nil, err
	}
	defer d.busy.release(ids...)

	if rec, err := d.store.volume(id); err == nil {
		if !sameSource(rec.ContentSource, source) || !fits(rec.CapacityBytes, req.CapacityRange) ||
			!reachable(req.AccessibilityRequirements, rec.Node) {
			return nil, status.Errorf(codes.AlreadyExists,
				"volume %q already exists (%s, %d bytes on node %s) and differs from this request in size, source or node: use another name or delete it first",
				req.Name, rec.ID, rec.CapacityBytes, rec.Node)
		}
		return &csi.CreateVolumeResponse{Volume: rec.csi()}, nil
	} else if !errors.Is(err, errNotFound) {
		return nil, status.Errorf(codes.Internal, "reading the record of %s: %v", id, err)
	}

	if !reachable(req.AccessibilityRequirements, d.nodeID) {
		return nil, status.Errorf(codes.ResourceExhausted,
			"this driver runs on node %s and makes volumes on its own node only, but the volume must be on one of: %s",
			d.nodeID, describeTopology(req.AccessibilityRequirements))
	}
	floor, copyFrom, err := d.checkSource(source)
	if err != nil {
		return nil, err
	}
	size, err := sizeFor(req.CapacityRange, floor)
	if err != nil {
		return nil, err
	}

	// Build the image under a temporary name, then rename it: an image at the final name is
	// always complete.
	image := d.store.image(id)
	tmp := image + ".tmp"
	os.Remove(tmp) // a crashed earlier attempt's
	if copyFrom == "" {
		err = makeImage(tmp, size)
	} else {
		err = copyFrozen(copyFrom, tmp, size)
	}
	if err == nil {
		err = os.Rename(tmp, image)
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "making the image of %s: %v", id, err)
	}
	rec := &volumeRecord{
		ID: id, Name: req.Name, Node: d.nodeID, CapacityBytes: size,
		Parameters: req.Parameters, MutableParameters: req.MutableParameters,
		ContentSource: source, CreatedAt: time.Now().UTC(),
	}
	if err := d.store.putVolume(rec); err != nil {
		os.Remove(image)
		return nil, status.Errorf(codes.Internal, "writing the record of %s: %v", id, err)
	}
	return &csi.CreateVolumeResponse{Volume: rec.csi()}, nil
}

func requestedSource(s *csi.VolumeContentSource) *contentSource {
	switch {
	case s.GetSnapshot() != nil:
		return &contentSource{SnapshotID: s.GetSnapshot().GetSnapshotId()}
	case s.GetVolume() != nil:
		return &contentSource{VolumeID: s.GetVolume().GetVolumeId()}
	}
	return nil
}

func sameSource(a, b *contentSource) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func fits(size int64, r *csi.CapacityRange) bool {
	return size >= r.GetRequiredBytes() && (r.GetLimitBytes() == 0 || size <= r.GetLimitBytes())
}

// checkSource finds the image a new volume is copied from and the smallest size it can have.
// A snapshot is in the shared directory and restores on any node; a clone is a copy of an
// image on this node, so its source must be here.
func (d *driver) checkSource(s *contentSource) (floor int64, image string, err error) {
	switch {
	case s == nil:
		return 0, "", nil
	case s.SnapshotID != "":
		snap, err := d.store.snapshot(s.SnapshotID)
		if err != nil {
			return 0, "", status.Errorf(codes.NotFound, "snapshot %s does not exist: was its VolumeSnapshot deleted?", s.SnapshotID)
		}
		return snap.SizeBytes, d.store.snapshotImage(snap.ID), nil
	default:
		src, err := d.store.volume(s.VolumeID)
		if err != nil {
			return 0, "", status.Errorf(codes.NotFound, "source volume %s does not exist", s.VolumeID)
		}
		if src.Node != d.nodeID {
			// ResourceExhausted makes csi-provisioner give the pod back to the scheduler, which
			// may pick the source's node next time.
			return 0, "", status.Errorf(codes.ResourceExhausted,
				"a clone is made on its source's node: source volume %s is on node %s, and this CreateVolume ran on node %s; schedule the pod that uses the clone on node %s (for example nodeSelector kubernetes.io/hostname: %s)",
				src.ID, src.Node, d.nodeID, src.Node, src.Node)
		}
		return src.CapacityBytes, d.store.image(src.ID), nil
	}
}

// csi is the volume as CreateVolume returns it. accessible_topology becomes the PV's node
// affinity: the volume's pods are scheduled on its node.
func (r *volumeRecord) csi() *csi.Volume {
	v := &csi.Volume{
		VolumeId:           r.ID,
		CapacityBytes:      r.CapacityBytes,
		AccessibleTopology: []*csi.Topology{{Segments: map[string]string{topologyKey: r.Node}}},
	}
	switch {
	case r.ContentSource == nil:
	case r.ContentSource.SnapshotID != "":
		v.ContentSource = &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Snapshot{
			Snapshot: &csi.VolumeContentSource_SnapshotSource{SnapshotId: r.ContentSource.SnapshotID}}}
	default:
		v.ContentSource = &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Volume{
			Volume: &csi.VolumeContentSource_VolumeSource{VolumeId: r.ContentSource.VolumeID}}}
	}
	return v
}

// DeleteVolume removes the volume's image and record. Deleting a volume that is already gone
// succeeds: the sidecar may be retrying a call whose answer it lost. Snapshots of the volume
// are copies and stay.
func (d *driver) DeleteVolume(ctx context.Context, req *csi.DeleteVolumeRequest) (*csi.DeleteVolumeResponse, error) {
	id := req.VolumeId
	if err := missing("volume_id", id); err != nil {
		return nil, err
	}
	if err := d.claim(id); err != nil {
		return nil, err
	}
	defer d.busy.release(id)
	rec, err := d.store.volume(id)
	if errors.Is(err, errNotFound) {
		if volumeIDPattern.MatchString(id) {
			os.Remove(d.store.image(id)) // an image whose record was never written
		}
		return &csi.DeleteVolumeResponse{}, nil
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "reading the record of %s: %v", id, err)
	}
	if rec.Node != d.nodeID {
		return nil, status.Errorf(codes.FailedPrecondition,
			"volume %s is on node %s and this is node %s: DeleteVolume must run on the volume's node (csi-provisioner --node-deployment does that)",
			id, rec.Node, d.nodeID)
	}
	image := d.store.image(id)
	if dev, _, err := where(image); err != nil || dev != "" {
		return nil, status.Errorf(codes.FailedPrecondition,
			"volume %s is still staged on node %s (%s %v): stop the pods that use it first", id, rec.Node, dev, err)
	}
	if err := removeIfPresent(image); err != nil {
		return nil, status.Errorf(codes.Internal, "removing the image of %s: %v", id, err)
	}
	if err := d.store.deleteVolume(id); err != nil {
		return nil, status.Errorf(codes.Internal, "removing the record of %s: %v", id, err)
	}
	return &csi.DeleteVolumeResponse{}, nil
}

// ControllerPublishVolume is where a cloud driver attaches a disk to the pod's machine. This
// volume is a file on its node and needs no attaching: the RPC checks that the pod's node is
// the volume's node, so that a pod on the wrong node fails here, on its VolumeAttachment,
// with a clear message. The publish_context it returns reaches NodeStageVolume.
func (d *driver) ControllerPublishVolume(ctx context.Context, req *csi.ControllerPublishVolumeRequest) (*csi.ControllerPublishVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "node_id", req.NodeId); err != nil {
		return nil, err
	}
	if err := checkCapability(req.VolumeCapability); err != nil {
		return nil, err
	}
	rec, err := d.record(req.VolumeId)
	if err != nil {
		return nil, err
	}
	if !d.store.nodeKnown(req.NodeId) {
		return nil, status.Errorf(codes.NotFound, "node %s has never run %s: is the driver's DaemonSet pod running there?", req.NodeId, driverName)
	}
	if rec.Node != req.NodeId {
		return nil, status.Errorf(codes.FailedPrecondition,
			"volume %s is on node %s and cannot be attached to node %s: its pods must run on node %s (the PV's node affinity says so)",
			rec.ID, rec.Node, req.NodeId, rec.Node)
	}
	return &csi.ControllerPublishVolumeResponse{PublishContext: map[string]string{"node": rec.Node}}, nil
}

// ControllerUnpublishVolume: nothing was attached, so nothing to detach.
func (d *driver) ControllerUnpublishVolume(ctx context.Context, req *csi.ControllerUnpublishVolumeRequest) (*csi.ControllerUnpublishVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId); err != nil {
		return nil, err
	}
	return &csi.ControllerUnpublishVolumeResponse{}, nil
}

// ValidateVolumeCapabilities answers "could this existing volume be used like this?".
func (d *driver) ValidateVolumeCapabilities(ctx context.Context, req *csi.ValidateVolumeCapabilitiesRequest) (*csi.ValidateVolumeCapabilitiesResponse, error) {
	if err := missing("volume_id", req.VolumeId); err != nil {
		return nil, err
	}
	if len(req.VolumeCapabilities) == 0 {
		return nil, status.Error(codes.InvalidArgument, "volume_capabilities is missing")
	}
	if _, err := d.record(req.VolumeId); err != nil {
		return nil, err
	}
	for _, c := range req.VolumeCapabilities {
		if why := unsupported(c); why != "" {
			return &csi.ValidateVolumeCapabilitiesResponse{Message: why}, nil
		}
	}
	// Confirmed lists what was checked: the capabilities, not the parameters.
	return &csi.ValidateVolumeCapabilitiesResponse{Confirmed: &csi.ValidateVolumeCapabilitiesResponse_Confirmed{
		VolumeContext: req.VolumeContext, VolumeCapabilities: req.VolumeCapabilities,
	}}, nil
}

// ControllerExpandVolume is the first half of growing a volume: it records the new size. The
// file system grows on the node (NodeExpandVolume, which the kubelet calls because
// node_expansion_required is true; or at the next NodeStageVolume).
func (d *driver) ControllerExpandVolume(ctx context.Context, req *csi.ControllerExpandVolumeRequest) (*csi.ControllerExpandVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId); err != nil {
		return nil, err
	}
	if req.CapacityRange == nil {
		return nil, status.Error(codes.InvalidArgument, "capacity_range is missing: say how big the volume should be")
	}
	if req.VolumeCapability != nil {
		if err := checkCapability(req.VolumeCapability); err != nil {
			return nil, err
		}
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	rec, err := d.record(req.VolumeId)
	if err != nil {
		return nil, err
	}
	size, err := sizeFor(req.CapacityRange, 0)
	if err != nil {
		return nil, err
	}
	// Volumes only grow. A retried call, or one for a size already reached, changes nothing,
	// and still asks for the node step, which does nothing when there is nothing to do.
	if size > rec.CapacityBytes {
		rec.CapacityBytes = size
		if err := d.store.putVolume(rec); err != nil {
			return nil, status.Errorf(codes.Internal, "writing the record of %s: %v", rec.ID, err)
		}
	}
	return &csi.ControllerExpandVolumeResponse{CapacityBytes: rec.CapacityBytes, NodeExpansionRequired: true}, nil
}

// ControllerModifyVolume applies a new VolumeAttributesClass to a volume. Parameters it does
// not know are refused with InvalidArgument, which Kubernetes shows on the PVC as an
// infeasible modification (the PVC keeps its old class until it asks for a valid one).
func (d *driver) ControllerModifyVolume(ctx context.Context, req *csi.ControllerModifyVolumeRequest) (*csi.ControllerModifyVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId); err != nil {
		return nil, err
	}
	if err := checkMutableParameters(req.MutableParameters); err != nil {
		return nil, err
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	rec, err := d.record(req.VolumeId)
	if err != nil {
		return nil, err
	}
	if rec.MutableParameters == nil {
		rec.MutableParameters = map[string]string{}
	}
	for k, v := range req.MutableParameters {
		rec.MutableParameters[k] = v
	}
	if err := d.store.putVolume(rec); err != nil {
		return nil, status.Errorf(codes.Internal, "writing the record of %s: %v", rec.ID, err)
	}
	return &csi.ControllerModifyVolumeResponse{}, nil
}

// record reads a volume's record, as a gRPC error if there is none.
func (d *driver) record(id string) (*volumeRecord, error) {
	rec, err := d.store.volume(id)
	if errors.Is(err, errNotFound) {
		return nil, status.Errorf(codes.NotFound, "volume %s does not exist", id)
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "reading the record of %s: %v", id, err)
	}
	return rec, nil
}

// claim marks ids busy for this RPC, or returns Aborted if another RPC is working on one.
func (d *driver) claim(ids ...string) error {
	if taken, ok := d.busy.claim(ids...); !ok {
		return status.Errorf(codes.Aborted, "an operation on %s is in progress: retry", taken)
	}
	return nil
}
