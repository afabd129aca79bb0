// Package mountopts reads the command line mount(8) gives a mount helper
// (`mount.nfs SOURCE DIR [-sfnvrw] [-N NS] [-o OPTIONS]`, see mount(8), "External helpers") and the
// NFS options in it (nfs(5)).
//
// Contract: an option this client does not support, or a value it cannot honour (NFSv4, UDP, a
// security flavour other than sys), is an error naming the option, never ignored: the kernel's
// mount.nfs refuses what it does not know too. Options that only tune the kernel's client
// (timeo, retrans, hard, actimeo, ...) are accepted and have no effect; Ignored lists them.
package mountopts

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Mount is one parsed invocation.
type Mount struct {
	Host, Export, Dir string
	ReadOnly          bool
	NFSPort           int
	MountPort         int
	// VFSFlags are generic mount options passed on to the FUSE mount (nosuid, nodev, noexec, ...).
	VFSFlags []string
	// Ignored are the options accepted for compatibility that change nothing here.
	Ignored []string
	Verbose bool
	// Fake is -f: check everything, mount nothing.
	Fake bool
}

// Generic mount options (mount(8)) that the FUSE mount honours.
var vfsFlags = []string{"nosuid", "suid", "nodev", "dev", "noexec", "exec", "sync", "dirsync"}

// Options that tune the kernel's NFS client, or access times (which the server keeps); this
// client has no such knobs.
var kernelTuning = []string{
	"async", "atime", "noatime", "diratime", "nodiratime", "relatime", "norelatime", "strictatime",
	"hard", "soft", "softerr", "intr", "nointr", "timeo", "retrans", "retry", "rsize", "wsize", "ac", "noac",
	"actimeo", "acregmin", "acregmax", "acdirmin", "acdirmax", "bg", "fg", "lock", "nolock", "cto", "nocto",
	"sharecache", "nosharecache", "resvport", "noresvport", "lookupcache", "fsc", "nofsc", "local_lock",
	"mountproto", "mounthost", "mountvers", "namlen", "nconnect", "max_connect", "rdirplus", "nordirplus",
	"_netdev", "defaults", "auto", "noauto", "user", "nouser", "users", "nofail", "addr", "clientaddr", "mountaddr",
}

// Parse reads argv (without the program name).
func Parse(argv []string) (*Mount, error) {
	var pos, opts []string
	var verbose, fake bool
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "-o" || a == "-t" || a == "-N":
			if i+1 >= len(argv) {
				return nil, fmt.Errorf("%s needs a value", a)
			}
			i++
			switch a {
			case "-o":
				opts = append(opts, argv[i])
			case "-N":
				return nil, errors.New("-N (mount in another namespace) is not supported by the course's user-space NFS client")
			}
		case strings.HasPrefix(a, "-o"):
			opts = append(opts, a[2:])
		case len(a) > 1 && a[0] == '-':
			// A cluster of one-letter flags: -s (sloppy) and -n (no mtab) change nothing here.
			for _, f := range a[1:] {
				switch f {
				case 's', 'n':
				case 'v':
					verbose = true
				case 'f':
					fake = true
				case 'r':
					opts = append(opts, "ro")
				case 'w':
					opts = append(opts, "rw")
				default:
					return nil, fmt.Errorf("unknown flag -%c", f)
				}
			}
		default:
			pos = append(pos, a)
		}
	}
	if len(pos) != 2 {
		return nil, fmt.Errorf("usage: mount.nfs SERVER:/PATH DIRECTORY [-o OPTIONS] (got %d arguments that are not flags)", len(pos))
	}
	host, export, err := splitSource(pos[0])
	if err != nil {
		return nil, err
	}
	m := &Mount{Host: host, Export: export, Dir: pos[1], Verbose: verbose, Fake: fake}
	for _, list := range opts {
		for _, o := range strings.Split(list, ",") {
			if o == "" {
				continue
			}
			if err := m.option(o); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

// splitSource splits "host:/path" (or "[v6addr]:/path").
func splitSource(src string) (string, string, error) {
	i := strings.LastIndex(src, ":/")
	if i <= 0 {
		return "", "", fmt.Errorf("%q is not SERVER:/PATH", src)
	}
	host, export := src[:i], src[i+1:]
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return "", "", fmt.Errorf("%q names no server", src)
	}
	return host, export, nil
}

func (m *Mount) option(o string) error {
	key, value, hasValue := strings.Cut(o, "=")
	switch {
	case key == "ro":
		m.ReadOnly = true
	case key == "rw":
		m.ReadOnly = false
	case key == "vers" || key == "nfsvers":
		if value != "3" {
			return fmt.Errorf("%s: the course's user-space NFS client speaks NFSv3 only (this kernel has no NFS client of its own); leave the version out or ask for vers=3", o)
		}
	case key == "v3":
	case key == "v4" || key == "v4.0" || key == "v4.1" || key == "v4.2":
		return fmt.Errorf("%s: the course's user-space NFS client speaks NFSv3 only", o)
	case key == "proto" || key == "mountproto":
		if value != "tcp" && value != "tcp6" {
			return fmt.Errorf("%s: the course's user-space NFS client speaks TCP only", o)
		}
		m.Ignored = append(m.Ignored, o)
	case key == "tcp":
	case key == "udp":
		return fmt.Errorf("%s: the course's user-space NFS client speaks TCP only", o)
	case key == "sec":
		if value != "sys" {
			return fmt.Errorf("%s: the course's user-space NFS client supports sec=sys (AUTH_UNIX) only", o)
		}
	case key == "port" || key == "mountport":
		p, err := strconv.Atoi(value)
		if !hasValue || err != nil || p < 0 || p > 65535 {
			return fmt.Errorf("%s: not a port number", o)
		}
		if key == "port" {
			m.NFSPort = p
		} else {
			m.MountPort = p
		}
	case slices.Contains(vfsFlags, key) && !hasValue:
		m.VFSFlags = append(m.VFSFlags, key)
	case slices.Contains(kernelTuning, key):
		m.Ignored = append(m.Ignored, o)
	default:
		return fmt.Errorf("%s: an option the course's user-space NFS client does not know", o)
	}
	return nil
}
