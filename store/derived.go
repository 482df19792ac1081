package store

import (
	"maps"
	"slices"
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
	brief    map[string][]byte
	counts   counterDeltas
	// The brief keys in the order they were set: an incremental update
	// visits vendors in id order, which spares sorting 100,000 keys of a
	// large import.
	briefOrder []string
	cache      *recordCache // learns the merged records written
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
	w.brief[id] = raw
	w.briefOrder = append(w.briefOrder, id)
}

// sortedKeys is the keys of m in order: order (the keys as they were
// set) if, once repeats are dropped, it is sorted and holds them all;
// else they are sorted anew.
func sortedKeys[V any](m map[string]V, order []string) []string {
	out := make([]string, 0, len(m))
	for _, k := range order {
		if n := len(out); n > 0 && out[n-1] >= k {
			if out[n-1] == k {
				continue
			}
			out = nil
			break
		}
		out = append(out, k)
	}
	if _, empty := m[""]; out == nil || empty || len(out) != len(m) {
		out = boltKeys(m)
	}
	return out
}

// newDerivedWrites sizes for n vendors, about as many hosts and the
// storage items of records: growing maps and slices of 100,000 entries
// cost a tenth of a large import.
func newDerivedWrites(n int, records []*data.Vendor) *derivedWrites {
	hosts, storage := n, n
	if records != nil {
		hosts, storage = 0, 0
		for _, v := range records {
			hosts += len(v.Domains) + len(v.Scripts)
			storage += len(v.Storage)
		}
	}
	return &derivedWrites{
		names:    indexChanges[nameEntry]{loaded: map[string][]nameEntry{}, added: make([]keyed[nameEntry], 0, 2*n)},
		claims:   indexChanges[claim]{loaded: map[string][]claim{}, added: make([]keyed[claim], 0, hosts)},
		cookies:  indexChanges[cookieRef]{loaded: map[string][]cookieRef{}, added: make([]keyed[cookieRef], 0, storage)},
		patterns: indexChanges[cookieRef]{loaded: map[string][]cookieRef{}},
		vendors:  map[string][]byte{}, brief: make(map[string][]byte, n),
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
