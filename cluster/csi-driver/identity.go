package main

// The Identity service: the first calls every sidecar and the kubelet make. GetPluginInfo
// gives the driver's name, which must match the StorageClass's provisioner and the CSIDriver
// object; GetPluginCapabilities says which other services and features exist; Probe says
// whether the driver is ready.

import (
	"context"
	"os"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

func (d *driver) GetPluginInfo(context.Context, *csi.GetPluginInfoRequest) (*csi.GetPluginInfoResponse, error) {
	return &csi.GetPluginInfoResponse{Name: driverName, VendorVersion: driverVersion}, nil
}

func (d *driver) GetPluginCapabilities(context.Context, *csi.GetPluginCapabilitiesRequest) (*csi.GetPluginCapabilitiesResponse, error) {
	service := func(t csi.PluginCapability_Service_Type) *csi.PluginCapability {
		return &csi.PluginCapability{Type: &csi.PluginCapability_Service_{Service: &csi.PluginCapability_Service{Type: t}}}
	}
	return &csi.GetPluginCapabilitiesResponse{Capabilities: []*csi.PluginCapability{
		// There is a Controller service: csi-provisioner, -attacher, -resizer and -snapshotter
		// have someone to call.
		service(csi.PluginCapability_Service_CONTROLLER_SERVICE),
		// Volumes are not reachable from everywhere: CreateVolume returns where a volume is
		// (its node), and Kubernetes schedules the volume's pods there.
		service(csi.PluginCapability_Service_VOLUME_ACCESSIBILITY_CONSTRAINTS),
		// Volumes can grow while a pod uses them.
		{Type: &csi.PluginCapability_VolumeExpansion_{VolumeExpansion: &csi.PluginCapability_VolumeExpansion{
			Type: csi.PluginCapability_VolumeExpansion_ONLINE,
		}}},
	}}, nil
}

// Probe: ready when the shared directory, where the records are, can be reached.
func (d *driver) Probe(context.Context, *csi.ProbeRequest) (*csi.ProbeResponse, error) {
	if _, err := os.Stat(d.store.shared); err != nil {
		return nil, status.Errorf(codes.FailedPrecondition, "the shared directory cannot be reached: %v (is it mounted on this node?)", err)
	}
	return &csi.ProbeResponse{Ready: wrapperspb.Bool(true)}, nil
}
