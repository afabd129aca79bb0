package mountopts_test

import (
	"slices"
	"strings"
	"testing"

	"k8s-storage-course/nfs-fuse/mountopts"
)

// What the kubelet's in-tree nfs volume runs, through mount(8): `mount -t nfs SRC DIR`, with
// `-o ro` for a read-only volume and the PersistentVolume's mountOptions.
func TestTheKubeletsInvocations(t *testing.T) {
	dir := "/var/lib/kubelet/pods/0b1c/volumes/kubernetes.io~nfs/shared"
	m, err := mountopts.Parse([]string{"10.96.100.100:/", dir})
	if err != nil {
		t.Fatal(err)
	}
	if m.Host != "10.96.100.100" || m.Export != "/" || m.Dir != dir || m.ReadOnly {
		t.Fatalf("%+v", m)
	}
	m, err = mountopts.Parse([]string{"10.96.100.100:/exports/a", dir, "-o", "ro,nfsvers=3,hard,timeo=600"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Export != "/exports/a" || !m.ReadOnly || !slices.Equal(m.Ignored, []string{"hard", "timeo=600"}) {
		t.Fatalf("%+v", m)
	}
}

func TestSourcesAndFlags(t *testing.T) {
	m, err := mountopts.Parse([]string{"-s", "[fd00::10]:/data", "/mnt", "-vn", "-r", "-oport=2049,mountport=20048,nosuid"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Host != "fd00::10" || m.Export != "/data" || !m.Verbose || !m.ReadOnly || m.NFSPort != 2049 || m.MountPort != 20048 || !slices.Equal(m.VFSFlags, []string{"nosuid"}) {
		t.Fatalf("%+v", m)
	}
	m, err = mountopts.Parse([]string{"nfs-server.default.svc.cluster.local:/", "/mnt", "-f"})
	if err != nil || m.Host != "nfs-server.default.svc.cluster.local" || !m.Fake {
		t.Fatalf("%+v %v", m, err)
	}
}

// What this client cannot do is refused with the option named, never ignored.
func TestUnsupportedOptionsAreRefusedByName(t *testing.T) {
	for opts, want := range map[string]string{
		"vers=4.1":     "vers=4.1: the course's user-space NFS client speaks NFSv3 only",
		"nfsvers=4":    "nfsvers=4: the course's user-space NFS client speaks NFSv3 only",
		"proto=udp":    "speaks TCP only",
		"udp":          "speaks TCP only",
		"sec=krb5":     "sec=sys (AUTH_UNIX) only",
		"port=http":    "port=http: not a port number",
		"fsid=7":       "fsid=7: an option the course's user-space NFS client does not know",
		"rw,colour=no": "colour=no",
	} {
		_, err := mountopts.Parse([]string{"10.0.0.1:/", "/mnt", "-o", opts})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("-o %s: %v (want %q)", opts, err, want)
		}
	}
}

func TestBadCommandLines(t *testing.T) {
	for _, argv := range [][]string{
		{"10.0.0.1:/"},
		{"10.0.0.1", "/mnt"},
		{":/x", "/mnt"},
		{"10.0.0.1:/", "/mnt", "-o"},
		{"10.0.0.1:/", "/mnt", "-x"},
		{"10.0.0.1:/", "/mnt", "-N", "/proc/1/ns/mnt"},
	} {
		if m, err := mountopts.Parse(argv); err == nil {
			t.Errorf("%q parsed as %+v", argv, m)
		}
	}
}
