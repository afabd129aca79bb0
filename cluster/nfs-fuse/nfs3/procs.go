package nfs3

import (
	"fmt"
	"io"

	nfs "github.com/willscott/go-nfs-client/nfs"
	"github.com/willscott/go-nfs-client/nfs/rpc"
	"github.com/willscott/go-nfs-client/nfs/xdr"
)

// NFSv3 procedure numbers (RFC 1813).
const (
	procGetattr     = 1
	procSetattr     = 2
	procLookup      = 3
	procAccess      = 4
	procReadlink    = 5
	procRead        = 6
	procWrite       = 7
	procCreate      = 8
	procMkdir       = 9
	procSymlink     = 10
	procRemove      = 12
	procRmdir       = 13
	procRename      = 14
	procLink        = 15
	procReaddirplus = 17
	procFsstat      = 18
)

// Attr is a file's attributes (fattr3).
type Attr = nfs.Fattr

// Time is nfstime3.
type Time = nfs.NFS3Time

// File types of Attr.Type (ftype3).
const (
	TypeReg  = 1
	TypeDir  = 2
	TypeBlk  = 3
	TypeChr  = 4
	TypeLnk  = 5
	TypeSock = 6
	TypeFIFO = 7
)

// SetAttrs says which attributes SETATTR, CREATE and MKDIR set; a nil field is left as it is.
type SetAttrs struct {
	Mode       *uint32
	UID, GID   *uint32
	Size       *uint64
	Atime      *Time
	Mtime      *Time
	AtimeToNow bool
	MtimeToNow bool
}

func (s SetAttrs) sattr3() nfs.Sattr3 {
	var a nfs.Sattr3
	if s.Mode != nil {
		a.Mode = nfs.SetMode{SetIt: true, Mode: *s.Mode}
	}
	if s.UID != nil {
		a.UID = nfs.SetUID{SetIt: true, UID: *s.UID}
	}
	if s.GID != nil {
		a.GID = nfs.SetUID{SetIt: true, UID: *s.GID}
	}
	if s.Size != nil {
		a.Size = nfs.SetSize{SetIt: true, Size: *s.Size}
	}
	a.Atime = setTime(s.Atime, s.AtimeToNow)
	a.Mtime = setTime(s.Mtime, s.MtimeToNow)
	return a
}

func setTime(t *Time, now bool) nfs.SetTime {
	switch {
	case t != nil:
		return nfs.SetTime{SetIt: nfs.SetToClientTime, Time: *t}
	case now:
		return nfs.SetTime{SetIt: nfs.SetToServerTime}
	default:
		return nfs.SetTime{SetIt: nfs.DontChange}
	}
}

// Getattr returns fh's attributes.
func (c *Client) Getattr(cred Cred, fh []byte) (*Attr, error) {
	type args struct {
		rpc.Header
		FH []byte
	}
	res, err := c.call(cred, procGetattr, &args{c.hdr(cred, procGetattr), fh})
	if err != nil {
		return nil, err
	}
	var a Attr
	if err := xdr.Read(res, &a); err != nil {
		return nil, fmt.Errorf("GETATTR reply: %w", err)
	}
	return &a, nil
}

// Setattr sets what s names on fh (no guard) and returns the attributes after it.
func (c *Client) Setattr(cred Cred, fh []byte, s SetAttrs) (*Attr, error) {
	type guard struct {
		Check bool `xdr:"union"`
		Ctime Time `xdr:"unioncase=1"`
	}
	type args struct {
		rpc.Header
		FH    []byte
		Attrs nfs.Sattr3
		Guard guard
	}
	res, err := c.call(cred, procSetattr, &args{c.hdr(cred, procSetattr), fh, s.sattr3(), guard{}})
	if err != nil {
		return nil, err
	}
	var wcc nfs.WccData
	if err := xdr.Read(res, &wcc); err != nil {
		return nil, fmt.Errorf("SETATTR reply: %w", err)
	}
	return c.after(cred, fh, wcc.After)
}

// after returns the post-operation attributes when the server sent them, else asks for them.
func (c *Client) after(cred Cred, fh []byte, post nfs.PostOpAttr) (*Attr, error) {
	if post.IsSet {
		return &post.Attr, nil
	}
	return c.Getattr(cred, fh)
}

// Lookup finds name in directory dir and returns its handle and attributes.
func (c *Client) Lookup(cred Cred, dir []byte, name string) ([]byte, *Attr, error) {
	type args struct {
		rpc.Header
		Dir  []byte
		Name string
	}
	res, err := c.call(cred, procLookup, &args{c.hdr(cred, procLookup), dir, name})
	if err != nil {
		return nil, nil, err
	}
	var ok struct {
		FH  []byte
		Obj nfs.PostOpAttr
	}
	if err := xdr.Read(res, &ok); err != nil {
		return nil, nil, fmt.Errorf("LOOKUP reply: %w", err)
	}
	a, err := c.after(cred, ok.FH, ok.Obj)
	return ok.FH, a, err
}

// Access bits of ACCESS (RFC 1813, 3.3.4).
const (
	AccessRead    = 0x01
	AccessLookup  = 0x02
	AccessModify  = 0x04
	AccessExtend  = 0x08
	AccessDelete  = 0x10
	AccessExecute = 0x20
)

// Access asks which of the access bits in mask the server grants cred on fh.
func (c *Client) Access(cred Cred, fh []byte, mask uint32) (uint32, error) {
	type args struct {
		rpc.Header
		FH     []byte
		Access uint32
	}
	res, err := c.call(cred, procAccess, &args{c.hdr(cred, procAccess), fh, mask})
	if err != nil {
		return 0, err
	}
	var ok struct {
		Obj    nfs.PostOpAttr
		Access uint32
	}
	if err := xdr.Read(res, &ok); err != nil {
		return 0, fmt.Errorf("ACCESS reply: %w", err)
	}
	return ok.Access, nil
}

// Readlink returns the target of symbolic link fh.
func (c *Client) Readlink(cred Cred, fh []byte) (string, error) {
	type args struct {
		rpc.Header
		FH []byte
	}
	res, err := c.call(cred, procReadlink, &args{c.hdr(cred, procReadlink), fh})
	if err != nil {
		return "", err
	}
	var ok struct {
		Obj  nfs.PostOpAttr
		Path string
	}
	if err := xdr.Read(res, &ok); err != nil {
		return "", fmt.Errorf("READLINK reply: %w", err)
	}
	return ok.Path, nil
}

// Read reads at most count bytes of fh at offset; eof says the server reached the file's end.
func (c *Client) Read(cred Cred, fh []byte, offset uint64, count uint32) (data []byte, eof bool, err error) {
	type args struct {
		rpc.Header
		FH     []byte
		Offset uint64
		Count  uint32
	}
	res, err := c.call(cred, procRead, &args{c.hdr(cred, procRead), fh, offset, count})
	if err != nil {
		return nil, false, err
	}
	var ok struct {
		Obj   nfs.PostOpAttr
		Count uint32
		EOF   bool
		Data  []byte
	}
	if err := xdr.Read(res, &ok); err != nil {
		return nil, false, fmt.Errorf("READ reply: %w", err)
	}
	return ok.Data, ok.EOF, nil
}

// fileSync is stable_how FILE_SYNC: the server writes data and metadata to stable storage
// before it answers, so there is nothing to COMMIT later and a crash of this client loses
// nothing it was told is written.
const fileSync = 2

// Write writes data to fh at offset and returns how many bytes the server wrote.
func (c *Client) Write(cred Cred, fh []byte, offset uint64, data []byte) (uint32, error) {
	type args struct {
		rpc.Header
		FH     []byte
		Offset uint64
		Count  uint32
		Stable uint32
		Data   []byte
	}
	res, err := c.call(cred, procWrite, &args{c.hdr(cred, procWrite), fh, offset, uint32(len(data)), fileSync, data})
	if err != nil {
		return 0, err
	}
	var ok struct {
		Wcc       nfs.WccData
		Count     uint32
		Committed uint32
		Verf      uint64
	}
	if err := xdr.Read(res, &ok); err != nil {
		return 0, fmt.Errorf("WRITE reply: %w", err)
	}
	return ok.Count, nil
}

// made is the reply of CREATE, MKDIR and SYMLINK: the new object's handle and attributes.
func (c *Client) made(cred Cred, proc uint32, res io.Reader, dir []byte, name string) ([]byte, *Attr, error) {
	var ok struct {
		FH  nfs.PostOpFH3
		Obj nfs.PostOpAttr
	}
	if err := xdr.Read(res, &ok); err != nil {
		return nil, nil, fmt.Errorf("%s reply: %w", procName(proc), err)
	}
	if !ok.FH.IsSet {
		// The server may leave the handle out; a LOOKUP finds it.
		return c.Lookup(cred, dir, name)
	}
	a, err := c.after(cred, ok.FH.FH, ok.Obj)
	return ok.FH.FH, a, err
}

// Create makes regular file name in dir with attrs. With exclusive, an existing name is an error
// (GUARDED); without, an existing file is opened as it is (UNCHECKED).
func (c *Client) Create(cred Cred, dir []byte, name string, attrs SetAttrs, exclusive bool) ([]byte, *Attr, error) {
	type how struct {
		Mode      uint32     `xdr:"union"`
		Unchecked nfs.Sattr3 `xdr:"unioncase=0"`
		Guarded   nfs.Sattr3 `xdr:"unioncase=1"`
	}
	type args struct {
		rpc.Header
		Dir  []byte
		Name string
		How  how
	}
	h := how{Mode: 0, Unchecked: attrs.sattr3()}
	if exclusive {
		h = how{Mode: 1, Guarded: attrs.sattr3()}
	}
	res, err := c.call(cred, procCreate, &args{c.hdr(cred, procCreate), dir, name, h})
	if err != nil {
		return nil, nil, err
	}
	return c.made(cred, procCreate, res, dir, name)
}

// Mkdir makes directory name in dir with attrs.
func (c *Client) Mkdir(cred Cred, dir []byte, name string, attrs SetAttrs) ([]byte, *Attr, error) {
	type args struct {
		rpc.Header
		Dir   []byte
		Name  string
		Attrs nfs.Sattr3
	}
	res, err := c.call(cred, procMkdir, &args{c.hdr(cred, procMkdir), dir, name, attrs.sattr3()})
	if err != nil {
		return nil, nil, err
	}
	return c.made(cred, procMkdir, res, dir, name)
}

// Symlink makes symbolic link name in dir pointing at target.
func (c *Client) Symlink(cred Cred, dir []byte, name, target string) ([]byte, *Attr, error) {
	type args struct {
		rpc.Header
		Dir    []byte
		Name   string
		Attrs  nfs.Sattr3
		Target string
	}
	res, err := c.call(cred, procSymlink, &args{c.hdr(cred, procSymlink), dir, name, nfs.Sattr3{}, target})
	if err != nil {
		return nil, nil, err
	}
	return c.made(cred, procSymlink, res, dir, name)
}

// Remove removes the non-directory name from dir.
func (c *Client) Remove(cred Cred, dir []byte, name string) error {
	return c.dirop(cred, procRemove, dir, name)
}

// Rmdir removes the empty directory name from dir.
func (c *Client) Rmdir(cred Cred, dir []byte, name string) error {
	return c.dirop(cred, procRmdir, dir, name)
}

func (c *Client) dirop(cred Cred, proc uint32, dir []byte, name string) error {
	type args struct {
		rpc.Header
		Dir  []byte
		Name string
	}
	_, err := c.call(cred, proc, &args{c.hdr(cred, proc), dir, name})
	return err
}

// Rename moves fromName in fromDir to toName in toDir, replacing what toName was.
func (c *Client) Rename(cred Cred, fromDir []byte, fromName string, toDir []byte, toName string) error {
	type args struct {
		rpc.Header
		FromDir  []byte
		FromName string
		ToDir    []byte
		ToName   string
	}
	_, err := c.call(cred, procRename, &args{c.hdr(cred, procRename), fromDir, fromName, toDir, toName})
	return err
}

// Entry is one directory entry of ReadDirPlus. Handle and Attr are nil when the server left them out.
type Entry struct {
	Name   string
	FileID uint64
	Handle []byte
	Attr   *Attr
}

// ReadDirPlus lists directory dir, following the server's cookies to the end.
func (c *Client) ReadDirPlus(cred Cred, dir []byte) ([]Entry, error) {
	type args struct {
		rpc.Header
		Dir        []byte
		Cookie     uint64
		CookieVerf uint64
		DirCount   uint32
		MaxCount   uint32
	}
	type item struct {
		Follows bool          `xdr:"union"`
		Entry   nfs.EntryPlus `xdr:"unioncase=1"`
	}
	var out []Entry
	cookie, verf := uint64(0), uint64(0)
	for {
		res, err := c.call(cred, procReaddirplus, &args{c.hdr(cred, procReaddirplus), dir, cookie, verf, 8192, 32768})
		if err != nil {
			return nil, err
		}
		var head struct {
			Dir        nfs.PostOpAttr
			CookieVerf uint64
		}
		if err := xdr.Read(res, &head); err != nil {
			return nil, fmt.Errorf("READDIRPLUS reply: %w", err)
		}
		for {
			var it item
			if err := xdr.Read(res, &it); err != nil {
				return nil, fmt.Errorf("READDIRPLUS entry: %w", err)
			}
			if !it.Follows {
				break
			}
			e := Entry{Name: it.Entry.FileName, FileID: it.Entry.FileId}
			if it.Entry.Handle.IsSet {
				e.Handle = it.Entry.Handle.FH
			}
			if it.Entry.Attr.IsSet {
				a := it.Entry.Attr.Attr
				e.Attr = &a
			}
			cookie = it.Entry.Cookie
			out = append(out, e)
		}
		var eof bool
		if err := xdr.Read(res, &eof); err != nil {
			return nil, fmt.Errorf("READDIRPLUS end: %w", err)
		}
		if eof {
			return out, nil
		}
		verf = head.CookieVerf
	}
}

// FSStat is a file system's space and file counts (FSSTAT).
type FSStat struct {
	TotalBytes, FreeBytes, AvailBytes uint64
	TotalFiles, FreeFiles, AvailFiles uint64
}

// Fsstat returns the space and file counts of the file system fh is on.
func (c *Client) Fsstat(cred Cred, fh []byte) (*FSStat, error) {
	type args struct {
		rpc.Header
		FH []byte
	}
	res, err := c.call(cred, procFsstat, &args{c.hdr(cred, procFsstat), fh})
	if err != nil {
		return nil, err
	}
	var ok struct {
		Obj nfs.PostOpAttr
		FSStat
		Invarsec uint32
	}
	if err := xdr.Read(res, &ok); err != nil {
		return nil, fmt.Errorf("FSSTAT reply: %w", err)
	}
	return &ok.FSStat, nil
}
