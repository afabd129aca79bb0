package main

// Registration with the kubelet. The kubelet finds node plugins by watching a directory
// (/var/lib/kubelet/plugins_registry) for sockets. On a new socket it calls GetInfo: "I am a
// CSI plugin called csi.k8s-storage-course.local, my CSI socket is at this path". It then
// connects to that socket, calls NodeGetInfo, writes the node's id and topology into the
// CSINode object, and reports back with NotifyRegistrationStatus. From then on it calls the
// Node service for this driver's volumes. Usually a sidecar, node-driver-registrar, serves
// this socket; here the driver serves it itself.

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"google.golang.org/grpc"
	registerapi "k8s.io/kubelet/pkg/apis/pluginregistration/v1"
)

type registration struct {
	registerapi.UnimplementedRegistrationServer
	endpoint string       // the CSI socket's path as the kubelet sees it
	failed   chan<- error // a refused registration is sent here; the driver then exits
	server   *grpc.Server
	path     string
}

// start serves the registration API on DIR/<driver>-reg.sock.
func (r *registration) start(dir string) error {
	r.path = filepath.Join(dir, driverName+"-reg.sock")
	l, err := listen(r.path)
	if err != nil {
		return fmt.Errorf("registration socket: %w", err)
	}
	r.server = grpc.NewServer()
	registerapi.RegisterRegistrationServer(r.server, r)
	go r.server.Serve(l)
	log.Printf("registering with the kubelet through %s", r.path)
	return nil
}

func (r *registration) stop() {
	r.server.Stop()
	os.Remove(r.path)
}

func (r *registration) GetInfo(context.Context, *registerapi.InfoRequest) (*registerapi.PluginInfo, error) {
	log.Printf("kubelet: GetInfo")
	return &registerapi.PluginInfo{
		Type:              registerapi.CSIPlugin,
		Name:              driverName,
		Endpoint:          r.endpoint,
		SupportedVersions: []string{"1.0.0"},
	}, nil
}

// NotifyRegistrationStatus: a driver the kubelet refused cannot serve any pod, so it exits,
// and the DaemonSet restarts it (with the reason in its log).
func (r *registration) NotifyRegistrationStatus(ctx context.Context, s *registerapi.RegistrationStatus) (*registerapi.RegistrationStatusResponse, error) {
	if s.PluginRegistered {
		log.Printf("kubelet: registered")
	} else {
		log.Printf("kubelet: registration failed: %s", s.Error)
		select {
		case r.failed <- fmt.Errorf("the kubelet refused the registration: %s", s.Error):
		default:
		}
	}
	return &registerapi.RegistrationStatusResponse{}, nil
}
