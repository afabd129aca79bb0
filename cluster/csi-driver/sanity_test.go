package main

// The csi-test sanity suite: the CSI spec's checks on every RPC the driver claims, run against
// the real driver (real images, loop devices, XFS mounts).

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubernetes-csi/csi-test/v5/pkg/sanity"
	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
)

// courseIDs gives sanity ids of the driver's own shapes, so "a valid id of a volume that does
// not exist" reaches the record lookup instead of failing the shape check.
type courseIDs struct{}

func (courseIDs) GenerateUniqueValidVolumeID() string { return "vol-" + randomHex(10) }
func (courseIDs) GenerateInvalidVolumeID() string     { return "not-a-volume-id" }
func (courseIDs) GenerateUniqueValidNodeID() string   { return "node-" + randomHex(5) }
func (courseIDs) GenerateInvalidNodeID() string       { return "Not_A_Node" }

// notClaimed: the skip messages of sanity specs for what the driver does not claim. Any other
// skip fails TestSanity: a skipped spec is not a passed one.
var notClaimed = []string{
	"GetCapacity not supported",
	"ListVolumes not supported",
	"ControllerPublishVolume.readonly field not supported",
	"testnodevolumeattachlimit not enabled",
	"GetSnapshot not supported",
	"SNAPSHOT_ACCESSIBILITY_CONSTRAINTS not supported",
	"ControllerGetVolumeHealth not supported",
	"ControllerListVolumeHealth not supported",
	"GroupControllerService not supported",
	"NodeGetVolumeHealth not supported",
	"NodeGetStorageHealth not supported",
}

var suiteReport types.Report

var _ = ginkgo.ReportAfterSuite("keep the report", func(r ginkgo.Report) { suiteReport = r })

func TestSanity(t *testing.T) {
	needDisks(t)
	td := startDriver(t, "node-a", "")
	cfg := sanity.NewTestConfig()
	cfg.Address = "unix://" + filepath.Join(td.root, "csi.sock")
	cfg.TargetPath = filepath.Join(td.root, "target")
	cfg.StagingPath = filepath.Join(td.root, "staging")
	cfg.TestVolumeSize = minVolumeBytes
	cfg.TestVolumeExpandSize = minVolumeBytes + 100*mib
	cfg.TestVolumeMutableParameters = map[string]string{"tier": "fast"}
	cfg.IDGen = courseIDs{}
	sanity.Test(t, cfg)

	var passed, failed, skipped, pending int
	for _, s := range suiteReport.SpecReports {
		if s.LeafNodeType != types.NodeTypeIt {
			continue
		}
		switch s.State {
		case types.SpecStatePassed:
			passed++
		case types.SpecStateSkipped:
			skipped++
			t.Logf("skipped: %s: %s", s.FullText(), s.Failure.Message)
			if !claimedNot(s.Failure.Message) {
				t.Errorf("sanity skipped %q: %s", s.FullText(), s.Failure.Message)
			}
		case types.SpecStatePending: // marked pending in csi-test itself: never run
			pending++
		default:
			failed++
		}
	}
	t.Logf("sanity: %d passed, %d skipped (not claimed), %d pending, %d failed", passed, skipped, pending, failed)
	if passed == 0 {
		t.Error("sanity ran no specs")
	}
}

func claimedNot(msg string) bool {
	for _, m := range notClaimed {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}
