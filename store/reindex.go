package store

import "slices"

// A vendor re-merged when an import joins it mostly keeps its index
// entries: Google's thousands of hosts claim as they did, each with the
// rank of the same best layer. Its old entries are compared with its new
// ones key by key, and a key whose entries are the same is left as the
// file has it: not loaded into indexChanges, re-sorted, encoded and
// written again. Taking out and putting back Google's claims at each of
// eleven files was most of what removing old entries cost.

// entriesByKey are one vendor's new entries of one index, by key, each
// key's in the order sortList gives them.
type entriesByKey[E any] struct {
	m    map[string][]E // past a few keys
	keys []string       // else along these...
	es   [][]E          // ...and these
}

// groupEntries groups n entries (key and entry of i) by key, each key's
// sorted with sortList.
func groupEntries[E any](n int, at func(i int) (string, E), sortList func([]E)) entriesByKey[E] {
	var g entriesByKey[E]
	if n > manyHosts {
		g.m = make(map[string][]E, n)
	}
	for i := range n {
		k, e := at(i)
		if g.m != nil {
			g.m[k] = append(g.m[k], e)
			continue
		}
		if j := slices.Index(g.keys, k); j >= 0 {
			g.es[j] = append(g.es[j], e)
			continue
		}
		g.keys, g.es = append(g.keys, k), append(g.es, []E{e})
	}
	if g.m != nil {
		for _, es := range g.m {
			sortList(es)
		}
	} else {
		for _, es := range g.es {
			sortList(es)
		}
	}
	return g
}

func (g entriesByKey[E]) of(k string) []E {
	if g.m != nil {
		return g.m[k]
	}
	if j := slices.Index(g.keys, k); j >= 0 {
		return g.es[j]
	}
	return nil
}

// sameEntries reports whether the entries of list that is picks out are,
// in order, now: a list sorted by sortList holds one vendor's entries in
// the order sortList gives them.
func sameEntries[E comparable](list []E, is func(E) bool, now []E) bool {
	j := 0
	for _, e := range list {
		if !is(e) {
			continue
		}
		if j == len(now) || e != now[j] {
			return false
		}
		j++
	}
	return j == len(now)
}

// keptKeys are the keys, of each index, whose entries of one vendor stay
// as the file has them; nil maps keep none.
type keptKeys struct {
	names, hosts, storage map[string]bool
}

func keep(m *map[string]bool, k string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[k] = true
}
