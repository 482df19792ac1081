package store

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
)

// vendorIndex is what one vendor puts in the derived buckets.
type vendorIndex struct {
	merged       []byte       // the merged record; nil for a vendor in one layer
	mergedVendor *data.Vendor // merged, decoded
	brief        []byte
	count        briefCount // what the vendor adds to the counters
	names        []nameKey
	claims       []hostClaim
	refs         []cookieKey
}

// ownKeys copies the keys ix files its entries under: a record decoded
// from JSON has its strings in one string of the whole JSON, which a key
// kept in the index changes until they are written kept whole.
func (ix *vendorIndex) ownKeys() {
	for i := range ix.names {
		ix.names[i].key = strings.Clone(ix.names[i].key)
	}
	for i := range ix.claims {
		ix.claims[i].host, ix.claims[i].c.Path = strings.Clone(ix.claims[i].host), strings.Clone(ix.claims[i].c.Path)
	}
	for i := range ix.refs {
		ix.refs[i].name = strings.Clone(ix.refs[i].name)
	}
}

type nameKey struct {
	key  string
	rank byte
}

type hostClaim struct {
	host string
	c    claim
}

type cookieKey struct {
	name string
	ref  cookieRef
}

// indexVendor merges one vendor's records (highest precedence first; ranks
// are their layers' kind ranks) and works out its index entries.
func indexVendor(id string, recs []data.SourcedVendor, ranks []rank) vendorIndex {
	var ix vendorIndex
	v := &recs[0].Vendor
	if len(recs) > 1 {
		m := data.Merge(recs)
		ix.merged, v, ix.mergedVendor = appendJSONExact(&m), &m, &m
	}
	br := v.Brief()
	br.ID = id
	// The layers' ranks say it faster than provenance, which an unmerged
	// record lacks: the vendor is imported when its best layer is.
	br.Imported = !ranks[0].curated()
	ix.brief = data.AppendBrief(nil, br)
	ix.count = briefCount{v.Category, len(v.Domains)}
	// Names: the id, then the name, then aliases; an exact id or name
	// beats another vendor's alias.
	addName := func(n string, rank byte) {
		key := data.NormalizeName(n)
		if key == "" {
			return
		}
		for _, x := range ix.names {
			if x.key == key {
				return
			}
		}
		ix.names = append(ix.names, nameKey{key, rank})
	}
	addName(id, 0)
	addName(v.Name, 1)
	for _, a := range v.Aliases {
		addName(a, 2)
	}
	// A host's claims are ordered by the rank of the best layer that made
	// each, so that the user's and the catalogue's claims win lookups over
	// an import's.
	hostRank := hostRanks(recs, ranks)
	// Google's merged record has thousands of hosts: past a few, the
	// repeats are found in a map, not along the list.
	var seen map[hostPath]bool
	if len(v.Domains)+len(v.Scripts) > manyHosts {
		seen = make(map[hostPath]bool, len(v.Domains)+len(v.Scripts))
	}
	addClaim := func(h string, c claim) {
		if seen != nil {
			if seen[hostPath{h, c.Path}] {
				return
			}
			seen[hostPath{h, c.Path}] = true
		} else {
			for _, x := range ix.claims {
				if x.host == h && x.c.Path == c.Path {
					return
				}
			}
		}
		ix.claims = append(ix.claims, hostClaim{h, c})
	}
	for _, d := range v.Domains {
		if d.Host != "" {
			addClaim(d.Host, claim{ID: id, Shared: d.Shared, Hosting: d.Hosting, rank: hostRank(d.Host)})
		}
	}
	for _, sc := range v.Scripts {
		if sc.Host != "" {
			addClaim(sc.Host, claim{ID: id, Path: sc.Path, rank: hostRank(sc.Host)})
		}
	}
	ix.refs = make([]cookieKey, 0, len(v.Storage))
	for i, st := range v.Storage {
		if st.Name != "" {
			ix.refs = append(ix.refs, cookieKey{st.Name, cookieRef{ID: id, Index: i}})
		}
	}
	return ix
}

// jsonBuffers are buffers merged records are encoded in before they are
// copied out at their size: encoded into a growing slice, Google's merged
// record and those like it were reallocated many times over, a sixth of
// what the eleven-file import allocated.
var jsonBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendJSONExact is v as JSON, in a slice of its own just large enough.
func appendJSONExact(v *data.Vendor) []byte {
	buf := jsonBuffers.Get().(*[]byte)
	*buf = v.AppendJSON((*buf)[:0])
	out := bytes.Clone(*buf)
	jsonBuffers.Put(buf)
	return out
}

// manyHosts is how many hosts a vendor may have before indexVendor looks
// them up in maps rather than along its lists.
const manyHosts = 32

type hostPath struct{ host, path string }

// hostRanks answers, for a host of the merged record of recs, the rank of
// the first record (the best layer) that claims it as a domain or a
// script's host.
func hostRanks(recs []data.SourcedVendor, ranks []rank) func(string) rank {
	if len(ranks) == 1 {
		return func(string) rank { return ranks[0] }
	}
	n := 0
	for i := range recs {
		n += len(recs[i].Vendor.Domains) + len(recs[i].Vendor.Scripts)
	}
	if n <= manyHosts {
		return func(h string) rank {
			for i, r := range recs {
				for _, d := range r.Vendor.Domains {
					if d.Host == h {
						return ranks[i]
					}
				}
				for _, sc := range r.Vendor.Scripts {
					if sc.Host == h {
						return ranks[i]
					}
				}
			}
			return rank(len(ranks))
		}
	}
	first := make(map[string]rank, n)
	for i := range recs {
		for _, d := range recs[i].Vendor.Domains {
			if _, ok := first[d.Host]; !ok {
				first[d.Host] = ranks[i]
			}
		}
		for _, sc := range recs[i].Vendor.Scripts {
			if _, ok := first[sc.Host]; !ok {
				first[sc.Host] = ranks[i]
			}
		}
	}
	return func(h string) rank {
		if r, ok := first[h]; ok {
			return r
		}
		return rank(len(ranks))
	}
}

// indexKeys are the keys of the derived buckets that a vendor as stored
// has entries under.
func indexKeys(id string, v *data.Vendor) (names, hosts, storage []string) {
	for _, n := range append([]string{id, v.Name}, v.Aliases...) {
		if k := data.NormalizeName(n); k != "" {
			names = append(names, k)
		}
	}
	for _, d := range v.Domains {
		hosts = append(hosts, d.Host)
	}
	for _, sc := range v.Scripts {
		hosts = append(hosts, sc.Host)
	}
	for _, st := range v.Storage {
		storage = append(storage, st.Name)
	}
	return names, hosts, storage
}

// sortList orders one key's entries: names by rank then id, so the first
// is the winner; claims by rank then id (stable: a vendor's own claims
// keep their order); cookie references by id, then index.
func sortNames(es []nameEntry) {
	if len(es) < 2 {
		return
	}
	slices.SortFunc(es, func(a, b nameEntry) int {
		if a.rank != b.rank {
			return int(a.rank) - int(b.rank)
		}
		return strings.Compare(a.id, b.id)
	})
}

func sortClaims(cs []claim) {
	if len(cs) < 2 {
		return
	}
	slices.SortStableFunc(cs, func(a, b claim) int {
		if a.rank != b.rank {
			return int(a.rank) - int(b.rank)
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func sortRefs(rs []cookieRef) {
	if len(rs) < 2 {
		return
	}
	slices.SortStableFunc(rs, func(a, b cookieRef) int {
		if a.ID != b.ID {
			return strings.Compare(a.ID, b.ID)
		}
		return a.Index - b.Index
	})
}

// indexFresh works out, on every core, the index entries of the records
// fresh (of the layer ref) that no other layer describes (indexed is false
// for their ids): they need nothing from the file, and a large import's
// are most of its vendors. The others' entries are left zero, for the
// caller to work out in turn.
func indexFresh(fresh []freshRecord, ref *layerRef, indexed func(id string) bool) ([]vendorIndex, error) {
	out := make([]vendorIndex, len(fresh))
	workers := min(runtime.GOMAXPROCS(0), 1+len(fresh)/256)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			recs := make([]data.SourcedVendor, 1)
			ranks := []rank{ref.rank}
			var dec data.Vendor // a packed record, decoded: one Vendor a worker
			// Contiguous runs, so that each worker's records are near
			// each other in memory.
			lo, hi := w*len(fresh)/workers, (w+1)*len(fresh)/workers
			for i := lo; i < hi; i++ {
				id := fresh[i].ID()
				if indexed(id) {
					continue
				}
				v := fresh[i].v
				if v == nil { // packed: decoded here, a chunk at a time
					if err := fresh[i].decodeInto(ref.info.Name, &dec); err != nil {
						errs[w] = err
						return
					}
					v = &dec
				}
				recs[0] = data.SourcedVendor{Source: ref.source, Vendor: *v}
				out[i] = indexVendor(id, recs, ranks)
				if fresh[i].v == nil {
					out[i].ownKeys()
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
