// Package nfs3 is a small NFSv3 client (RFC 1813): the MOUNT call that turns an export path into
// the root file handle, and the NFS procedures a file system needs, addressed by file handle.
//
// Contract: every procedure is sent with the credentials it is given (AUTH_UNIX: uid, gid and
// supplementary groups), so the server's own rules decide what a caller may do (permission bits,
// root squash), as they do for the kernel's NFS client. A procedure that fails on the server
// returns a *StatusError whose Errno is what the kernel's client would give the caller.
//
// The RPC transport and the XDR encoding are those of github.com/willscott/go-nfs-client; the
// calls themselves are written here because that library's exported API is path-based and sends
// one fixed credential for a whole mount.
package nfs3

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/willscott/go-nfs-client/nfs/rpc"
	"github.com/willscott/go-nfs-client/nfs/xdr"
)

// RPC program numbers and versions.
const (
	mountProg  = 100005
	mountVers  = 3
	nfsProg    = 100003
	nfsVers    = 3
	portmapper = 111
)

// MOUNT procedures.
const (
	mountProcMnt  = 1
	mountProcUmnt = 3
)

// Cred is who a call is made for: the AUTH_UNIX credential of the calling process.
type Cred struct {
	UID, GID uint32
	// Groups are the supplementary groups (at most 16 are sent, as RFC 5531 allows).
	Groups []uint32
}

// Root is the credential of uid 0, gid 0: the one the mount itself is made with.
var Root = Cred{}

// authUnix is AUTH_UNIX's body (RFC 5531, authsys_parms).
type authUnix struct {
	Stamp   uint32
	Machine string
	UID     uint32
	GID     uint32
	GIDs    []uint32
}

// Server says where the server's two RPC programs listen. A zero port is asked of the server's
// portmapper (rpcbind, port 111), as the kernel's mount.nfs does for NFSv3.
type Server struct {
	Host      string
	NFSPort   int
	MountPort int
	// Timeout bounds each connection attempt (not the calls, which the transport retries).
	Timeout time.Duration
}

// Client is one NFSv3 mount: an RPC connection to the NFS program and the export's root handle.
type Client struct {
	nfs     *rpc.Client
	server  Server
	export  string
	machine string
	// Root is the file handle of the exported directory.
	Root []byte
}

func (s Server) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return 15 * time.Second
}

// reachable fails fast, with the address, when nothing listens at host:port: the transport's own
// dial has no timeout and its calls retry for minutes.
func (s Server) reachable(port int) error {
	addr := net.JoinHostPort(s.Host, strconv.Itoa(port))
	c, err := net.DialTimeout("tcp", addr, s.timeout())
	if err != nil {
		return fmt.Errorf("cannot reach %s: %w", addr, err)
	}
	return c.Close()
}

// portOf asks the server's portmapper where program prog (version vers, over TCP) listens.
func (s Server) portOf(prog, vers uint32, what string) (int, error) {
	if err := s.reachable(portmapper); err != nil {
		return 0, fmt.Errorf("the %s port was not given and the portmapper (rpcbind) %w", what, err)
	}
	pm, err := rpc.DialPortmapper("tcp", s.Host)
	if err != nil {
		return 0, fmt.Errorf("portmapper of %s: %w", s.Host, err)
	}
	defer pm.Close()
	port, err := pm.Getport(rpc.Mapping{Prog: prog, Vers: vers, Prot: rpc.IPProtoTCP})
	if err != nil {
		return 0, fmt.Errorf("portmapper of %s: %w", s.Host, err)
	}
	if port == 0 {
		return 0, fmt.Errorf("the portmapper of %s knows no %s program (version %d over TCP): is an NFSv3 server running there?", s.Host, what, vers)
	}
	return port, nil
}

// dial connects to port from a privileged source port when running as root (as the kernel's
// client does; servers may insist on it).
func (s Server) dial(port int) (*rpc.Client, error) {
	if err := s.reachable(port); err != nil {
		return nil, err
	}
	return rpc.DialTCP("tcp", net.JoinHostPort(s.Host, strconv.Itoa(port)), os.Geteuid() == 0)
}

// Mount asks the server's MOUNT program for export's root handle and connects to its NFS program.
func Mount(s Server, export string) (*Client, error) {
	mountPort, nfsPort := s.MountPort, s.NFSPort
	var err error
	if mountPort == 0 {
		if mountPort, err = s.portOf(mountProg, mountVers, "MOUNT"); err != nil {
			return nil, err
		}
	}
	if nfsPort == 0 {
		if nfsPort, err = s.portOf(nfsProg, nfsVers, "NFS"); err != nil {
			return nil, err
		}
	}
	machine, _ := os.Hostname()
	mc, err := s.dial(mountPort)
	if err != nil {
		return nil, err
	}
	defer mc.Close()
	type mntArgs struct {
		rpc.Header
		Path string
	}
	res, err := mc.Call(&mntArgs{header(mountProg, mountVers, mountProcMnt, authOf(Root, machine)), export})
	if err != nil {
		return nil, fmt.Errorf("MOUNT %s:%s: %w", s.Host, export, err)
	}
	status, err := xdr.ReadUint32(res)
	if err != nil {
		return nil, err
	}
	if status != 0 {
		return nil, &MountError{Host: s.Host, Export: export, Status: status}
	}
	fh, err := xdr.ReadOpaque(res)
	if err != nil {
		return nil, err
	}
	nc, err := s.dial(nfsPort)
	if err != nil {
		return nil, err
	}
	c := &Client{nfs: nc, server: Server{Host: s.Host, NFSPort: nfsPort, MountPort: mountPort, Timeout: s.Timeout}, export: export, machine: machine, Root: fh}
	if _, err := c.Getattr(Root, fh); err != nil {
		nc.Close()
		return nil, fmt.Errorf("the root of %s:%s answers no GETATTR: %w", s.Host, export, err)
	}
	return c, nil
}

// Close tells the server's MOUNT program the export is no longer mounted (best effort) and
// closes the connection.
func (c *Client) Close() {
	if mc, err := c.server.dial(c.server.MountPort); err == nil {
		type umntArgs struct {
			rpc.Header
			Path string
		}
		_, _ = mc.Call(&umntArgs{header(mountProg, mountVers, mountProcUmnt, authOf(Root, c.machine)), c.export})
		mc.Close()
	}
	c.nfs.Close()
}

// MountError is a MOUNT reply other than MNT3_OK.
type MountError struct {
	Host, Export string
	Status       uint32
}

func (e *MountError) Error() string {
	why := map[uint32]string{
		1:     "not permitted (MNT3ERR_PERM)",
		2:     "no such export or directory on the server (MNT3ERR_NOENT)",
		5:     "I/O error (MNT3ERR_IO)",
		13:    "access denied: this client is not allowed by the export's rules (MNT3ERR_ACCES)",
		20:    "not a directory (MNT3ERR_NOTDIR)",
		22:    "invalid argument (MNT3ERR_INVAL)",
		63:    "name too long (MNT3ERR_NAMETOOLONG)",
		10004: "operation not supported (MNT3ERR_NOTSUPP)",
		10006: "server fault (MNT3ERR_SERVERFAULT)",
	}[e.Status]
	if why == "" {
		why = fmt.Sprintf("status %d", e.Status)
	}
	return fmt.Sprintf("the server %s refused to mount %s: %s", e.Host, e.Export, why)
}

func header(prog, vers, proc uint32, cred rpc.Auth) rpc.Header {
	return rpc.Header{Rpcvers: 2, Prog: prog, Vers: vers, Proc: proc, Cred: cred, Verf: rpc.AuthNull}
}

// authOf encodes cred as an AUTH_UNIX credential.
func authOf(cred Cred, machine string) rpc.Auth {
	groups := cred.Groups
	if len(groups) > 16 {
		groups = groups[:16]
	}
	if groups == nil {
		groups = []uint32{}
	}
	body := authUnix{Stamp: uint32(time.Now().Unix()), Machine: machine, UID: cred.UID, GID: cred.GID, GIDs: groups}
	w := &encoder{}
	if err := xdr.Write(w, body); err != nil {
		panic(fmt.Sprintf("nfs3: cannot encode AUTH_UNIX: %v", err))
	}
	return rpc.Auth{Flavor: 1, Body: w.buf}
}

type encoder struct{ buf []byte }

func (e *encoder) Write(p []byte) (int, error) {
	e.buf = append(e.buf, p...)
	return len(p), nil
}

// call sends one NFS procedure for cred and returns the reply after its nfsstat3, which must be
// NFS3_OK; otherwise a *StatusError.
func (c *Client) call(cred Cred, proc uint32, args any) (io.ReadSeeker, error) {
	res, err := c.nfs.Call(args)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", procName(proc), err)
	}
	status, err := xdr.ReadUint32(res)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", procName(proc), err)
	}
	if status != 0 {
		return nil, &StatusError{Proc: procName(proc), Status: status}
	}
	return res, nil
}

func (c *Client) hdr(cred Cred, proc uint32) rpc.Header {
	return header(nfsProg, nfsVers, proc, authOf(cred, c.machine))
}
