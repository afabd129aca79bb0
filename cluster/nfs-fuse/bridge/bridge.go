// Package bridge serves an NFSv3 export as a FUSE file system: every request the kernel sends
// (lookup, read, write, create, mkdir, remove, rename, readdir, setattr, ...) becomes the NFS
// procedure that does it, sent with the uid, gid and groups of the process that made the request.
//
// Contract: the server decides what a caller may do, as with the kernel's NFS client: no
// permission check is made here (no default_permissions), root is sent as uid 0 so the export's
// root squash applies, and nothing is cached (attribute, entry and page cache are off), so a file
// written through another client, on another node, is seen at once. What NFSv3 or this bridge
// does not do (hard links, device nodes, extended attributes, locks) fails with an error
// (ENOTSUP, ENOSYS), never silently.
package bridge

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"

	"k8s-storage-course/nfs-fuse/nfs3"
)

// Options of one mount.
type Options struct {
	// Source is what /proc/mounts shows as the mount's source, e.g. "10.96.100.100:/".
	Source   string
	ReadOnly bool
	// VFSFlags are generic mount options (nosuid, nodev, noexec, ...) for the FUSE mount.
	VFSFlags []string
	// Debug logs every FUSE request.
	Debug bool
}

// FSType is the file system name the kernel reports for these mounts ("fuse.nfs").
const FSType = "nfs"

// Mount serves c's export at dir until it is unmounted (Wait on the returned server).
func Mount(dir string, c *nfs3.Client, o Options) (*fuse.Server, error) {
	root := &node{client: c, known: &knownNodes{byID: map[uint64]*node{}}, fh: c.Root}
	zero := time.Duration(0)
	opts := &fs.Options{
		EntryTimeout:    &zero,
		AttrTimeout:     &zero,
		NegativeTimeout: &zero,
		MountOptions: fuse.MountOptions{
			AllowOther:        true,
			FsName:            o.Source,
			Name:              FSType,
			DirectMountStrict: true,
			DisableXAttrs:     true,
			Debug:             o.Debug,
			MaxWrite:          1 << 17,
		},
	}
	opts.MountOptions.Options = append(opts.MountOptions.Options, o.VFSFlags...)
	if o.ReadOnly {
		opts.MountOptions.Options = append(opts.MountOptions.Options, "ro")
	}
	a, err := c.Getattr(nfs3.Root, c.Root)
	if err != nil {
		return nil, err
	}
	opts.RootStableAttr = &fs.StableAttr{Ino: a.Fileid}
	root.known.byID[a.Fileid] = root
	srv, err := fs.Mount(dir, root, opts)
	if err != nil {
		return nil, fmt.Errorf("FUSE mount of %s at %s: %w", o.Source, dir, err)
	}
	return srv, nil
}

// node is one file, directory or link of the export, known by its NFS file handle.
type node struct {
	fs.Inode
	client *nfs3.Client
	known  *knownNodes
	mu     sync.Mutex
	fh     []byte
}

// knownNodes are the nodes of one mount the kernel refers to, by NFS file id.
type knownNodes struct {
	mu   sync.Mutex
	byID map[uint64]*node
}

var (
	_ fs.NodeLookuper    = (*node)(nil)
	_ fs.NodeGetattrer   = (*node)(nil)
	_ fs.NodeSetattrer   = (*node)(nil)
	_ fs.NodeOpener      = (*node)(nil)
	_ fs.NodeReader      = (*node)(nil)
	_ fs.NodeWriter      = (*node)(nil)
	_ fs.NodeFsyncer     = (*node)(nil)
	_ fs.NodeFlusher     = (*node)(nil)
	_ fs.NodeCreater     = (*node)(nil)
	_ fs.NodeMkdirer     = (*node)(nil)
	_ fs.NodeSymlinker   = (*node)(nil)
	_ fs.NodeReadlinker  = (*node)(nil)
	_ fs.NodeUnlinker    = (*node)(nil)
	_ fs.NodeRmdirer     = (*node)(nil)
	_ fs.NodeRenamer     = (*node)(nil)
	_ fs.NodeReaddirer   = (*node)(nil)
	_ fs.NodeStatfser    = (*node)(nil)
	_ fs.NodeAccesser    = (*node)(nil)
	_ fs.NodeOnForgetter = (*node)(nil)
)

func (n *node) handle() []byte {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.fh
}

// credOf is the credential of the process behind a request: its uid and gid as the kernel gives
// them, and its supplementary groups from /proc (none when the process is already gone).
func credOf(ctx context.Context) nfs3.Cred {
	caller, ok := fuse.FromContext(ctx)
	if !ok {
		return nfs3.Root
	}
	return nfs3.Cred{UID: caller.Uid, GID: caller.Gid, Groups: groupsOf(caller.Pid)}
}

func groupsOf(pid uint32) []uint32 {
	data, err := os.ReadFile("/proc/" + strconv.FormatUint(uint64(pid), 10) + "/status")
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "Groups:"); ok {
			var groups []uint32
			for _, f := range strings.Fields(rest) {
				if g, err := strconv.ParseUint(f, 10, 32); err == nil {
					groups = append(groups, uint32(g))
				}
			}
			return groups
		}
	}
	return nil
}

// errno turns an error of the NFS client into what the caller gets, logging the failures that
// are not the server's answer (a lost connection, an unreadable reply).
func errno(op string, err error) syscall.Errno {
	if err == nil {
		return 0
	}
	var status *nfs3.StatusError
	if !errors.As(err, &status) {
		log.Printf("%s: %v", op, err)
	}
	return nfs3.ErrnoOf(err)
}

func typeBits(t uint32) uint32 {
	switch t {
	case nfs3.TypeDir:
		return syscall.S_IFDIR
	case nfs3.TypeLnk:
		return syscall.S_IFLNK
	case nfs3.TypeBlk:
		return syscall.S_IFBLK
	case nfs3.TypeChr:
		return syscall.S_IFCHR
	case nfs3.TypeSock:
		return syscall.S_IFSOCK
	case nfs3.TypeFIFO:
		return syscall.S_IFIFO
	default:
		return syscall.S_IFREG
	}
}

func fillAttr(a *nfs3.Attr, out *fuse.Attr) {
	out.Ino = a.Fileid
	out.Size = a.Filesize
	out.Blocks = (a.Used + 511) / 512
	out.Blksize = 4096
	out.Mode = typeBits(a.Type) | (a.FileMode & 0o7777)
	out.Nlink = a.Nlink
	out.Uid, out.Gid = a.UID, a.GID
	out.Rdev = uint32(a.SpecData[0]<<8 | a.SpecData[1])
	out.Atime, out.Atimensec = uint64(a.Atime.Seconds), a.Atime.Nseconds
	out.Mtime, out.Mtimensec = uint64(a.Mtime.Seconds), a.Mtime.Nseconds
	out.Ctime, out.Ctimensec = uint64(a.Ctime.Seconds), a.Ctime.Nseconds
}

// child returns the inode for an object found or made in n. An object already known by its file
// id keeps its inode and takes the handle the server just gave: a path-based server's handle
// changes with a rename, and a file id may be reused by a new file.
func (n *node) child(ctx context.Context, fh []byte, a *nfs3.Attr, out *fuse.EntryOut) *fs.Inode {
	fillAttr(a, &out.Attr)
	n.known.mu.Lock()
	defer n.known.mu.Unlock()
	if k, ok := n.known.byID[a.Fileid]; ok && k.StableAttr().Mode == typeBits(a.Type) {
		k.mu.Lock()
		k.fh = fh
		k.mu.Unlock()
		return k.EmbeddedInode()
	}
	k := &node{client: n.client, known: n.known, fh: fh}
	n.known.byID[a.Fileid] = k
	return n.NewInode(ctx, k, fs.StableAttr{Mode: typeBits(a.Type), Ino: a.Fileid})
}

// OnForget drops a node the kernel no longer refers to.
func (n *node) OnForget() {
	n.known.mu.Lock()
	defer n.known.mu.Unlock()
	id := n.StableAttr().Ino
	if n.known.byID[id] == n {
		delete(n.known.byID, id)
	}
}

func (n *node) Lookup(ctx context.Context, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	fh, a, err := n.client.Lookup(credOf(ctx), n.handle(), name)
	if err != nil {
		return nil, errno("lookup "+name, err)
	}
	return n.child(ctx, fh, a, out), 0
}

func (n *node) Getattr(ctx context.Context, _ fs.FileHandle, out *fuse.AttrOut) syscall.Errno {
	a, err := n.client.Getattr(credOf(ctx), n.handle())
	if err != nil {
		return errno("getattr", err)
	}
	fillAttr(a, &out.Attr)
	return 0
}

func nfsTime(t time.Time) *nfs3.Time {
	return &nfs3.Time{Seconds: uint32(t.Unix()), Nseconds: uint32(t.Nanosecond())}
}

func (n *node) Setattr(ctx context.Context, _ fs.FileHandle, in *fuse.SetAttrIn, out *fuse.AttrOut) syscall.Errno {
	var s nfs3.SetAttrs
	if m, ok := in.GetMode(); ok {
		m &= 0o7777
		s.Mode = &m
	}
	if u, ok := in.GetUID(); ok {
		s.UID = &u
	}
	if g, ok := in.GetGID(); ok {
		s.GID = &g
	}
	if size, ok := in.GetSize(); ok {
		s.Size = &size
	}
	if in.Valid&fuse.FATTR_ATIME_NOW != 0 {
		s.AtimeToNow = true
	} else if t, ok := in.GetATime(); ok {
		s.Atime = nfsTime(t)
	}
	if in.Valid&fuse.FATTR_MTIME_NOW != 0 {
		s.MtimeToNow = true
	} else if t, ok := in.GetMTime(); ok {
		s.Mtime = nfsTime(t)
	}
	a, err := n.client.Setattr(credOf(ctx), n.handle(), s)
	if err != nil {
		return errno("setattr", err)
	}
	fillAttr(a, &out.Attr)
	return 0
}

// accessFor is what an open with flags needs of the server (ACCESS bits).
func accessFor(flags uint32) uint32 {
	switch flags & syscall.O_ACCMODE {
	case syscall.O_WRONLY:
		return nfs3.AccessModify
	case syscall.O_RDWR:
		return nfs3.AccessRead | nfs3.AccessModify
	default:
		return nfs3.AccessRead
	}
}

// Open asks the server whether the caller may read or write the file, as the kernel's client
// does at open, so a refused write fails at open(2) and not at the first write(2).
func (n *node) Open(ctx context.Context, flags uint32) (fs.FileHandle, uint32, syscall.Errno) {
	want := accessFor(flags)
	got, err := n.client.Access(credOf(ctx), n.handle(), want)
	if err != nil {
		return nil, 0, errno("open", err)
	}
	if got&want != want {
		return nil, 0, syscall.EACCES
	}
	return nil, fuse.FOPEN_DIRECT_IO, 0
}

func (n *node) Read(ctx context.Context, _ fs.FileHandle, dest []byte, off int64) (fuse.ReadResult, syscall.Errno) {
	cred, fh := credOf(ctx), n.handle()
	got := 0
	for got < len(dest) {
		data, eof, err := n.client.Read(cred, fh, uint64(off)+uint64(got), uint32(len(dest)-got))
		if err != nil {
			return nil, errno("read", err)
		}
		got += copy(dest[got:], data)
		if eof || len(data) == 0 {
			break
		}
	}
	return fuse.ReadResultData(dest[:got]), 0
}

func (n *node) Write(ctx context.Context, _ fs.FileHandle, data []byte, off int64) (uint32, syscall.Errno) {
	cred, fh := credOf(ctx), n.handle()
	done := 0
	for done < len(data) {
		w, err := n.client.Write(cred, fh, uint64(off)+uint64(done), data[done:])
		if err != nil {
			return uint32(done), errno("write", err)
		}
		if w == 0 {
			return uint32(done), syscall.EIO
		}
		done += int(w)
	}
	return uint32(done), 0
}

// Fsync and Flush have nothing to do: every WRITE is FILE_SYNC, on stable storage when answered.
func (n *node) Fsync(context.Context, fs.FileHandle, uint32) syscall.Errno { return 0 }
func (n *node) Flush(context.Context, fs.FileHandle) syscall.Errno         { return 0 }

func (n *node) Create(ctx context.Context, name string, flags, mode uint32, out *fuse.EntryOut) (*fs.Inode, fs.FileHandle, uint32, syscall.Errno) {
	m := mode & 0o7777
	fh, a, err := n.client.Create(credOf(ctx), n.handle(), name, nfs3.SetAttrs{Mode: &m}, flags&syscall.O_EXCL != 0)
	if err != nil {
		return nil, nil, 0, errno("create "+name, err)
	}
	if flags&syscall.O_TRUNC != 0 && a.Filesize != 0 {
		zero := uint64(0)
		if a, err = n.client.Setattr(credOf(ctx), fh, nfs3.SetAttrs{Size: &zero}); err != nil {
			return nil, nil, 0, errno("create "+name, err)
		}
	}
	return n.child(ctx, fh, a, out), nil, fuse.FOPEN_DIRECT_IO, 0
}

func (n *node) Mkdir(ctx context.Context, name string, mode uint32, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	m := mode & 0o7777
	fh, a, err := n.client.Mkdir(credOf(ctx), n.handle(), name, nfs3.SetAttrs{Mode: &m})
	if err != nil {
		return nil, errno("mkdir "+name, err)
	}
	return n.child(ctx, fh, a, out), 0
}

func (n *node) Symlink(ctx context.Context, target, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	fh, a, err := n.client.Symlink(credOf(ctx), n.handle(), name, target)
	if err != nil {
		return nil, errno("symlink "+name, err)
	}
	return n.child(ctx, fh, a, out), 0
}

func (n *node) Readlink(ctx context.Context) ([]byte, syscall.Errno) {
	target, err := n.client.Readlink(credOf(ctx), n.handle())
	if err != nil {
		return nil, errno("readlink", err)
	}
	return []byte(target), 0
}

func (n *node) Unlink(ctx context.Context, name string) syscall.Errno {
	return errno("remove "+name, n.client.Remove(credOf(ctx), n.handle(), name))
}

func (n *node) Rmdir(ctx context.Context, name string) syscall.Errno {
	return errno("rmdir "+name, n.client.Rmdir(credOf(ctx), n.handle(), name))
}

// Rename does a plain rename; RENAME_NOREPLACE and RENAME_EXCHANGE have no NFSv3 procedure
// and fail with EINVAL, as on the kernel's NFSv3 client.
func (n *node) Rename(ctx context.Context, name string, newParent fs.InodeEmbedder, newName string, flags uint32) syscall.Errno {
	if flags != 0 {
		return syscall.EINVAL
	}
	to, ok := newParent.(*node)
	if !ok {
		return syscall.EXDEV
	}
	return errno("rename "+name, n.client.Rename(credOf(ctx), n.handle(), name, to.handle(), newName))
}

func (n *node) Readdir(ctx context.Context) (fs.DirStream, syscall.Errno) {
	entries, err := n.client.ReadDirPlus(credOf(ctx), n.handle())
	if err != nil {
		return nil, errno("readdir", err)
	}
	// "." and ".." first, as the kernel's client lists them (the server's own are skipped below).
	parent := n.EmbeddedInode()
	if _, p := n.Parent(); p != nil {
		parent = p
	}
	list := make([]fuse.DirEntry, 0, len(entries)+2)
	list = append(list,
		fuse.DirEntry{Name: ".", Ino: n.StableAttr().Ino, Mode: syscall.S_IFDIR},
		fuse.DirEntry{Name: "..", Ino: parent.StableAttr().Ino, Mode: syscall.S_IFDIR})
	for _, e := range entries {
		if e.Name == "." || e.Name == ".." {
			continue
		}
		mode := uint32(syscall.S_IFREG)
		if e.Attr != nil {
			mode = typeBits(e.Attr.Type)
		}
		list = append(list, fuse.DirEntry{Name: e.Name, Ino: e.FileID, Mode: mode})
	}
	return fs.NewListDirStream(list), 0
}

func (n *node) Statfs(ctx context.Context, out *fuse.StatfsOut) syscall.Errno {
	s, err := n.client.Fsstat(credOf(ctx), n.handle())
	if err != nil {
		return errno("statfs", err)
	}
	const bsize = 4096
	out.Bsize, out.Frsize, out.NameLen = bsize, bsize, 255
	out.Blocks, out.Bfree, out.Bavail = s.TotalBytes/bsize, s.FreeBytes/bsize, s.AvailBytes/bsize
	out.Files, out.Ffree = s.TotalFiles, s.FreeFiles
	return 0
}

// Access answers access(2) with the server's ACCESS procedure.
func (n *node) Access(ctx context.Context, mask uint32) syscall.Errno {
	var want uint32
	if mask&4 != 0 { // R_OK
		want |= nfs3.AccessRead
	}
	if mask&2 != 0 { // W_OK
		want |= nfs3.AccessModify
	}
	if mask&1 != 0 { // X_OK
		if n.IsDir() {
			want |= nfs3.AccessLookup
		} else {
			want |= nfs3.AccessExecute
		}
	}
	if want == 0 {
		return 0
	}
	got, err := n.client.Access(credOf(ctx), n.handle(), want)
	if err != nil {
		return errno("access", err)
	}
	if got&want != want {
		return syscall.EACCES
	}
	return 0
}
