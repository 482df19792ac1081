package store

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// pendingWrites are the changes a Batch's imports have made to the derived
// buckets and not yet put in the file: each import reads through them
// (derivedBucket), and the batch writes each bucket once, in key order,
// before it commits. A large import's change rewrites a bucket whole (see
// writeBucket), and an import of eleven files rewrote the indexes eleven
// times, which was a quarter of its time and held a copy of every index.
type pendingWrites struct {
	buckets map[string]map[string][]byte // bucket -> key -> value; nil deletes the key
}

func newPendingWrites() *pendingWrites {
	return &pendingWrites{buckets: map[string]map[string][]byte{}}
}

// put notes keys with vals in the bucket name, over any earlier change.
func (p *pendingWrites) put(name []byte, keys []string, vals [][]byte) {
	m := p.buckets[string(name)]
	if m == nil {
		m = make(map[string][]byte, len(keys))
		p.buckets[string(name)] = m
	}
	for i, k := range keys {
		m[k] = vals[i]
	}
}

// flush writes every bucket's changes, in the order derivedBuckets names
// them, and forgets them.
func (p *pendingWrites) flush(tx *bolt.Tx) error {
	for _, name := range derivedBuckets {
		m := p.buckets[string(name)]
		if len(m) == 0 {
			continue
		}
		keys := boltKeys(m)
		vals := make([][]byte, len(keys))
		for i, k := range keys {
			vals[i] = m[k]
		}
		if err := writeBucket(tx, name, keys, vals, -1); err != nil {
			return err
		}
		delete(p.buckets, string(name))
	}
	return nil
}

// derivedBucket reads a derived bucket as the batch under way has changed
// it: its pending value of a key first, then the file's.
type derivedBucket struct {
	b       *bolt.Bucket      // nil if the file has no such bucket
	pending map[string][]byte // nil outside a batch
}

// bucket is the derived bucket name as the batch that c belongs to sees it.
func (c *recordCache) bucket(tx *bolt.Tx, name []byte) derivedBucket {
	d := derivedBucket{b: tx.Bucket(name)}
	if c != nil && c.pending != nil {
		d.pending = c.pending.buckets[string(name)]
	}
	return d
}

// layerBucket reads a layer's records, which no batch defers.
func fileBucket(b *bolt.Bucket) derivedBucket { return derivedBucket{b: b} }

// exists reports whether the bucket holds or will hold anything.
func (d derivedBucket) exists() bool { return d.b != nil || len(d.pending) > 0 }

// Get is key's value, or nil. Like bbolt's, a value from the file is
// valid only until the transaction writes.
func (d derivedBucket) Get(key []byte) []byte {
	if v, ok := d.pending[string(key)]; ok {
		return v
	}
	if d.b == nil {
		return nil
	}
	return d.b.Get(key)
}

// split parts sorted keys into those with a pending value and the rest.
func (d derivedBucket) split(keys []string) (pending, file []string) {
	if len(d.pending) == 0 {
		return nil, keys
	}
	file = slices.DeleteFunc(slices.Clone(keys), func(k string) bool {
		_, ok := d.pending[k]
		if ok {
			pending = append(pending, k)
		}
		return ok
	})
	return pending, file
}
