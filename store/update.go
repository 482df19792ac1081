package store

import (
	"fmt"
	"slices"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// updateDerived applies one layer's change (mutate writes or removes it)
// to the derived buckets, re-merging only the vendors it touches (ids, in
// order, without repeats): their old entries are taken out and their new
// ones put in, each bucket in key order. fresh, if not nil, are the
// records mutate writes to the layer freshName, in id order. A file of an
// older schema is rebuilt whole instead.
//
// cache, if not nil, holds the records a batch has seen, and learns what
// this change writes. mutate is told which vendors were indexed before the
// change (nil: it is not known).
func updateDerived(tx *bolt.Tx, ids []string, mutate func(indexed func(id string) bool) error, freshName string, fresh []freshRecord, known map[string]stored, cache *recordCache) error {
	if !currentSchema(tx) {
		cache.clear() // the rebuild writes every merged record anew
		if err := mutate(nil); err != nil {
			return err
		}
		return rebuildWith(tx, freshName, fresh)
	}
	if cache == nil {
		// A record read from a layer that mutate leaves alone is used
		// again rather than decoded twice: a catalogue card is 5 KB of
		// JSON, and an import joins hundreds of them.
		cache = newRecordCache()
	}
	u := &derivedUpdate{tx: tx, freshName: freshName, fresh: fresh, olds: make(map[string]*oldEntries, len(ids)), cache: cache}
	if err := u.readOld(ids, known); err != nil {
		return err
	}
	if err := mutate(func(id string) bool { return u.olds[id] != nil }); err != nil {
		return err
	}
	large := isLargeLayer(fresh)
	if large {
		var err error
		if tx, err = cache.goOnFrom(tx); err != nil {
			return err
		}
		u.tx = tx
	}
	after, err := layerList(tx)
	if err != nil {
		return err
	}
	w := newDerivedWrites(len(ids), fresh)
	w.cache = cache
	var freshIx *freshIndexes
	for i := range after {
		if after[i].info.Name == freshName && fresh != nil {
			freshIx = &freshIndexes{fresh: fresh, ref: &after[i], indexed: func(id string) bool { return u.olds[id] != nil }}
		}
	}
	// One buffer for every vendor's records: indexVendor keeps none of them.
	var recs []data.SourcedVendor
	var ranks []rank
	next := 0 // fresh and ids are both in id order
	for _, id := range ids {
		var freshRec *data.Vendor
		for next < len(fresh) && fresh[next].ID() < id {
			next++
		}
		if next < len(fresh) && fresh[next].ID() == id {
			filed, rec, err := u.fileFresh(w, freshIx, next, large && cache.goOn != nil)
			if err != nil {
				return err
			}
			if filed {
				continue
			}
			freshRec = rec
		}
		recs, ranks = recs[:0], ranks[:0]
		for i := range after {
			rec, err := u.layerRecord(&after[i], id, freshRec)
			if err != nil {
				return err
			}
			if rec != nil {
				recs = append(recs, data.SourcedVendor{Source: after[i].source, Vendor: *rec})
				ranks = append(ranks, after[i].rank)
			}
		}
		var ix vendorIndex
		if len(recs) > 0 {
			ix = indexVendor(id, recs, ranks)
		}
		var kept keptKeys
		if old := u.olds[id]; old != nil {
			var err error
			if kept, err = w.remove(tx, id, old, &ix); err != nil {
				return err
			}
		}
		if len(recs) > 0 {
			w.addExcept(id, ix, kept)
		}
	}
	if large {
		cache.indexed()
	}
	return w.write(tx)
}

// fileFresh files fresh record i's entries where indexFresh worked them
// out (a vendor no other layer describes: filed); else it returns the
// record, for the caller to merge with the other layers'. letGo lets go
// of a filed record: a large layer's, committed already (goOnFrom).
func (u *derivedUpdate) fileFresh(w *derivedWrites, ix *freshIndexes, i int, letGo bool) (filed bool, rec *data.Vendor, err error) {
	id := u.fresh[i].ID()
	x, err := ix.at(i)
	if err != nil {
		return false, nil, err
	}
	if x == nil || x.brief == nil {
		rec, err = u.fresh[i].vendor(u.freshName)
		return false, rec, err
	}
	w.add(id, *x) // worked out beforehand
	u.cache.alone(u.freshName, id)
	if letGo {
		// A new vendor's record is in the file (goOnFrom committed it)
		// and its entries are filed: nothing reads it again. What it
		// holds (its storage list, its strings) goes now, not with the
		// last record; and with no pointer left to it, the array of
		// records its reader made it in (or the JSON it was packed in)
		// goes once the others in it are filed too (the records come in
		// id order, and a large file's in about the order it was read:
		// Tracker Radar's index was 127 MB of records until its last was
		// filed).
		if v := u.fresh[i].v; v != nil {
			*v = data.Vendor{}
		}
		u.fresh[i] = freshRecord{}
	}
	return true, nil, nil
}

// freshIndexes are the index entries of the fresh layer's records, worked
// out (indexFresh) a chunk of records at a time as updateDerived comes to
// them: its entries go into the index changes as they are filed, and
// worked out for every record at once, a large import held them all
// beside the changes they became.
type freshIndexes struct {
	fresh   []freshRecord
	ref     *layerRef
	indexed func(id string) bool
	lo      int           // list[j] is fresh[lo+j]'s
	list    []vendorIndex // the chunk worked out
}

// freshIndexChunk is how many records' entries freshIndexes works out at
// a time: enough for indexFresh's workers. A variable, for the tests to
// work them out a few at a time.
var freshIndexChunk = 8192

// at is fresh[i]'s entries (as indexFresh leaves them for a vendor that
// is indexed already: empty), or nil if f is; i never goes back.
func (f *freshIndexes) at(i int) (*vendorIndex, error) {
	if f == nil {
		return nil, nil
	}
	if i >= f.lo+len(f.list) {
		f.lo = i
		var err error
		if f.list, err = indexFresh(f.fresh[i:min(i+freshIndexChunk, len(f.fresh))], f.ref, f.indexed); err != nil {
			return nil, err
		}
	}
	return &f.list[i-f.lo], nil
}

// derivedUpdate is what updateDerived knows of the vendors it re-merges.
type derivedUpdate struct {
	tx        *bolt.Tx
	freshName string
	fresh     []freshRecord
	olds      map[string]*oldEntries // the touched vendors' entries before the change
	cache     *recordCache           // the records decoded, and the batch's
}

// oldEntries are the keys a vendor has entries under before the change.
type oldEntries struct {
	names, hosts, storage []string
	count                 briefCount
}

// readOld notes the index keys of each vendor of ids that the file holds,
// as it holds it before the change; known are vendors the caller has read.
func (u *derivedUpdate) readOld(ids []string, known map[string]stored) error {
	br := u.cache.bucket(u.tx, bucketBrief)
	if !br.exists() {
		return nil
	}
	before, err := layerList(u.tx)
	if err != nil {
		return err
	}
	merged := u.cache.bucket(u.tx, bucketVendors)
	for _, id := range ids {
		if br.Get([]byte(id)) == nil {
			continue
		}
		v, err := u.oldVendor(id, known, merged, before)
		if err != nil {
			return err
		}
		if v == nil {
			return fmt.Errorf("%w: vendor %s is indexed but no layer holds it", ErrCorrupt, data.Quote(id))
		}
		o := &oldEntries{count: briefCount{v.Category, len(v.Domains)}}
		o.names, o.hosts, o.storage = indexKeys(id, v)
		u.olds[id] = o
	}
	return nil
}

// oldVendor is vendor id as the derived buckets hold it: known to the
// caller, merged, or the record of the one layer (before) that has it.
func (u *derivedUpdate) oldVendor(id string, known map[string]stored, merged derivedBucket, before []layerRef) (*data.Vendor, error) {
	if k, ok := known[id]; ok && k.v != nil {
		return k.v, nil
	}
	if v, err := u.cache.lookup(merged, "", id); v != nil || err != nil {
		return v, err
	}
	for _, l := range before {
		if v, err := u.cache.lookup(fileBucket(l.vendors), l.info.Name, id); v != nil || err != nil {
			return v, err
		}
	}
	return nil, nil
}

// layerRecord is the record layer l holds for vendor id after the change,
// or nil; freshRec is the fresh layer's record of it, if it has one.
func (u *derivedUpdate) layerRecord(l *layerRef, id string, freshRec *data.Vendor) (*data.Vendor, error) {
	switch {
	case l.info.Name == u.freshName && u.fresh != nil:
		return freshRec, nil
	case u.olds[id] == nil, l.vendors == nil:
		return nil, nil // a vendor new to the file is in the fresh layer only
	}
	return u.cache.lookup(fileBucket(l.vendors), l.info.Name, id)
}

// remove takes vendor id's old entries out: every list it was in loses
// it, and its brief and merged record go. A key under which now (its new
// entries; empty if it goes) has the same entries as before keeps them,
// untouched: remove returns those keys, whose entries the caller does not
// add again.
func (w *derivedWrites) remove(tx *bolt.Tx, id string, old *oldEntries, now *vendorIndex) (keptKeys, error) {
	var kept keptKeys
	names := groupEntries(len(now.names), func(i int) (string, nameEntry) {
		return now.names[i].key, nameEntry{now.names[i].rank, id}
	}, sortNames)
	isName := func(e nameEntry) bool { return e.id == id }
	for _, k := range old.names {
		same, err := removeFrom(w.cache.bucket(tx, bucketNames), &w.names, bucketNames, k, decodeNames, isName, names.of(k))
		if err != nil {
			return kept, err
		}
		if same {
			keep(&kept.names, k)
		}
	}
	claims := groupEntries(len(now.claims), func(i int) (string, claim) { return now.claims[i].host, now.claims[i].c }, sortClaims)
	isClaim := func(c claim) bool { return c.ID == id }
	for _, h := range old.hosts {
		same, err := removeFrom(w.cache.bucket(tx, bucketDomains), &w.claims, bucketDomains, h, decodeClaims, isClaim, claims.of(h))
		if err != nil {
			return kept, err
		}
		if same {
			keep(&kept.hosts, h)
		}
	}
	refs := groupEntries(len(now.refs), func(i int) (string, cookieRef) { return now.refs[i].name, now.refs[i].ref }, sortRefs)
	isID := func(r cookieRef) bool { return r.ID == id }
	for _, n := range old.storage {
		c, bucket := &w.cookies, bucketCookies
		if data.IsPattern(n) {
			c, bucket = &w.patterns, bucketPatterns
		}
		same, err := removeFrom(w.cache.bucket(tx, bucket), c, bucket, n, decodeRefs, isID, refs.of(n))
		if err != nil {
			return kept, err
		}
		if same {
			keep(&kept.storage, n)
		}
	}
	w.setBrief(id, nil)
	w.vendors[id] = nil
	w.cache.drop("", id)
	w.counts.add(old.count, -1)
	return kept, nil
}

// removeFrom takes the entries that is picks out of key's list, loading the
// list from the index bucket first if need be; unless they are, in order,
// now: then it leaves the list as it is and reports it the same.
func removeFrom[E comparable](b derivedBucket, c *indexChanges[E], bucket []byte, key string, decode func([]byte) ([]E, error), is func(E) bool, now []E) (same bool, err error) {
	es, ok := c.loaded[key]
	if !ok {
		if raw := b.Get([]byte(key)); raw != nil {
			if es, err = decode(raw); err != nil {
				return false, fmt.Errorf("%w: index %s key %s: %v", ErrCorrupt, data.Quote(string(bucket)), data.Quote(key), err)
			}
		}
	}
	if sameEntries(es, is, now) {
		return true, nil
	}
	c.loaded[key] = slices.DeleteFunc(es, is)
	return false, nil
}
