package store

import (
	"slices"
	"sort"
	"strings"

	"github.com/vendex/vendex/data"

	bolt "go.etcd.io/bbolt"
)

// pendingWrites are the changes a Batch's imports have made to the derived
// buckets and not yet put in the file: each import reads through them
// (derivedBucket), and the batch writes each bucket once, in key order,
// before it commits. A large import's change rewrites a bucket whole (see
// writeBucket), and an import of eleven files rewrote the indexes eleven
// times, which was a quarter of its time and held a copy of every index.
type pendingWrites struct {
	buckets map[string]*pendingBucket
}

// pendingBucket is one bucket's changes, in key order; a nil value
// deletes the key. Kept sorted, not in a map: a large import's change
// comes sorted, and goes to writeBucket as it is.
type pendingBucket struct {
	keys []string
	vals [][]byte
	// prefixes are the keys' data.SortKey prefixes: get searches them
	// first, as comparing strings (a pointer to follow each) was most of
	// a lookup, and a batch looks up each record's names and hosts.
	prefixes []uint64
}

// newPendingBucket is keys (sorted) with vals.
func newPendingBucket(keys []string, vals [][]byte) *pendingBucket {
	pb := &pendingBucket{keys: keys, vals: vals, prefixes: make([]uint64, len(keys))}
	for i, k := range keys {
		pb.prefixes[i] = data.NewSortKey(k).Prefix
	}
	return pb
}

func newPendingWrites() *pendingWrites {
	return &pendingWrites{buckets: map[string]*pendingBucket{}}
}

// put notes keys (sorted) with vals in the bucket name, over any earlier
// change of the same keys.
func (p *pendingWrites) put(name []byte, keys []string, vals [][]byte) {
	old := p.buckets[string(name)]
	if old == nil || len(old.keys) == 0 {
		p.buckets[string(name)] = newPendingBucket(keys, vals)
		return
	}
	// Merged by prefix first, the old keys' prefixes kept: comparing the
	// strings themselves, and working every prefix out again, was most of
	// an eleven-file batch's merges.
	n := len(old.keys) + len(keys)
	m := &pendingBucket{keys: make([]string, 0, n), vals: make([][]byte, 0, n), prefixes: make([]uint64, 0, n)}
	i, j := 0, 0
	var pj uint64 // keys[j]'s prefix
	if len(keys) > 0 {
		pj = data.NewSortKey(keys[0]).Prefix
	}
	for i < len(old.keys) || j < len(keys) {
		c := -1 // old.keys[i] against keys[j]
		switch {
		case j == len(keys):
		case i == len(old.keys):
			c = 1
		case old.prefixes[i] != pj:
			if old.prefixes[i] > pj {
				c = 1
			}
		default:
			c = strings.Compare(old.keys[i], keys[j])
		}
		if c < 0 {
			m.keys, m.vals, m.prefixes = append(m.keys, old.keys[i]), append(m.vals, old.vals[i]), append(m.prefixes, old.prefixes[i])
			i++
			continue
		}
		if c == 0 {
			i++ // the later change wins
		}
		m.keys, m.vals, m.prefixes = append(m.keys, keys[j]), append(m.vals, vals[j]), append(m.prefixes, pj)
		if j++; j < len(keys) {
			pj = data.NewSortKey(keys[j]).Prefix
		}
	}
	p.buckets[string(name)] = m
}

// flush writes every bucket's changes, in the order derivedBuckets names
// them, and forgets them; in Edit's private copy each bucket is committed
// before the next is written (see Store.checkpoint), so that one bucket's
// pages at a time are held in memory, not every bucket's.
func (p *pendingWrites) flush(s *Store) error {
	for _, name := range derivedBuckets {
		pb := p.buckets[string(name)]
		if pb == nil || len(pb.keys) == 0 {
			continue
		}
		if err := writeBucket(s.batch, name, pb.keys, pb.vals, -1); err != nil {
			return err
		}
		delete(p.buckets, string(name))
		if err := s.checkpoint(); err != nil {
			return err
		}
	}
	return nil
}

// get is key's pending value, and whether it has one.
func (pb *pendingBucket) get(key string) ([]byte, bool) {
	if pb == nil {
		return nil, false
	}
	// The keys of key's prefix, then key among them.
	p := data.NewSortKey(key).Prefix
	lo, ok := slices.BinarySearch(pb.prefixes, p)
	if !ok {
		return nil, false
	}
	hi := lo + 1
	for hi < len(pb.prefixes) && pb.prefixes[hi] == p && hi-lo < 8 {
		hi++
	}
	if hi-lo == 8 { // a long run of one prefix (keys of 8 bytes or more)
		hi = lo + sort.Search(len(pb.prefixes)-lo, func(i int) bool { return pb.prefixes[lo+i] > p })
	}
	i, ok := slices.BinarySearch(pb.keys[lo:hi], key)
	if !ok {
		return nil, false
	}
	return pb.vals[lo+i], true
}

// derivedBucket reads a derived bucket as the batch under way has changed
// it: its pending value of a key first, then the file's.
type derivedBucket struct {
	b       *bolt.Bucket   // nil if the file has no such bucket
	pending *pendingBucket // nil outside a batch
}

// bucket is the derived bucket name as the batch that c belongs to sees it.
func (c *recordCache) bucket(tx *bolt.Tx, name []byte) derivedBucket {
	d := derivedBucket{b: tx.Bucket(name)}
	if c != nil && c.pending != nil {
		d.pending = c.pending.buckets[string(name)]
	}
	return d
}

// fileBucket reads a layer's records, which no batch defers.
func fileBucket(b *bolt.Bucket) derivedBucket { return derivedBucket{b: b} }

// exists reports whether the bucket holds or will hold anything.
func (d derivedBucket) exists() bool {
	return d.b != nil || d.pending != nil && len(d.pending.keys) > 0
}

// Get is key's value, or nil. Like bbolt's, a value from the file is
// valid only until the transaction writes.
func (d derivedBucket) Get(key []byte) []byte {
	if v, ok := d.pending.get(string(key)); ok {
		return v
	}
	if d.b == nil {
		return nil
	}
	return d.b.Get(key)
}
