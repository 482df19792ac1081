package store

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// rebuild recomputes the merged vendors and every index from the layers
// alone: what the indexes an import keeps up to date must equal.
func rebuild(tx *bolt.Tx) error { return rebuildWith(tx, "", nil) }

// statsFromAll counts as stats did before the counters: every record read.
func statsFromAll(t *testing.T, s *Store) map[data.Category][2]int {
	t.Helper()
	vs, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	out := map[data.Category][2]int{}
	for _, v := range vs {
		n := out[v.Category]
		out[v.Category] = [2]int{n[0] + 1, n[1] + len(v.Domains)}
	}
	return out
}

func statsNow(t *testing.T, s *Store) map[data.Category][2]int {
	t.Helper()
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	out := map[data.Category][2]int{}
	for _, c := range st {
		if c.Vendors > 0 {
			out[c.Category] = [2]int{c.Vendors, c.Domains}
		}
	}
	return out
}

// Every import, forget and rebuild keeps stats' counters and the briefs as
// a count and a read of every record would make them.
func TestCountersAndBriefsFollowEveryWrite(t *testing.T) {
	s := openSeeded(t)
	check := func(when string) {
		t.Helper()
		if got, want := statsNow(t, s), statsFromAll(t, s); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: stats %v; counting every record gives %v", when, got, want)
		}
		bs, err := s.Briefs()
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.All()
		if err != nil {
			t.Fatal(err)
		}
		want := make([]data.Brief, len(vs))
		for i := range vs {
			want[i] = vs[i].Brief()
		}
		slices.SortFunc(want, func(a, b data.Brief) int { return strings.Compare(a.ID, b.ID) })
		if len(bs) != len(want) {
			t.Fatalf("%s: %d briefs for %d vendors", when, len(bs), len(want))
		}
		for i := range bs {
			if !reflect.DeepEqual(bs[i], want[i]) {
				t.Fatalf("%s: brief %+v; the record says %+v", when, bs[i], want[i])
			}
		}
		// EachBrief shows the same briefs, each valid during its call.
		var each []data.Brief
		if err := s.EachBrief(nil, func(b data.Brief) { each = append(each, b.Clone()) }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(each, want) {
			t.Fatalf("%s: EachBrief shows %d briefs unlike the records'", when, len(each))
		}
	}
	check("seeded")
	mustImport(t, s, "third-party-web.json")
	check("third-party-web imported")
	mustImport(t, s, "ocd.csv")
	mustImport(t, s, "vendex-user.json")
	check("more imported")
	if _, err := s.Forget("third-party-web.json"); err != nil {
		t.Fatal(err)
	}
	check("forgotten")
	if err := s.update(rebuild); err != nil {
		t.Fatal(err)
	}
	check("rebuilt")
	// An older file without counters is counted from its briefs.
	if err := s.update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketCounts) }); err != nil {
		t.Fatal(err)
	}
	check("without counters")
}
