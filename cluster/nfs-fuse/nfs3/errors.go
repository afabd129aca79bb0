package nfs3

import (
	"errors"
	"fmt"
	"syscall"
)

// StatusError is an NFS procedure that the server answered with a status other than NFS3_OK.
type StatusError struct {
	Proc   string
	Status uint32
}

// statuses maps nfsstat3 (RFC 1813, 2.6) to its name and to the errno the caller gets, as the
// Linux kernel's client maps them (fs/nfs/nfs3xdr.c), with its kernel-internal codes (for
// BADHANDLE, BAD_COOKIE, TOOSMALL, BADTYPE) replaced by the errno a process sees instead.
var statuses = map[uint32]struct {
	name  string
	errno syscall.Errno
}{
	1:     {"NFS3ERR_PERM", syscall.EPERM},
	2:     {"NFS3ERR_NOENT", syscall.ENOENT},
	5:     {"NFS3ERR_IO", syscall.EIO},
	6:     {"NFS3ERR_NXIO", syscall.ENXIO},
	13:    {"NFS3ERR_ACCES", syscall.EACCES},
	17:    {"NFS3ERR_EXIST", syscall.EEXIST},
	18:    {"NFS3ERR_XDEV", syscall.EXDEV},
	19:    {"NFS3ERR_NODEV", syscall.ENODEV},
	20:    {"NFS3ERR_NOTDIR", syscall.ENOTDIR},
	21:    {"NFS3ERR_ISDIR", syscall.EISDIR},
	22:    {"NFS3ERR_INVAL", syscall.EINVAL},
	27:    {"NFS3ERR_FBIG", syscall.EFBIG},
	28:    {"NFS3ERR_NOSPC", syscall.ENOSPC},
	30:    {"NFS3ERR_ROFS", syscall.EROFS},
	31:    {"NFS3ERR_MLINK", syscall.EMLINK},
	63:    {"NFS3ERR_NAMETOOLONG", syscall.ENAMETOOLONG},
	66:    {"NFS3ERR_NOTEMPTY", syscall.ENOTEMPTY},
	69:    {"NFS3ERR_DQUOT", syscall.EDQUOT},
	70:    {"NFS3ERR_STALE", syscall.ESTALE},
	71:    {"NFS3ERR_REMOTE", syscall.EREMOTE},
	10001: {"NFS3ERR_BADHANDLE", syscall.ESTALE},
	10002: {"NFS3ERR_NOT_SYNC", syscall.EIO},
	10003: {"NFS3ERR_BAD_COOKIE", syscall.EIO},
	10004: {"NFS3ERR_NOTSUPP", syscall.ENOTSUP},
	10005: {"NFS3ERR_TOOSMALL", syscall.EIO},
	10006: {"NFS3ERR_SERVERFAULT", syscall.EREMOTEIO},
	10007: {"NFS3ERR_BADTYPE", syscall.EINVAL},
	10008: {"NFS3ERR_JUKEBOX", syscall.EAGAIN},
}

func (e *StatusError) Error() string {
	if s, ok := statuses[e.Status]; ok {
		return fmt.Sprintf("%s: %s", e.Proc, s.name)
	}
	return fmt.Sprintf("%s: nfsstat3 %d", e.Proc, e.Status)
}

// Errno is the errno a process gets for this status (EIO for one the protocol does not define).
func (e *StatusError) Errno() syscall.Errno {
	if s, ok := statuses[e.Status]; ok {
		return s.errno
	}
	return syscall.EIO
}

// ErrnoOf is the errno for any error of this package: a server status maps as the kernel maps
// it; a transport failure (server unreachable, connection lost) is EIO.
func ErrnoOf(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	var s *StatusError
	if errors.As(err, &s) {
		return s.Errno()
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return syscall.EIO
}

func procName(proc uint32) string {
	names := map[uint32]string{
		procGetattr: "GETATTR", procSetattr: "SETATTR", procLookup: "LOOKUP", procAccess: "ACCESS",
		procReadlink: "READLINK", procRead: "READ", procWrite: "WRITE", procCreate: "CREATE",
		procMkdir: "MKDIR", procSymlink: "SYMLINK", procRemove: "REMOVE", procRmdir: "RMDIR",
		procRename: "RENAME", procLink: "LINK", procReaddirplus: "READDIRPLUS", procFsstat: "FSSTAT",
	}
	if n, ok := names[proc]; ok {
		return n
	}
	return fmt.Sprintf("procedure %d", proc)
}
