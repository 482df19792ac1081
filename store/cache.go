package store

import (
	"runtime"
	"slices"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// recordCache holds the records a Batch has decoded or written, by layer
// ("" for the merged view) and id, so that an import of many files decodes
// each record once rather than once a file: the vendors the datasets share
// (Google's, Microsoft's) are joined by most of them, and their merged
// records are the largest. It lives exactly as long as the batch (across
// the commits of a batch in Edit's private copy: the records are decoded
// copies, not the file's pages), and every write of the batch goes through
// it, so it never says other than the file. The records are shared:
// nothing may change them. A nil cache holds nothing.
type recordCache struct {
	m map[cacheKey]*data.Vendor
	// pending, in a batch, are the derived buckets' changes the batch
	// writes when it ends; every read of them goes through it.
	pending *pendingWrites
	single  []cacheKey   // see alone
	fresh   []freshLayer // the layers put since the last commit
	// curated is what resolving last read from the curated layers
	// (readCurated), for the batch's next file to use again.
	curated *curatedAnswers
	// goOn, in Edit's private copy, commits the batch's transaction,
	// collecting after it if asked, and returns the one it goes on in
	// (see goOnFrom, chunks).
	goOn func(collect bool) (*bolt.Tx, error)
}

type cacheKey struct{ layer, id string }

// freshLayer is a layer put since the last commit, with the records put.
type freshLayer struct {
	name    string
	records []freshRecord
}

func newRecordCache() *recordCache { return &recordCache{m: map[cacheKey]*data.Vendor{}} }

func (c *recordCache) get(layer, id string) *data.Vendor {
	if c == nil {
		return nil
	}
	return c.m[cacheKey{layer, id}]
}

func (c *recordCache) put(layer, id string, v *data.Vendor) {
	if c != nil {
		c.m[cacheKey{layer, id}] = v
	}
}

func (c *recordCache) drop(layer, id string) {
	if c != nil {
		delete(c.m, cacheKey{layer, id})
	}
}

// curatedAnswers is what readCurated found in the curated layers key
// names, if the cache holds it.
func (c *recordCache) curatedAnswers(key string) *curatedAnswers {
	if c == nil || c.curated == nil || c.curated.key != key {
		return nil
	}
	return c.curated
}

// keepCurated notes what readCurated found.
func (c *recordCache) keepCurated(a *curatedAnswers) {
	if c != nil {
		c.curated = a
	}
}

// clear forgets every record and pending change: a rebuild writes the
// derived buckets anew.
func (c *recordCache) clear() {
	if c != nil {
		clear(c.m)
		if c.pending != nil {
			clear(c.pending.buckets)
		}
	}
}

// forgetRecords forgets every record but keeps the pending changes: a
// batch whose imports are done writes them and reads no record again.
func (c *recordCache) forgetRecords() {
	c.m, c.single, c.fresh = map[cacheKey]*data.Vendor{}, nil, nil
}

// dropLayer forgets every record of the layer name, which is being
// replaced or removed.
func (c *recordCache) dropLayer(name string) {
	if c == nil {
		return
	}
	for k := range c.m {
		if k.layer == name {
			delete(c.m, k)
		}
	}
}

// decode is the record raw of vendor id in layer, from the cache if it
// has it.
func (c *recordCache) decode(layer, id string, raw []byte) (*data.Vendor, error) {
	if v := c.get(layer, id); v != nil {
		return v, nil
	}
	v, err := decodeRecord(layer, id, raw)
	if err != nil {
		return nil, err
	}
	c.put(layer, id, &v)
	return &v, nil
}

// lookup is bucket b's record of vendor id in layer, or nil: the cache's
// copy, without a look in the file, if it has one.
func (c *recordCache) lookup(b derivedBucket, layer, id string) (*data.Vendor, error) {
	if v := c.get(layer, id); v != nil {
		return v, nil
	}
	raw := b.Get([]byte(id))
	if raw == nil {
		return nil, nil
	}
	return c.decode(layer, id, raw)
}

// putLayer notes the records an import writes to layer name, in place of
// the layer's earlier ones; but for those of vendors not indexed before
// (if indexed is known): only this layer describes them, it is written
// now, and a later file that joins one decodes it (as after a commit,
// which lets go of them: see alone). Most of a large import's records
// are those, and a map of 100,000 of them cost more than it saved.
func (c *recordCache) putLayer(name string, fresh []freshRecord, indexed func(id string) bool) {
	if c == nil {
		return
	}
	c.dropLayer(name)
	for _, f := range fresh {
		if v := f.v; v != nil && (indexed == nil || indexed(v.ID)) {
			c.put(name, v.ID, v)
		}
	}
	c.fresh = append(c.fresh, freshLayer{name, fresh})
}

// alone notes, in a batch, that vendor id is new and only layer describes
// it: most of a large import's vendors, which no later file may join.
func (c *recordCache) alone(layer, id string) {
	if c != nil && c.pending != nil {
		c.single = append(c.single, cacheKey{layer, id})
	}
}

// committed is told that the records put since the last commit are in
// the file. It lets go of those of the vendors noted alone: a later file
// that joins one decodes it again, and those that nothing joins were most
// of an import's memory. It keeps the others (the vendors several layers
// describe, which every dataset joins) as copies: the records came in one
// array from the file's reader, and a pointer into it kept all of it.
func (c *recordCache) committed() {
	if c == nil || len(c.fresh) == 0 {
		return
	}
	// Along the lists, not the whole cache: with a large import's
	// records in it, a pass over the map and a set of those alone were a
	// twentieth of the import.
	for _, k := range c.single {
		if _, ok := c.m[k]; ok && slices.ContainsFunc(c.fresh, func(f freshLayer) bool { return f.name == k.layer }) {
			delete(c.m, k)
			delete(c.m, cacheKey{"", k.id})
		}
	}
	for _, f := range c.fresh {
		for _, r := range f.records {
			v := r.v
			if v == nil {
				continue // packed, or let go of once indexed (updateDerived)
			}
			if k := (cacheKey{f.name, v.ID}); c.m[k] == v {
				cp := *v
				c.m[k] = &cp
			}
		}
	}
	clear(c.fresh) // its records are the cache's or nobody's now
	c.single, c.fresh = c.single[:0], c.fresh[:0]
}

// largeLayer is how many records, hosts and storage items a layer holds
// for an import to commit it before indexing it and let go of its records
// once indexed (goOnFrom, indexed): for a smaller one the collections that
// take cost more than they free. The eleven public datasets' largest
// layer holds 56,000; the Open Cookie Database repeated to 27 MB, 125,000.
// A variable, for the tests to send small layers that way too.
var largeLayer = 100_000

// isLargeLayer reports whether the records fresh hold largeLayer or more.
func isLargeLayer(fresh []freshRecord) bool {
	n := 0
	for i := range fresh {
		d, _, st := fresh[i].counts()
		n += 1 + d + st
	}
	return n >= largeLayer
}

// goOnFrom is the transaction to go on in after writing a layer, before
// indexing it: in Edit's private copy a new one, tx committed, so that the
// layer's records as JSON and the pages they fill are let go of before the
// indexes are worked out (a large import's peak was both at once); else
// tx. Nothing read from tx may be used after it: the caller reads every
// bucket again from the transaction returned.
func (c *recordCache) goOnFrom(tx *bolt.Tx) (*bolt.Tx, error) {
	if c == nil || c.goOn == nil {
		return tx, nil
	}
	return c.goOn(true)
}

// chunkBytes is how many bytes of values a large write in Edit's private
// copy puts before committing them (chunks): bbolt holds every value put
// and every page it fills until the transaction commits, and a large
// import's layer or index bucket written in one was tens of megabytes of
// each at once.
const chunkBytes = 4 << 20

// chunks is how a large write (a large layer's records, an index bucket
// rewritten at a batch's end) commits as it goes in Edit's private copy:
// it tells the chunker what it put, and goes on in the transaction the
// chunker hands back, reading its buckets again from it. Elsewhere, or
// for a write that is not large, nil, which never commits.
func (c *recordCache) chunks(large bool) *chunker {
	if c == nil || c.goOn == nil || !large {
		return nil
	}
	return &chunker{goOn: c.goOn}
}

// chunker counts what a write has put since its last commit.
type chunker struct {
	goOn func(collect bool) (*bolt.Tx, error)
	n    int
}

// put is told that n more bytes were put; once chunkBytes are, it commits
// them and returns the transaction to go on in, else nil. It does not
// collect: the pages it let go of are collected at the pace the heap sets
// (a collection a chunk would cost more than the chunks save).
func (k *chunker) put(n int) (*bolt.Tx, error) {
	if k == nil {
		return nil, nil
	}
	if k.n += n; k.n < chunkBytes {
		return nil, nil
	}
	k.n = 0
	return k.goOn(false)
}

// indexed is told that the layer just written is indexed. Where goOnFrom
// committed it, its records are in the file: they are let go of now
// (committed), not when the import ends, so that they are not live beside
// the indexes' values as these are encoded (a large import's records were
// a third of its peak).
func (c *recordCache) indexed() {
	if c == nil || c.goOn == nil {
		return
	}
	c.committed()
	runtime.GC()
}
