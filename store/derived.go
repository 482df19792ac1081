package store

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
)

// derivedWrites collects every change to the derived buckets so that each
// bucket is written in sorted key order; a nil value deletes the key.
//
// The index lists (names, claims, cookies, patterns) take changes two
// ways. A key whose list loses entries (a vendor re-indexed or removed) is
// loaded whole into a map first. A key that only gains entries, as every
// key of a large import's new vendors does, has them queued in a slice;
// at the end the queue is sorted by key and each key's list is read from
// the file, if it has one, in one ordered pass. That spares a map entry
// and a lookup in the file for each of 100,000 keys.
type derivedWrites struct {
	names    indexChanges[nameEntry]
	claims   indexChanges[claim]
	cookies  indexChanges[cookieRef]
	patterns indexChanges[cookieRef]
	vendors  map[string][]byte
	counts   counterDeltas
	// The briefs in the order they were set, not in a map: an incremental
	// update visits vendors in id order (taking out a vendor's brief and
	// setting its new one in turn), which spares a map and sorting of
	// 100,000 keys in a large import.
	briefIDs  []string
	briefVals [][]byte
	cache     *recordCache // learns the merged records written
}

// indexChanges are one index bucket's changes: lists loaded whole and
// changed (loaded), and entries to add to a key's list as it stands in the
// file (added).
type indexChanges[E any] struct {
	loaded map[string][]E
	added  []keyed[E]
}

type keyed[E any] struct {
	data.SortKey     // most comparisons end at its prefix
	seq          int // the order added, which a key's entries keep
	e            E
}

func compareKeyed[E any](a, b keyed[E]) int {
	if c := a.SortKey.Compare(b.SortKey); c != 0 {
		return c
	}
	return a.seq - b.seq
}

// sortKeyed orders queued entries by key, then by the order they came. A
// large queue (a large import's cookie names) is sorted in two halves at
// once and merged.
func sortKeyed[E any](xs []keyed[E]) {
	if len(xs) < 1<<14 {
		slices.SortFunc(xs, compareKeyed[E])
		return
	}
	mid := len(xs) / 2
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(xs[:mid], compareKeyed[E]) })
	slices.SortFunc(xs[mid:], compareKeyed[E])
	wg.Wait()
	merged := make([]keyed[E], 0, len(xs))
	a, b := xs[:mid], xs[mid:]
	for len(a) > 0 && len(b) > 0 {
		if compareKeyed(b[0], a[0]) < 0 {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	merged = append(append(merged, a...), b...)
	copy(xs, merged)
}

// add files one entry under key.
func (c *indexChanges[E]) add(key string, e E) {
	if es, ok := c.loaded[key]; ok {
		c.loaded[key] = append(es, e)
		return
	}
	c.added = append(c.added, keyed[E]{data.NewSortKey(key), len(c.added), e})
}

func (w *derivedWrites) setBrief(id string, raw []byte) {
	if n := len(w.briefIDs); n > 0 && w.briefIDs[n-1] == id {
		w.briefVals[n-1] = raw
		return
	}
	w.briefIDs, w.briefVals = append(w.briefIDs, id), append(w.briefVals, raw)
}

// briefs is the briefs set, in key order, each id's last; "" left out, as
// bbolt refuses an empty key. In the order they were set if that is it.
func (w *derivedWrites) briefs() ([]string, [][]byte) {
	ids, vals := w.briefIDs, w.briefVals
	sorted := len(ids) == 0 || ids[0] != ""
	for i := 1; i < len(ids) && sorted; i++ {
		sorted = ids[i-1] < ids[i]
	}
	if sorted {
		return ids, vals
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(ids[a], ids[b]) })
	keys, out := make([]string, 0, len(ids)), make([][]byte, 0, len(ids))
	for n, i := range order {
		if ids[i] == "" || n+1 < len(order) && ids[order[n+1]] == ids[i] {
			continue // a later brief of the same id wins
		}
		keys, out = append(keys, ids[i]), append(out, vals[i])
	}
	return keys, out
}

// newDerivedWrites sizes for n vendors, about as many hosts and the
// storage items of records: growing maps and slices of 100,000 entries
// cost a tenth of a large import.
func newDerivedWrites(n int, records []freshRecord) *derivedWrites {
	hosts, storage := n, n
	if records != nil {
		hosts, storage = 0, 0
		for i := range records {
			d, sc, st := records[i].counts()
			hosts += d + sc
			storage += st
		}
	}
	return &derivedWrites{
		names:    indexChanges[nameEntry]{loaded: map[string][]nameEntry{}, added: make([]keyed[nameEntry], 0, 2*n)},
		claims:   indexChanges[claim]{loaded: map[string][]claim{}, added: make([]keyed[claim], 0, hosts)},
		cookies:  indexChanges[cookieRef]{loaded: map[string][]cookieRef{}, added: make([]keyed[cookieRef], 0, storage)},
		patterns: indexChanges[cookieRef]{loaded: map[string][]cookieRef{}},
		vendors:  map[string][]byte{}, briefIDs: make([]string, 0, n), briefVals: make([][]byte, 0, n),
	}
}

// add files one vendor's entries.
func (w *derivedWrites) add(id string, ix vendorIndex) { w.addExcept(id, ix, keptKeys{}) }

// addExcept files one vendor's entries but those under the keys kept,
// which the file holds already.
func (w *derivedWrites) addExcept(id string, ix vendorIndex, kept keptKeys) {
	if ix.merged != nil {
		w.vendors[id] = ix.merged
		w.cache.put("", id, ix.mergedVendor)
	}
	w.setBrief(id, ix.brief)
	w.counts.add(ix.count, 1)
	for _, n := range ix.names {
		if !kept.names[n.key] {
			w.names.add(n.key, nameEntry{n.rank, id})
		}
	}
	for _, hc := range ix.claims {
		if !kept.hosts[hc.host] {
			w.claims.add(hc.host, hc.c)
		}
	}
	for _, ck := range ix.refs {
		if kept.storage[ck.name] {
			continue
		}
		if data.IsPattern(ck.name) {
			w.patterns.add(ck.name, ck.ref)
		} else {
			w.cookies.add(ck.name, ck.ref)
		}
	}
}

// boltKeys is the keys of m in order, "" left out: bbolt refuses an empty
// key.
func boltKeys[V any](m map[string]V) []string {
	keys := slices.Sorted(maps.Keys(m))
	if len(keys) > 0 && keys[0] == "" {
		return keys[1:]
	}
	return keys
}
