package main

// The driver's records. A CSI driver must remember what it made: Kubernetes only keeps the
// volume's id (the PV's volumeHandle) and asks the driver about everything else. This driver
// keeps its records as JSON files in the shared directory, which every node sees:
//
//	SHARED/nodes/<node-id>.json          one per node the driver has run on
//	SHARED/volumes/<volume-id>.json      a volume: its name, node, size, parameters
//	SHARED/snapshots/<snapshot-id>/      a snapshot: meta.json and the copied image
//
// Because the records are shared, the RPCs that a leader-elected sidecar may send to the
// driver on any node (ControllerPublishVolume, ControllerExpandVolume, ControllerModifyVolume,
// DeleteSnapshot, ListSnapshots) need nothing but these files. A volume's data, its image,
// stays on its own node (STATE/volumes/<volume-id>.img).
//
// Every record is written whole to a temporary file and renamed into place, so a reader on
// another node sees the old record or the new one, never half of one.

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"
)

type volumeRecord struct {
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Node              string            `json:"node"`
	CapacityBytes     int64             `json:"capacityBytes"`
	Parameters        map[string]string `json:"parameters,omitempty"`
	MutableParameters map[string]string `json:"mutableParameters,omitempty"`
	ContentSource     *contentSource    `json:"contentSource,omitempty"`
	CreatedAt         time.Time         `json:"createdAt"`
}

// contentSource says what a volume was filled from: a snapshot (restore) or a volume (clone).
type contentSource struct {
	SnapshotID string `json:"snapshotId,omitempty"`
	VolumeID   string `json:"volumeId,omitempty"`
}

type snapshotRecord struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	SourceVolumeID string    `json:"sourceVolumeId"`
	SourceNode     string    `json:"sourceNode"`
	SizeBytes      int64     `json:"sizeBytes"`
	CreatedAt      time.Time `json:"createdAt"`
}

type nodeRecord struct {
	ID        string    `json:"id"`
	StartedAt time.Time `json:"startedAt"`
}

var errNotFound = errors.New("not found")

// IDs are derived from names: the same CreateVolume or CreateSnapshot name always gives the
// same id, so a retried call (the sidecar timed out and asks again) finds its own earlier work
// instead of making a second volume. The shape is checked before an id becomes a file name.
var (
	volumeIDPattern   = regexp.MustCompile(`^vol-[0-9a-f]{20}$`)
	snapshotIDPattern = regexp.MustCompile(`^snap-[0-9a-f]{20}$`)
	nodeIDPattern     = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$`)
)

func volumeIDFor(name string) string   { return "vol-" + hash20(name) }
func snapshotIDFor(name string) string { return "snap-" + hash20(name) }

func hash20(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:20]
}

type store struct {
	shared string // the directory every node sees
	state  string // this node's own directory
}

func (s *store) volumeFile(id string) string  { return filepath.Join(s.shared, "volumes", id+".json") }
func (s *store) snapshotDir(id string) string { return filepath.Join(s.shared, "snapshots", id) }
func (s *store) nodeFile(id string) string    { return filepath.Join(s.shared, "nodes", id+".json") }

// image is where a volume's data lives on its node: a sparse file holding an XFS file system.
func (s *store) image(id string) string { return filepath.Join(s.state, "volumes", id+".img") }

func (s *store) snapshotImage(id string) string { return filepath.Join(s.snapshotDir(id), "image") }

func (s *store) init() error {
	for _, dir := range []string{
		filepath.Join(s.shared, "volumes"), filepath.Join(s.shared, "snapshots"),
		filepath.Join(s.shared, "nodes"), filepath.Join(s.state, "volumes"),
	} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	}
	return nil
}

func (s *store) volume(id string) (*volumeRecord, error) {
	if !volumeIDPattern.MatchString(id) {
		return nil, errNotFound
	}
	var r volumeRecord
	return &r, readJSON(s.volumeFile(id), &r)
}

func (s *store) putVolume(r *volumeRecord) error { return writeJSON(s.volumeFile(r.ID), r) }

func (s *store) deleteVolume(id string) error { return removeIfPresent(s.volumeFile(id)) }

func (s *store) snapshot(id string) (*snapshotRecord, error) {
	if !snapshotIDPattern.MatchString(id) {
		return nil, errNotFound
	}
	var r snapshotRecord
	return &r, readJSON(filepath.Join(s.snapshotDir(id), "meta.json"), &r)
}

// snapshots lists every finished snapshot, oldest first (then by id), so that a new snapshot
// goes to the end of the list and a paging client's next index still points where it did.
func (s *store) snapshots() ([]*snapshotRecord, error) {
	entries, err := os.ReadDir(filepath.Join(s.shared, "snapshots"))
	if err != nil {
		return nil, err
	}
	var list []*snapshotRecord
	for _, e := range entries {
		if r, err := s.snapshot(e.Name()); err == nil {
			list = append(list, r)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].CreatedAt.Equal(list[j].CreatedAt) {
			return list[i].CreatedAt.Before(list[j].CreatedAt)
		}
		return list[i].ID < list[j].ID
	})
	return list, nil
}

// deleteSnapshot renames the snapshot's directory away first, so that it disappears from
// every listing at once, then removes it.
func (s *store) deleteSnapshot(id string) error {
	dir := s.snapshotDir(id)
	gone := filepath.Join(filepath.Dir(dir), ".deleting-"+id+"-"+randomHex(4))
	if err := os.Rename(dir, gone); err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	return os.RemoveAll(gone)
}

func (s *store) putNode(r *nodeRecord) error { return writeJSON(s.nodeFile(r.ID), r) }

func (s *store) nodeKnown(id string) bool {
	if !nodeIDPattern.MatchString(id) {
		return false
	}
	_, err := os.Stat(s.nodeFile(id))
	return err == nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// writeJSON writes v to path atomically: a temporary file in the same directory, synced,
// then renamed over path.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func removeIfPresent(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// busy holds the ids (volumes, snapshots) an RPC is working on in this process. A second RPC
// for the same id gets Aborted ("operation pending" in CSI terms) instead of waiting: sidecars
// retry, and by then the first call has finished. Commands are never cut short when a sidecar
// gives up waiting (its gRPC deadline), so the retry finds the work done.
type busy struct {
	mu  sync.Mutex
	ids map[string]bool
}

// claim marks every id busy, or none of them if one already is; it returns the one that was.
func (b *busy) claim(ids ...string) (taken string, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		if b.ids[id] {
			return id, false
		}
	}
	if b.ids == nil {
		b.ids = map[string]bool{}
	}
	for _, id := range ids {
		b.ids[id] = true
	}
	return "", true
}

func (b *busy) release(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		delete(b.ids, id)
	}
}
