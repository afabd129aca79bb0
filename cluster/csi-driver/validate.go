package main

// What the driver accepts, checked before any RPC touches a disk. Each refusal is an
// InvalidArgument (or OutOfRange for sizes) whose message says what to change: Kubernetes
// copies it into the PVC's events, where the learner reads it.

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// mutableParameters are the parameters a VolumeAttributesClass may set, at creation or later
// (ControllerModifyVolume), with their allowed values. The driver records the tier; a cloud
// driver would change the disk's speed here.
var mutableParameters = map[string][]string{
	"tier": {"standard", "fast"},
}

// metadataPrefix: keys the sidecars add themselves (csi-provisioner and csi-snapshotter with
// --extra-create-metadata: csi.storage.k8s.io/pvc/name and the like). They are accepted and
// recorded. Any other StorageClass or VolumeSnapshotClass parameter is refused: this driver
// takes none.
const metadataPrefix = "csi.storage.k8s.io/"

// missing takes name, value pairs and refuses the first empty value.
func missing(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return status.Errorf(codes.InvalidArgument, "%s is missing", pairs[i])
		}
	}
	return nil
}

func checkParameters(params map[string]string, what string) error {
	for k := range params {
		if !strings.HasPrefix(k, metadataPrefix) {
			return status.Errorf(codes.InvalidArgument,
				"%s parameter %q is not known to %s, which takes no parameters: remove it (the volume's tier is set with a VolumeAttributesClass, parameter \"tier\")",
				what, k, driverName)
		}
	}
	return nil
}

func checkMutableParameters(params map[string]string) error {
	for k, v := range params {
		allowed, known := mutableParameters[k]
		if !known {
			return status.Errorf(codes.InvalidArgument,
				"VolumeAttributesClass parameter %q is not known to %s: the only one is \"tier\" (%s)",
				k, driverName, strings.Join(mutableParameters["tier"], " or "))
		}
		if !slices.Contains(allowed, v) {
			return status.Errorf(codes.InvalidArgument,
				"VolumeAttributesClass parameter %s=%q: the value must be %s", k, v, strings.Join(allowed, " or "))
		}
	}
	return nil
}

// unsupported says why the driver cannot give a capability, or "" if it can. A volume here is
// a file system on one node: it can be mounted (not used as a raw block device), from one node
// at a time.
func unsupported(c *csi.VolumeCapability) string {
	if c.GetBlock() != nil {
		return "raw block volumes (volumeMode: Block) are not supported: this driver hands out XFS file systems; use volumeMode: Filesystem"
	}
	m := c.GetMount()
	if m == nil {
		return "the volume capability has no access type: ask for a mounted file system (volumeMode: Filesystem)"
	}
	if m.FsType != "" && m.FsType != "xfs" {
		return fmt.Sprintf("file system %q is not supported: the volumes are XFS; set csi.storage.k8s.io/fstype to xfs or leave it out", m.FsType)
	}
	switch mode := c.GetAccessMode().GetMode(); mode {
	// Kubernetes asks for ReadWriteOnce as SINGLE_NODE_MULTI_WRITER (any pods on the node) from
	// a driver that has that capability, and for ReadWriteOncePod as SINGLE_NODE_SINGLE_WRITER.
	case csi.VolumeCapability_AccessMode_SINGLE_NODE_WRITER,
		csi.VolumeCapability_AccessMode_SINGLE_NODE_READER_ONLY,
		csi.VolumeCapability_AccessMode_SINGLE_NODE_SINGLE_WRITER,
		csi.VolumeCapability_AccessMode_SINGLE_NODE_MULTI_WRITER:
		return ""
	case csi.VolumeCapability_AccessMode_UNKNOWN:
		return "the volume capability has no access mode: ask for ReadWriteOnce or ReadWriteOncePod"
	default:
		return fmt.Sprintf("access mode %s needs a volume that several nodes use at once, and this driver's volume is a file on one node: use ReadWriteOnce or ReadWriteOncePod", mode)
	}
}

func checkCapabilities(caps []*csi.VolumeCapability) error {
	if len(caps) == 0 {
		return status.Error(codes.InvalidArgument, "volume_capabilities is missing: say how the volume will be used (access mode, mount)")
	}
	for _, c := range caps {
		if why := unsupported(c); why != "" {
			return status.Error(codes.InvalidArgument, why)
		}
	}
	return nil
}

func checkCapability(c *csi.VolumeCapability) error {
	if c == nil {
		return status.Error(codes.InvalidArgument, "volume_capability is missing")
	}
	return checkCapabilities([]*csi.VolumeCapability{c})
}

// sizeFor picks the size of a new or grown volume: the requested bytes rounded up to a whole
// MiB, at least minVolumeBytes and at least floor (a snapshot's or a source volume's size),
// and not over the limit nor over maxVolumeBytes.
func sizeFor(r *csi.CapacityRange, floor int64) (int64, error) {
	required, limit := r.GetRequiredBytes(), r.GetLimitBytes()
	if required < 0 || limit < 0 {
		return 0, status.Error(codes.InvalidArgument, "capacity_range: sizes cannot be negative")
	}
	size := max(required, floor, minVolumeBytes)
	size = (size + 1<<20 - 1) &^ (1<<20 - 1)
	if size > maxVolumeBytes {
		return 0, status.Errorf(codes.OutOfRange,
			"the volume would be %d bytes, over the %d bytes (64 GiB) this driver makes a volume at most: ask for 64Gi or less",
			size, maxVolumeBytes)
	}
	if limit > 0 && size > limit {
		return 0, status.Errorf(codes.OutOfRange,
			"the volume would be %d bytes, over the limit of %d: XFS volumes are at least 300 MiB (and a restored or cloned volume at least its source's size); allow at least %d bytes",
			size, limit, size)
	}
	return size, nil
}

// reachable says whether a volume on node satisfies the topology requirement: one of the
// requisite topologies must be that node. Without requisite topologies, any node will do.
func reachable(req *csi.TopologyRequirement, node string) bool {
	if len(req.GetRequisite()) == 0 {
		return true
	}
	for _, t := range req.GetRequisite() {
		if t.GetSegments()[topologyKey] == node {
			return true
		}
	}
	return false
}

func describeTopology(req *csi.TopologyRequirement) string {
	var nodes []string
	for _, t := range req.GetRequisite() {
		nodes = append(nodes, t.GetSegments()[topologyKey])
	}
	sort.Strings(nodes)
	return strings.Join(nodes, ", ")
}
