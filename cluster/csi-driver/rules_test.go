package main

// What the driver refuses, and what the leader-elected sidecars can do from another node:
// neither needs a disk, so these run anywhere (no root, no loop devices).

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"
)

func wantCode(t *testing.T, what string, err error, code codes.Code, text string) {
	t.Helper()
	s := status.Convert(err)
	if err == nil || s.Code() != code || !strings.Contains(s.Message(), text) {
		t.Errorf("%s: %v; want %s mentioning %q", what, err, code, text)
	}
}

func TestRefusals(t *testing.T) {
	td := startDriver(t, "node-a", "")
	capWith := func(mode csi.VolumeCapability_AccessMode_Mode, block bool) []*csi.VolumeCapability {
		c := &csi.VolumeCapability{AccessMode: &csi.VolumeCapability_AccessMode{Mode: mode},
			AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{}}}
		if block {
			c.AccessType = &csi.VolumeCapability_Block{Block: &csi.VolumeCapability_BlockVolume{}}
		}
		return []*csi.VolumeCapability{c}
	}
	rwo := capWith(csi.VolumeCapability_AccessMode_SINGLE_NODE_MULTI_WRITER, false)
	cases := []struct {
		what string
		req  *csi.CreateVolumeRequest
		code codes.Code
		text string
	}{
		{"ReadWriteMany", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: capWith(csi.VolumeCapability_AccessMode_MULTI_NODE_MULTI_WRITER, false)},
			codes.InvalidArgument, "use ReadWriteOnce or ReadWriteOncePod"},
		{"ReadOnlyMany", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: capWith(csi.VolumeCapability_AccessMode_MULTI_NODE_READER_ONLY, false)},
			codes.InvalidArgument, "several nodes"},
		{"Block", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: capWith(csi.VolumeCapability_AccessMode_SINGLE_NODE_WRITER, true)},
			codes.InvalidArgument, "volumeMode: Filesystem"},
		{"ext4", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: []*csi.VolumeCapability{{
			AccessMode: rwo[0].AccessMode, AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{FsType: "ext4"}}}}},
			codes.InvalidArgument, "XFS"},
		{"unknown StorageClass parameter", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: rwo, Parameters: map[string]string{"speed": "max"}},
			codes.InvalidArgument, `"speed"`},
		{"unknown tier", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: rwo, MutableParameters: map[string]string{"tier": "ultra"}},
			codes.InvalidArgument, "standard or fast"},
		{"another node's topology", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: rwo, AccessibilityRequirements: &csi.TopologyRequirement{
			Requisite: []*csi.Topology{{Segments: map[string]string{topologyKey: "node-c"}}}}},
			codes.ResourceExhausted, "node-c"},
		{"a limit under 300 MiB", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: rwo, CapacityRange: &csi.CapacityRange{RequiredBytes: mib, LimitBytes: 100 * mib}},
			codes.OutOfRange, "300 MiB"},
		{"more than 64 GiB", &csi.CreateVolumeRequest{Name: "a", VolumeCapabilities: rwo, CapacityRange: &csi.CapacityRange{RequiredBytes: 100 << 30}},
			codes.OutOfRange, "ask for 64Gi or less"},
	}
	for _, c := range cases {
		_, err := td.CreateVolume(ctx, c.req)
		wantCode(t, c.what, err, c.code, c.text)
	}
	// Growing past the limit is refused the same way, and the volume keeps its size.
	vol := td.create(t, "grown", minVolumeBytes, nil)
	_, err := td.ControllerExpandVolume(ctx, &csi.ControllerExpandVolumeRequest{VolumeId: vol.VolumeId, CapacityRange: &csi.CapacityRange{RequiredBytes: 100 << 30}})
	wantCode(t, "expand over 64 GiB", err, codes.OutOfRange, "ask for 64Gi or less")
	if rec, _ := td.d.record(vol.VolumeId); rec == nil || rec.CapacityBytes != minVolumeBytes {
		t.Errorf("after a refused expansion the record says %v, want %d bytes", rec, minVolumeBytes)
	}
	_, err = td.ControllerModifyVolume(ctx, &csi.ControllerModifyVolumeRequest{VolumeId: volumeIDFor("x"), MutableParameters: map[string]string{"iops": "9000"}})
	wantCode(t, "modify with an unknown key", err, codes.InvalidArgument, `"iops"`)
}

// csi-attacher and csi-resizer run on one node for the whole cluster; csi-provisioner and
// csi-snapshotter on the volume's node only. A second driver sharing the first one's shared
// directory plays "another node".
func TestRPCsFromAnotherNode(t *testing.T) {
	a := startDriver(t, "node-a", "")
	b := startDriver(t, "node-b", a.d.store.shared)
	id := volumeIDFor("pvc-1")
	// A record as node-a's CreateVolume writes it (no image: nothing here touches one).
	if err := a.d.store.putVolume(&volumeRecord{ID: id, Name: "pvc-1", Node: "node-a", CapacityBytes: minVolumeBytes}); err != nil {
		t.Fatal(err)
	}

	pub, err := b.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: id, NodeId: "node-a", VolumeCapability: mountCap()})
	if err != nil || pub.PublishContext["node"] != "node-a" {
		t.Errorf("ControllerPublishVolume to node-a, on node-b: %v %v", pub, err)
	}
	_, err = b.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: id, NodeId: "node-b", VolumeCapability: mountCap()})
	wantCode(t, "ControllerPublishVolume to the wrong node", err, codes.FailedPrecondition, "its pods must run on node node-a")
	_, err = b.ControllerPublishVolume(ctx, &csi.ControllerPublishVolumeRequest{VolumeId: id, NodeId: "node-z", VolumeCapability: mountCap()})
	wantCode(t, "ControllerPublishVolume to an unknown node", err, codes.NotFound, "node-z")

	exp, err := b.ControllerExpandVolume(ctx, &csi.ControllerExpandVolumeRequest{VolumeId: id, CapacityRange: &csi.CapacityRange{RequiredBytes: 500 * mib}})
	if err != nil || exp.CapacityBytes != 500*mib || !exp.NodeExpansionRequired {
		t.Errorf("ControllerExpandVolume on node-b: %v %v", exp, err)
	}
	if _, err := b.ControllerModifyVolume(ctx, &csi.ControllerModifyVolumeRequest{VolumeId: id, MutableParameters: map[string]string{"tier": "fast"}}); err != nil {
		t.Errorf("ControllerModifyVolume on node-b: %v", err)
	}
	if rec, err := a.d.store.volume(id); err != nil || rec.CapacityBytes != 500*mib || rec.MutableParameters["tier"] != "fast" {
		t.Errorf("node-a's record after node-b's expand and modify: %+v %v", rec, err)
	}

	_, err = b.DeleteVolume(ctx, &csi.DeleteVolumeRequest{VolumeId: id})
	wantCode(t, "DeleteVolume on node-b", err, codes.FailedPrecondition, "must run on the volume's node")
	_, err = b.CreateSnapshot(ctx, &csi.CreateSnapshotRequest{Name: "s", SourceVolumeId: id})
	wantCode(t, "CreateSnapshot on node-b", err, codes.FailedPrecondition, "taken on the volume's node")
	_, err = b.CreateVolume(ctx, &csi.CreateVolumeRequest{Name: "clone", VolumeCapabilities: []*csi.VolumeCapability{mountCap()},
		VolumeContentSource: &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Volume{Volume: &csi.VolumeContentSource_VolumeSource{VolumeId: id}}}})
	wantCode(t, "a clone on node-b", err, codes.ResourceExhausted, "source volume "+id+" is on node node-a")
	_, err = b.NodeStageVolume(ctx, &csi.NodeStageVolumeRequest{VolumeId: id, StagingTargetPath: b.root, VolumeCapability: mountCap()})
	wantCode(t, "NodeStageVolume on node-b", err, codes.FailedPrecondition, "its pods must run on node node-a")
}

func TestRegistrationAnswersTheKubelet(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, driverName+"-reg.sock")
	if err := os.WriteFile(sock, nil, 0o600); err != nil { // a previous run's leftover
		t.Fatal(err)
	}
	failed := make(chan error, 1)
	r := &registration{endpoint: "/var/lib/kubelet/plugins/" + driverName + "/csi.sock", failed: failed}
	if err := r.start(dir); err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	kubelet := registerapi.NewRegistrationClient(conn)
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	info, err := kubelet.GetInfo(cctx, &registerapi.InfoRequest{})
	if err != nil {
		t.Fatalf("GetInfo: %v", err)
	}
	if info.Type != "CSIPlugin" || info.Name != driverName || info.Endpoint != r.endpoint || strings.Join(info.SupportedVersions, ",") != "1.0.0" {
		t.Errorf("GetInfo: %v", info)
	}
	if _, err := kubelet.NotifyRegistrationStatus(cctx, &registerapi.RegistrationStatus{PluginRegistered: true}); err != nil || len(failed) != 0 {
		t.Errorf("a successful registration: %v, %d failures", err, len(failed))
	}
	if _, err := kubelet.NotifyRegistrationStatus(cctx, &registerapi.RegistrationStatus{Error: "version 1.0.0 unsupported"}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-failed:
		if !strings.Contains(err.Error(), "version 1.0.0 unsupported") {
			t.Errorf("the failure: %v", err)
		}
	default:
		t.Error("a refused registration did not stop the driver")
	}
	r.stop()
	if _, err := net.Dial("unix", sock); err == nil {
		t.Error("the registration socket is still there after stop")
	}
}

func TestFlags(t *testing.T) {
	good := []string{"--node-id", "kind-worker", "--state-dir", "/s", "--shared-dir", "/sh"}
	if c, err := parseFlags(good); err != nil || c.endpoint != "unix:///csi/csi.sock" {
		t.Errorf("%v: %+v %v", good, c, err)
	}
	for _, args := range [][]string{
		{"--state-dir", "/s", "--shared-dir", "/sh"},
		{"--node-id", "Kind_Worker", "--state-dir", "/s", "--shared-dir", "/sh"},
		{"--node-id", "n", "--shared-dir", "/sh"},
		append(good, "--registration-dir", "/var/lib/kubelet/plugins_registry"),
		append(good, "--endpoint", "tcp://0.0.0.0:1"),
	} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
}
