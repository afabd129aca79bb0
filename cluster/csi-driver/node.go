package main

// The Node service: the kubelet calls it on the node where a pod using the volume starts.
//   - NodeStageVolume, once per volume and node: make the volume usable on the node, at a
//     staging path the kubelet chose (/var/lib/kubelet/plugins/kubernetes.io/csi/<driver>/
//     <hash>/globalmount). Here: attach the image to a loop device, mount its XFS there.
//   - NodePublishVolume, once per pod: make it appear at the pod's target path
//     (/var/lib/kubelet/pods/<pod-uid>/volumes/...). Here: a bind mount of the staging path.
//   - NodeUnpublishVolume, NodeUnstageVolume: the same, undone, when the pods go.
//   - NodeExpandVolume: grow the file system after ControllerExpandVolume, while mounted.
//   - NodeGetVolumeStats: the used and free bytes and inodes the kubelet reports as metrics.
//   - NodeGetInfo: the node's id and topology, which the kubelet puts in the CSINode object
//     and on the Node's labels when the driver registers (registration.go).
//
// The kubelet retries every call until it succeeds, so each one is idempotent: it looks at
// what is attached (losetup) and mounted (/proc/self/mountinfo) and does only what is missing.

import (
	"context"
	"os"
	"path/filepath"
	"syscall"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// maxVolumesPerNode: how many of this driver's volumes the scheduler puts on one node (the
// CSINode's allocatable count). Each staged volume holds a loop device.
const maxVolumesPerNode = 64

func (d *driver) NodeGetCapabilities(context.Context, *csi.NodeGetCapabilitiesRequest) (*csi.NodeGetCapabilitiesResponse, error) {
	var caps []*csi.NodeServiceCapability
	for _, t := range []csi.NodeServiceCapability_RPC_Type{
		csi.NodeServiceCapability_RPC_STAGE_UNSTAGE_VOLUME,
		csi.NodeServiceCapability_RPC_EXPAND_VOLUME,
		csi.NodeServiceCapability_RPC_GET_VOLUME_STATS,
		csi.NodeServiceCapability_RPC_SINGLE_NODE_MULTI_WRITER,
	} {
		caps = append(caps, &csi.NodeServiceCapability{Type: &csi.NodeServiceCapability_Rpc{
			Rpc: &csi.NodeServiceCapability_RPC{Type: t},
		}})
	}
	return &csi.NodeGetCapabilitiesResponse{Capabilities: caps}, nil
}

func (d *driver) NodeGetInfo(context.Context, *csi.NodeGetInfoRequest) (*csi.NodeGetInfoResponse, error) {
	return &csi.NodeGetInfoResponse{
		NodeId:             d.nodeID,
		MaxVolumesPerNode:  maxVolumesPerNode,
		AccessibleTopology: &csi.Topology{Segments: map[string]string{topologyKey: d.nodeID}},
	}, nil
}

// NodeStageVolume attaches the volume's image to a loop device and mounts it at the staging
// path. If the record says the volume is bigger than its image (it was expanded while no pod
// used it, or restored into a bigger volume), the image and its file system grow first.
func (d *driver) NodeStageVolume(ctx context.Context, req *csi.NodeStageVolumeRequest) (*csi.NodeStageVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "staging_target_path", req.StagingTargetPath); err != nil {
		return nil, err
	}
	if err := checkCapability(req.VolumeCapability); err != nil {
		return nil, err
	}
	if n, ok := req.PublishContext["node"]; ok && n != d.nodeID {
		return nil, status.Errorf(codes.FailedPrecondition, "volume %s was published to node %s, and this is node %s", req.VolumeId, n, d.nodeID)
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	rec, image, err := d.local(req.VolumeId)
	if err != nil {
		return nil, err
	}
	staging := filepath.Clean(req.StagingTargetPath)

	dev, on, err := where(image)
	if err == nil {
		err = growFile(image, rec.CapacityBytes)
	}
	if err == nil && dev != "" {
		err = refreshSize(dev)
	}
	attached := false
	if err == nil && dev == "" {
		dev, err = attach(image)
		attached = err == nil
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "attaching volume %s: %v", req.VolumeId, err)
	}
	if _, mounted := mountedOn(on, staging); !mounted {
		if m, busy, _ := mountAt(staging); busy {
			return nil, status.Errorf(codes.FailedPrecondition, "staging path %s already has another file system mounted (device %s)", staging, m.device)
		}
		if err := mountXFS(dev, staging, req.VolumeCapability.GetMount().GetMountFlags()); err != nil {
			if attached {
				detach(dev)
			}
			return nil, status.Errorf(codes.Internal, "mounting volume %s: %v", req.VolumeId, err)
		}
	}
	// Grow the file system to fill the device; when it already does, xfs_growfs changes nothing.
	if err := growFS(staging); err != nil {
		return nil, status.Errorf(codes.Internal, "growing the file system of %s: %v", req.VolumeId, err)
	}
	return &csi.NodeStageVolumeResponse{}, nil
}

// NodeUnstageVolume unmounts the staging path and detaches the loop device.
func (d *driver) NodeUnstageVolume(ctx context.Context, req *csi.NodeUnstageVolumeRequest) (*csi.NodeUnstageVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "staging_target_path", req.StagingTargetPath); err != nil {
		return nil, err
	}
	if !volumeIDPattern.MatchString(req.VolumeId) {
		return &csi.NodeUnstageVolumeResponse{}, nil // not one of ours: nothing staged
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	staging := filepath.Clean(req.StagingTargetPath)
	dev, on, err := where(d.store.image(req.VolumeId))
	if err != nil {
		return nil, status.Errorf(codes.Internal, "looking for volume %s's loop device: %v", req.VolumeId, err)
	}
	if dev == "" {
		return &csi.NodeUnstageVolumeResponse{}, nil // not staged (any more)
	}
	for _, m := range on {
		if m.path != staging {
			return nil, status.Errorf(codes.FailedPrecondition, "volume %s is still published at %s: NodeUnpublishVolume it first", req.VolumeId, m.path)
		}
	}
	if len(on) > 0 {
		if err := unmount(staging); err != nil {
			return nil, status.Errorf(codes.Internal, "unmounting volume %s: %v", req.VolumeId, err)
		}
	}
	if err := detach(dev); err != nil {
		return nil, status.Errorf(codes.Internal, "detaching volume %s: %v", req.VolumeId, err)
	}
	return &csi.NodeUnstageVolumeResponse{}, nil
}

// NodePublishVolume bind-mounts the staging path at the pod's target path, read-only if the
// pod asked for it.
func (d *driver) NodePublishVolume(ctx context.Context, req *csi.NodePublishVolumeRequest) (*csi.NodePublishVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "target_path", req.TargetPath); err != nil {
		return nil, err
	}
	if err := checkCapability(req.VolumeCapability); err != nil {
		return nil, err
	}
	if req.StagingTargetPath == "" {
		return nil, status.Error(codes.InvalidArgument, "staging_target_path is missing: this driver stages volumes (NodeStageVolume) before publishing them")
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	_, image, err := d.local(req.VolumeId)
	if err != nil {
		return nil, err
	}
	staging, target := filepath.Clean(req.StagingTargetPath), filepath.Clean(req.TargetPath)
	readonly := req.Readonly || req.VolumeCapability.GetAccessMode().GetMode() == csi.VolumeCapability_AccessMode_SINGLE_NODE_READER_ONLY

	_, on, err := where(image)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "looking for volume %s's loop device: %v", req.VolumeId, err)
	}
	if _, staged := mountedOn(on, staging); !staged {
		return nil, status.Errorf(codes.FailedPrecondition, "volume %s is not staged at %s: NodeStageVolume it first", req.VolumeId, staging)
	}
	for _, m := range on {
		switch {
		case m.path == target && m.readonly != readonly:
			return nil, status.Errorf(codes.AlreadyExists, "volume %s is already published at %s with readonly=%v", req.VolumeId, target, m.readonly)
		case m.path == target:
			return &csi.NodePublishVolumeResponse{}, nil // already done
		case m.path != staging && req.VolumeCapability.GetAccessMode().GetMode() == csi.VolumeCapability_AccessMode_SINGLE_NODE_SINGLE_WRITER:
			return nil, status.Errorf(codes.FailedPrecondition,
				"volume %s is ReadWriteOncePod (SINGLE_NODE_SINGLE_WRITER) and already published at %s, for another pod", req.VolumeId, m.path)
		}
	}
	if err := os.MkdirAll(target, 0o750); err != nil {
		return nil, status.Errorf(codes.Internal, "making the target path: %v", err)
	}
	if err := bindMount(staging, target, readonly); err != nil {
		return nil, status.Errorf(codes.Internal, "publishing volume %s: %v", req.VolumeId, err)
	}
	return &csi.NodePublishVolumeResponse{}, nil
}

// NodeUnpublishVolume unmounts the target path and removes it (the driver made it).
func (d *driver) NodeUnpublishVolume(ctx context.Context, req *csi.NodeUnpublishVolumeRequest) (*csi.NodeUnpublishVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "target_path", req.TargetPath); err != nil {
		return nil, err
	}
	if err := d.claim(req.VolumeId); err != nil {
		return nil, err
	}
	defer d.busy.release(req.VolumeId)
	target := filepath.Clean(req.TargetPath)
	for {
		_, mounted, err := mountAt(target)
		if err != nil {
			return nil, status.Errorf(codes.Internal, "reading the mounts: %v", err)
		}
		if !mounted {
			break
		}
		if err := unmount(target); err != nil {
			return nil, status.Errorf(codes.Internal, "unpublishing volume %s: %v", req.VolumeId, err)
		}
	}
	if err := os.Remove(target); err != nil && !os.IsNotExist(err) {
		return nil, status.Errorf(codes.Internal, "removing the target path: %v", err)
	}
	return &csi.NodeUnpublishVolumeResponse{}, nil
}

// NodeExpandVolume grows a mounted volume: the image file, then the loop device's idea of its
// size (losetup -c), then the XFS file system on it (xfs_growfs), all while pods use it.
func (d *driver) NodeExpandVolume(ctx context.Context, req *csi.NodeExpandVolumeRequest) (*csi.NodeExpandVolumeResponse, error) {
	if err := missing("volume_id", req.VolumeId, "volume_path", req.VolumePath); err != nil {
		return nil, err
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
	rec, image, err := d.local(req.VolumeId)
	if err != nil {
		return nil, err
	}
	path := filepath.Clean(req.VolumePath)
	dev, err := d.mountedAt(rec.ID, image, path)
	if err != nil {
		return nil, err
	}
	size, err := sizeFor(req.CapacityRange, rec.CapacityBytes)
	if err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		func() error { return growFile(image, size) },
		func() error { return refreshSize(dev) },
		func() error { return growFS(path) },
	} {
		if err := step(); err != nil {
			return nil, status.Errorf(codes.Internal, "growing volume %s: %v", rec.ID, err)
		}
	}
	if size > rec.CapacityBytes { // grown past what ControllerExpandVolume recorded
		rec.CapacityBytes = size
		if err := d.store.putVolume(rec); err != nil {
			return nil, status.Errorf(codes.Internal, "writing the record of %s: %v", rec.ID, err)
		}
	}
	return &csi.NodeExpandVolumeResponse{CapacityBytes: size}, nil
}

// NodeGetVolumeStats reports the file system's bytes and inodes, as statfs(2) gives them.
func (d *driver) NodeGetVolumeStats(ctx context.Context, req *csi.NodeGetVolumeStatsRequest) (*csi.NodeGetVolumeStatsResponse, error) {
	if err := missing("volume_id", req.VolumeId, "volume_path", req.VolumePath); err != nil {
		return nil, err
	}
	rec, image, err := d.local(req.VolumeId)
	if err != nil {
		return nil, err
	}
	path := filepath.Clean(req.VolumePath)
	if _, err := d.mountedAt(rec.ID, image, path); err != nil {
		return nil, err
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return nil, status.Errorf(codes.Internal, "statfs %s: %v", path, err)
	}
	bs := st.Bsize
	return &csi.NodeGetVolumeStatsResponse{Usage: []*csi.VolumeUsage{
		{Unit: csi.VolumeUsage_BYTES, Total: int64(st.Blocks) * bs, Available: int64(st.Bavail) * bs, Used: int64(st.Blocks-st.Bfree) * bs},
		{Unit: csi.VolumeUsage_INODES, Total: int64(st.Files), Available: int64(st.Ffree), Used: int64(st.Files - st.Ffree)},
	}}, nil
}

// local reads the record of a volume that must be on this node, and finds its image.
func (d *driver) local(id string) (*volumeRecord, string, error) {
	rec, err := d.record(id)
	if err != nil {
		return nil, "", err
	}
	if rec.Node != d.nodeID {
		return nil, "", status.Errorf(codes.FailedPrecondition,
			"volume %s is on node %s and this is node %s: its pods must run on node %s", id, rec.Node, d.nodeID, rec.Node)
	}
	image := d.store.image(id)
	if _, err := os.Stat(image); err != nil {
		return nil, "", status.Errorf(codes.NotFound, "volume %s has a record but no image on node %s: %v", id, d.nodeID, err)
	}
	return rec, image, nil
}

// mountedAt returns the volume's loop device if the volume is mounted at path, else NotFound.
func (d *driver) mountedAt(id, image, path string) (string, error) {
	dev, on, err := where(image)
	if err != nil {
		return "", status.Errorf(codes.Internal, "looking for volume %s's loop device: %v", id, err)
	}
	if _, ok := mountedOn(on, path); !ok {
		return "", status.Errorf(codes.NotFound, "volume %s is not mounted at %s", id, path)
	}
	return dev, nil
}
