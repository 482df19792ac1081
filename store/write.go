package store

import (
	"bytes"
	"fmt"
	"github.com/vendex/vendex/data"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// indexBucket is what write needs to put one index bucket's changes.
type indexBucket struct {
	name []byte
	// prepare sorts the changes (any goroutine); fetch reads the lists
	// the queued keys have in the file (the transaction's goroutine);
	// encode works out every changed key's value (any goroutine).
	prepare func()
	fetch   func(b derivedBucket, keyN int) error
	encode  func() ([]string, [][]byte)
}

// bucketOf makes the indexBucket for one index's changes.
func bucketOf[E any](name []byte, c *indexChanges[E], decode func([]byte) ([]E, error), sortList func([]E), encode func([]byte, []E) []byte) indexBucket {
	iw := &indexWrite[E]{name: name, c: c, decode: decode, sortList: sortList, encodeList: encode, old: map[string][]E{}}
	return indexBucket{name: name, prepare: iw.prepare, fetch: iw.fetch, encode: iw.encode}
}

// indexWrite is one index bucket's changes on their way into the file.
type indexWrite[E any] struct {
	name       []byte
	c          *indexChanges[E]
	decode     func([]byte) ([]E, error)
	sortList   func([]E)
	encodeList func([]byte, []E) []byte

	queued     []string       // the queued keys not loaded, in order, once each
	old        map[string][]E // their lists in the file
	loadedKeys []string       // the loaded keys, in order
}

func (iw *indexWrite[E]) prepare() {
	c := iw.c
	// Not a stable sort, which took a third of a large import's indexing
	// on keys in no order: seq keeps each key's entries in the order they
	// came.
	sortKeyed(c.added)
	for i, a := range c.added {
		if i > 0 && c.added[i-1].Key == a.Key {
			continue
		}
		if _, ok := c.loaded[a.Key]; !ok {
			iw.queued = append(iw.queued, a.Key)
		}
	}
	iw.loadedKeys = boltKeys(c.loaded)
}

// found notes the list that key k has in the file.
func (iw *indexWrite[E]) found(k string, raw []byte) error {
	es, err := iw.decode(raw)
	if err != nil {
		return fmt.Errorf("%w: index %s key %s: %v", ErrCorrupt, data.Quote(string(iw.name)), data.Quote(string(k)), err)
	}
	iw.old[k] = es
	return nil
}

func (iw *indexWrite[E]) fetch(d derivedBucket, keyN int) error {
	// Keys with a pending value (a delete is nil) are answered from the
	// batch, each looked up once; the rest are read from the file.
	queued := iw.queued
	if d.pending != nil && len(d.pending.keys) > 0 {
		queued = make([]string, 0, len(iw.queued))
		for _, k := range iw.queued {
			raw, ok := d.pending.get(k)
			if !ok {
				queued = append(queued, k)
			} else if raw != nil {
				if err := iw.found(k, raw); err != nil {
					return err
				}
			}
		}
	}
	b := d.b
	if b == nil || len(queued) == 0 {
		return nil
	}
	if 16*len(queued) < keyN {
		// A few keys among many: look each up.
		for _, k := range queued {
			if raw := b.Get([]byte(k)); raw != nil {
				if err := iw.found(k, raw); err != nil {
					return err
				}
			}
		}
		return nil
	}
	// Many keys: one pass over the bucket from the first of them.
	cur := b.Cursor()
	k, v := cur.Seek([]byte(queued[0]))
	for i := 0; k != nil && i < len(queued); {
		switch cmp := strings.Compare(string(k), queued[i]); {
		case cmp < 0:
			k, v = cur.Next()
		case cmp > 0:
			i++
		default:
			if err := iw.found(queued[i], v); err != nil {
				return err
			}
			i++
			k, v = cur.Next()
		}
	}
	return nil
}

// encode works out the value of every changed key, in key order: a
// loaded list as it now is, a queued key's list in the file with its
// added entries after.
func (iw *indexWrite[E]) encode() ([]string, [][]byte) {
	c, loadedKeys := iw.c, iw.loadedKeys
	enc := listEncoder[E]{sortList: iw.sortList, encode: iw.encodeList}
	enc.keys = make([]string, 0, len(loadedKeys)+len(iw.queued))
	enc.vals = make([][]byte, 0, cap(enc.keys))
	added := c.added
	li := 0
	for len(added) > 0 || li < len(loadedKeys) {
		if li < len(loadedKeys) && (len(added) == 0 || loadedKeys[li] < added[0].Key) {
			enc.put(loadedKeys[li], c.loaded[loadedKeys[li]])
			li++
			continue
		}
		k := added[0].Key
		n := 1
		for n < len(added) && added[n].Key == k {
			n++
		}
		var es []E
		if li < len(loadedKeys) && loadedKeys[li] == k {
			es = c.loaded[k]
			li++
		} else {
			es = iw.old[k]
		}
		for _, a := range added[:n] {
			es = append(es, a.e)
		}
		enc.put(k, es)
		added = added[n:]
	}
	return enc.keys, enc.vals
}

// listEncoder collects keys and their encoded lists.
type listEncoder[E any] struct {
	sortList func([]E)
	encode   func([]byte, []E) []byte
	keys     []string
	vals     [][]byte
	buf      []byte // values go one after another, a few to an allocation
}

// put adds key k with the list es; an empty list deletes the key.
func (e *listEncoder[E]) put(k string, es []E) {
	e.keys = append(e.keys, k)
	if len(es) == 0 {
		e.vals = append(e.vals, nil)
		return
	}
	e.sortList(es)
	if cap(e.buf)-len(e.buf) < 1024 {
		e.buf = make([]byte, 0, 64<<10)
	}
	n := len(e.buf)
	e.buf = e.encode(e.buf, es)
	e.vals = append(e.vals, e.buf[n:len(e.buf):len(e.buf)])
}

// write puts every collected change, bucket by bucket, in key order.
func (w *derivedWrites) write(tx *bolt.Tx) error {
	// The cookie names, the largest, last: they get the longest start.
	ixs := []indexBucket{
		bucketOf(bucketNames, &w.names, decodeNames, sortNames, appendNames),
		bucketOf(bucketDomains, &w.claims, decodeClaims, sortClaims, appendClaims),
		bucketOf(bucketPatterns, &w.patterns, decodeRefs, sortRefs, appendRefs),
		bucketOf(bucketCookies, &w.cookies, decodeRefs, sortRefs, appendRefs),
	}
	// The index buckets' changes are sorted and encoded on other cores
	// while this goroutine, the only one bbolt allows, reads and writes:
	// the briefs and merged records go in while the queues sort, and each
	// index bucket goes in while the next is still being encoded.
	prepared := make([]chan struct{}, len(ixs))
	encoded := make([]chan struct{}, len(ixs))
	for i, ib := range ixs {
		prepared[i], encoded[i] = make(chan struct{}), make(chan struct{})
		go func() {
			defer close(prepared[i])
			ib.prepare()
		}()
	}
	started := 0 // encodes started
	defer func() {
		// On an early return too: no worker outlives the transaction.
		for i := range ixs {
			<-prepared[i]
		}
		for i := range started {
			<-encoded[i]
		}
	}()
	valuesOf := func(keys []string, m map[string][]byte) [][]byte {
		out := make([][]byte, len(keys))
		for i, k := range keys {
			out[i] = m[k]
		}
		return out
	}
	// In a batch the buckets are written once, when it ends.
	write := writeBucket
	if w.cache != nil && w.cache.pending != nil {
		write = func(_ *bolt.Tx, name []byte, keys []string, vals [][]byte, _ int) error {
			w.cache.pending.put(name, keys, vals)
			return nil
		}
	}
	if err := w.counts.write(tx); err != nil {
		return err
	}
	briefKeys, briefVals := w.briefs()
	if err := write(tx, bucketBrief, briefKeys, briefVals, -1); err != nil {
		return err
	}
	vendorKeys := boltKeys(w.vendors)
	if err := write(tx, bucketVendors, vendorKeys, valuesOf(vendorKeys, w.vendors), -1); err != nil {
		return err
	}
	keys := make([][]string, len(ixs))
	vals := make([][][]byte, len(ixs))
	keyNs := make([]int, len(ixs))
	put := func(i int) error {
		<-encoded[i]
		return write(tx, ixs[i].name, keys[i], vals[i], keyNs[i])
	}
	for i, ib := range ixs {
		<-prepared[i]
		b := w.cache.bucket(tx, ib.name)
		if b.b != nil {
			keyNs[i] = b.b.Stats().KeyN
		}
		if err := ib.fetch(b, keyNs[i]); err != nil {
			return err
		}
		started++
		go func() {
			defer close(encoded[i])
			keys[i], vals[i] = ib.encode()
		}()
		if i > 0 {
			if err := put(i - 1); err != nil {
				return err
			}
		}
	}
	return put(len(ixs) - 1)
}

// writeBucket puts keys (sorted) with vals into the bucket name; a nil
// value deletes the key. A small change is made in place. A large one
// rewrites the bucket, merging its keys with the change: bbolt fills the
// pages of keys put in order, but keys inserted among others into full
// pages split them and leave most of each new page empty, which made the
// all-datasets file grow by a third.
//
// keyN is how many keys the bucket holds, or -1 if not known yet.
func writeBucket(tx *bolt.Tx, name []byte, keys []string, vals [][]byte, keyN int) error {
	b, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	if keyN < 0 {
		keyN = b.Stats().KeyN
	}
	if 32*len(keys) < keyN {
		b.FillPercent = 1.0
		for j, k := range keys {
			if vals[j] == nil {
				err = b.Delete([]byte(k))
			} else {
				err = b.Put([]byte(k), vals[j])
			}
			if err != nil {
				return fmt.Errorf("index %s key %q: %w", name, k, err)
			}
		}
		return nil
	}
	// Copy what the bucket holds: its pages go when it is deleted, and the
	// file may be mapped anew as it grows.
	type kv struct{ k, v []byte }
	var old []kv
	err = b.ForEach(func(k, v []byte) error {
		old = append(old, kv{bytes.Clone(k), bytes.Clone(v)})
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(name); err != nil {
		return err
	}
	if b, err = tx.CreateBucket(name); err != nil {
		return err
	}
	b.FillPercent = 1.0
	put := func(k, v []byte) error {
		if err := b.Put(k, v); err != nil {
			return fmt.Errorf("index %s key %q: %w", name, k, err)
		}
		return nil
	}
	j := 0
	for _, o := range old {
		for ; j < len(keys) && keys[j] < string(o.k); j++ {
			if vals[j] != nil {
				if err := put([]byte(keys[j]), vals[j]); err != nil {
					return err
				}
			}
		}
		if j < len(keys) && keys[j] == string(o.k) {
			if vals[j] != nil {
				if err := put(o.k, vals[j]); err != nil {
					return err
				}
			}
			j++
			continue
		}
		if err := put(o.k, o.v); err != nil {
			return err
		}
	}
	for ; j < len(keys); j++ {
		if vals[j] != nil {
			if err := put([]byte(keys[j]), vals[j]); err != nil {
				return err
			}
		}
	}
	return nil
}
