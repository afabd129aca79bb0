// Package testnfs runs a real NFSv3 server in the test process (github.com/willscott/go-nfs,
// exporting a temporary directory), behind a recording proxy that decodes each RPC call's header,
// so a test can see which procedure was sent with which AUTH_UNIX credential.
//
// The server serves MOUNT and NFS on one TCP port and has no portmapper; it ignores credentials
// (every file is made by the test process), so tests of what a server permits belong to the
// real cluster, where the course's NFS-Ganesha applies them.
package testnfs

import (
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	billy "github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	nfs "github.com/willscott/go-nfs"
	"github.com/willscott/go-nfs-client/nfs/xdr"
	nfshelper "github.com/willscott/go-nfs/helpers"
)

// Call is one RPC call the proxy saw.
type Call struct {
	Prog, Proc uint32
	// Flavor is the credential's flavour (1 = AUTH_UNIX); UID, GID and Groups are its body.
	Flavor   uint32
	UID, GID uint32
	Groups   []uint32
}

// Server is a running test server.
type Server struct {
	Host string
	Port int
	// Dir is the exported directory on this machine.
	Dir string

	mu    sync.Mutex
	calls []Call
}

// Calls returns the calls seen so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Start serves a new temporary directory until the test ends.
func Start(t *testing.T) *Server {
	t.Helper()
	dir := t.TempDir()
	backend, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	handler := nfshelper.NewCachingHandler(nfshelper.NewNullAuthHandler(changeFS{osfs.New(dir)}), 4096)
	go func() { _ = nfs.Serve(backend, handler) }()
	front, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Host: "127.0.0.1", Port: front.Addr().(*net.TCPAddr).Port, Dir: dir}
	go s.proxy(front, backend.Addr().String())
	t.Cleanup(func() {
		front.Close()
		backend.Close()
	})
	return s
}

func (s *Server) proxy(front net.Listener, backend string) {
	for {
		c, err := front.Accept()
		if err != nil {
			return
		}
		b, err := net.DialTimeout("tcp", backend, 5*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		go func() { _, _ = io.Copy(c, b); c.Close() }()
		go func() { s.forward(c, b); b.Close() }()
	}
}

// forward copies the client's RPC records to the server, decoding each call's header.
func (s *Server) forward(from io.Reader, to io.Writer) {
	var mark [4]byte
	for {
		if _, err := io.ReadFull(from, mark[:]); err != nil {
			return
		}
		n := binary.BigEndian.Uint32(mark[:]) & 0x7fffffff
		body := make([]byte, n)
		if _, err := io.ReadFull(from, body); err != nil {
			return
		}
		s.record(body)
		if _, err := to.Write(append(mark[:], body...)); err != nil {
			return
		}
	}
}

func (s *Server) record(body []byte) {
	var h struct {
		Xid, Type, Rpcvers, Prog, Vers, Proc uint32
		Flavor                               uint32
		Cred                                 []byte
	}
	if err := xdr.Read(bytes.NewReader(body), &h); err != nil || h.Type != 0 {
		return
	}
	c := Call{Prog: h.Prog, Proc: h.Proc, Flavor: h.Flavor}
	if h.Flavor == 1 {
		var a struct {
			Stamp    uint32
			Machine  string
			UID, GID uint32
			Groups   []uint32
		}
		if xdr.Read(bytes.NewReader(h.Cred), &a) == nil {
			c.UID, c.GID, c.Groups = a.UID, a.GID, a.Groups
		}
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
}

// changeFS adds chmod, chown and chtimes to billy's osfs (go-nfs needs them for SETATTR).
type changeFS struct{ billy.Filesystem }

func (f changeFS) path(name string) string { return filepath.Join(f.Root(), name) }

func (f changeFS) Chmod(name string, mode os.FileMode) error { return os.Chmod(f.path(name), mode) }
func (f changeFS) Lchown(name string, uid, gid int) error    { return os.Lchown(f.path(name), uid, gid) }
func (f changeFS) Chown(name string, uid, gid int) error     { return os.Chown(f.path(name), uid, gid) }
func (f changeFS) Chtimes(name string, atime, mtime time.Time) error {
	return os.Chtimes(f.path(name), atime, mtime)
}
