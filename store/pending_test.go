package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// A batch's later import reads each key as the last import left it, and the
// bucket's keys stay in order for the one write at its end: keys sharing a
// long prefix ("tracker1.example", "tracker10.example") included.
func TestPendingChangesMergeInKeyOrderTheLaterWinning(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := newPendingWrites()
	want := map[string]string{}
	for round := range 6 {
		set := map[string]bool{}
		for range 300 {
			set[fmt.Sprintf("tracker%d.example", rng.IntN(2000))] = true
			set[fmt.Sprintf("t%d", rng.IntN(50))] = true
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range set {
				if !yield(k) {
					return
				}
			}
		})
		vals := make([][]byte, len(keys))
		for i, k := range keys {
			v := fmt.Sprintf("%s@%d", k, round)
			vals[i], want[k] = []byte(v), v
		}
		p.put(bucketDomains, keys, vals)
	}
	pb := p.buckets[string(bucketDomains)]
	if !slices.IsSorted(pb.keys) || len(pb.keys) != len(want) {
		t.Fatalf("%d keys, sorted %v; want %d in order", len(pb.keys), slices.IsSorted(pb.keys), len(want))
	}
	for k, v := range want {
		if got, ok := pb.get(k); !ok || string(got) != v {
			t.Errorf("%s: %q, %v; want %q", k, got, ok, v)
		}
	}
	if _, ok := pb.get("tracker1.exampl"); ok {
		t.Error("a key never put was found")
	}
}
