// course-csi-driver: the course cluster's CSI driver, csi.k8s-storage-course.local.
//
// A CSI driver is a gRPC server on a unix socket. Kubernetes never calls it directly for
// provisioning: sidecar containers watch the API (PVCs, VolumeSnapshots, VolumeAttachments)
// and turn what they see into CSI calls, and the kubelet calls the node part when a pod
// starts. The driver answers three services on one socket:
//   - Identity (identity.go): who it is and what it can do;
//   - Controller (controller.go, snapshots.go): make, delete, attach, grow, snapshot volumes;
//   - Node (node.go): mount a volume on this node for a pod.
//
// Its volumes are real, sized file systems: a sparse image file on the node, attached to a
// loop device and formatted XFS (disk.go). Its records are JSON files in a directory every
// node shares (store.go); snapshots are kept there too, off the node, so a restore can land
// on any node.
//
// One instance runs on each node (a DaemonSet). It places every volume it creates on its own
// node, and says so with the topology key topology.k8s-storage-course.local/node, which
// Kubernetes turns into the PV's node affinity.
//
// Usage:
//
//	course-csi-driver --node-id NAME --state-dir DIR --shared-dir DIR
//	    [--endpoint unix:///csi/csi.sock]
//	    [--registration-dir /var/lib/kubelet/plugins_registry
//	     --kubelet-endpoint /var/lib/kubelet/plugins/csi.k8s-storage-course.local/csi.sock]
//
// It logs one line per RPC to stderr. Exit codes: 0 stopped by SIGTERM or SIGINT, 1 failure
// (including a kubelet that refused the registration), 2 bad invocation.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

const (
	driverName    = "csi.k8s-storage-course.local"
	driverVersion = "1.0.0"
	topologyKey   = "topology.k8s-storage-course.local/node"
)

type config struct {
	endpoint        string // unix:///csi/csi.sock
	nodeID          string
	stateDir        string
	sharedDir       string
	registrationDir string // optional: register with the kubelet through this directory
	kubeletEndpoint string // the CSI socket's path as the kubelet sees it
}

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "course-csi-driver:", err)
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("course-csi-driver", flag.ContinueOnError)
	fs.StringVar(&c.endpoint, "endpoint", "unix:///csi/csi.sock", "the CSI socket the sidecars and the kubelet connect to")
	fs.StringVar(&c.nodeID, "node-id", "", "this node's id, its Kubernetes node name (required)")
	fs.StringVar(&c.stateDir, "state-dir", "", "node-local directory: volume images, DIR/volumes/<volume-id>.img (required)")
	fs.StringVar(&c.sharedDir, "shared-dir", "", "directory shared by all nodes: records and snapshots (required)")
	fs.StringVar(&c.registrationDir, "registration-dir", "", "the kubelet's plugin registration directory; when set, the driver registers itself")
	fs.StringVar(&c.kubeletEndpoint, "kubelet-endpoint", "", "the CSI socket's path as the kubelet sees it (required with --registration-dir)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.nodeID == "":
		return c, errors.New("--node-id is required (on the cluster: the node's name, from the downward API spec.nodeName)")
	case !nodeIDPattern.MatchString(c.nodeID):
		return c, fmt.Errorf("--node-id %q is not a node name (lower-case letters, digits, '-' and '.')", c.nodeID)
	case c.stateDir == "" || c.sharedDir == "":
		return c, errors.New("--state-dir and --shared-dir are required")
	case c.registrationDir != "" && c.kubeletEndpoint == "":
		return c, errors.New("--registration-dir needs --kubelet-endpoint, the CSI socket's path as the kubelet sees it")
	}
	if _, err := socketPath(c.endpoint); err != nil {
		return c, err
	}
	return c, nil
}

// socketPath accepts unix:///path, unix:/path and /path.
func socketPath(endpoint string) (string, error) {
	p := strings.TrimPrefix(strings.TrimPrefix(endpoint, "unix://"), "unix:")
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("--endpoint %q: want unix:///absolute/path/csi.sock", endpoint)
	}
	return p, nil
}

// driver implements the three CSI services. The Unimplemented types answer Unimplemented for
// the RPCs this driver does not claim in its capabilities.
type driver struct {
	csi.UnimplementedIdentityServer
	csi.UnimplementedControllerServer
	csi.UnimplementedNodeServer

	nodeID string
	store  *store
	busy   busy
}

func newDriver(cfg config) (*driver, error) {
	d := &driver{nodeID: cfg.nodeID, store: &store{shared: cfg.sharedDir, state: cfg.stateDir}}
	if err := d.store.init(); err != nil {
		return nil, err
	}
	// The node's record lets ControllerPublishVolume, on any node, tell "no such node" from
	// "the volume lives on another node".
	if err := d.store.putNode(&nodeRecord{ID: d.nodeID, StartedAt: time.Now().UTC()}); err != nil {
		return nil, err
	}
	return d, nil
}

// listen removes a socket a previous run left behind and listens on path.
func listen(path string) (net.Listener, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return net.Listen("unix", path)
}

// server is a gRPC server with the three services, logging every call.
func (d *driver) server() *grpc.Server {
	s := grpc.NewServer(grpc.UnaryInterceptor(logRPC))
	csi.RegisterIdentityServer(s, d)
	csi.RegisterControllerServer(s, d)
	csi.RegisterNodeServer(s, d)
	return s
}

func run(cfg config) error {
	d, err := newDriver(cfg)
	if err != nil {
		return err
	}
	path, _ := socketPath(cfg.endpoint)
	l, err := listen(path)
	if err != nil {
		return err
	}
	srv := d.server()
	failed := make(chan error, 2)
	go func() { failed <- srv.Serve(l) }()
	log.Printf("%s %s on node %s: serving CSI on %s", driverName, driverVersion, cfg.nodeID, path)

	var reg *registration
	if cfg.registrationDir != "" {
		reg = &registration{endpoint: cfg.kubeletEndpoint, failed: failed}
		if err := reg.start(cfg.registrationDir); err != nil {
			return err
		}
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	select {
	case sig := <-stop:
		log.Printf("%s: stopping", sig)
		err = nil
	case err = <-failed:
	}
	if reg != nil {
		reg.stop() // removes the registration socket: the kubelet unregisters the driver
	}
	srv.GracefulStop()
	os.Remove(path)
	return err
}

// logRPC writes one line per call: the method, what it is about, the result and the time.
func logRPC(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	start := time.Now()
	resp, err := handler(ctx, req)
	result := "OK"
	if err != nil {
		s := status.Convert(err)
		result = s.Code().String() + ": " + s.Message()
	}
	method := info.FullMethod[strings.LastIndex(info.FullMethod, "/")+1:]
	log.Printf("%s%s: %s (%s)", method, subject(req), result, time.Since(start).Round(time.Millisecond))
	return resp, err
}

func subject(req any) string {
	switch r := req.(type) {
	case *csi.CreateVolumeRequest:
		if r.Name != "" {
			return " " + volumeIDFor(r.Name) + " (name " + r.Name + ")"
		}
	case *csi.CreateSnapshotRequest:
		if r.Name != "" {
			return " " + snapshotIDFor(r.Name) + " (name " + r.Name + ", of " + r.SourceVolumeId + ")"
		}
	case interface{ GetVolumeId() string }:
		return " " + r.GetVolumeId()
	case interface{ GetSnapshotId() string }:
		return " " + r.GetSnapshotId()
	}
	return ""
}
