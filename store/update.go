package store

import (
	"encoding/json"
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
func updateDerived(tx *bolt.Tx, ids []string, mutate func() error, freshName string, fresh []*data.Vendor, known map[string]stored) error {
	if !currentSchema(tx) {
		if err := mutate(); err != nil {
			return err
		}
		return rebuildWith(tx, freshName, fresh)
	}
	before, err := layerList(tx)
	if err != nil {
		return err
	}
	type oldState struct {
		names, hosts, storage []string
	}
	olds := make(map[string]*oldState, len(ids))
	// A record read here from a layer that mutate leaves alone is used
	// again below rather than decoded twice: a catalogue card is 5 KB of
	// JSON, and an import joins hundreds of them. Keys: layer, NUL, id.
	decoded := map[string]*data.Vendor{}
	if br := tx.Bucket(bucketBrief); br != nil {
		merged := tx.Bucket(bucketVendors)
		for _, id := range ids {
			if br.Get([]byte(id)) == nil {
				continue
			}
			var v *data.Vendor
			var err error
			if k, ok := known[id]; ok && k.v != nil {
				v = k.v
				if k.layer != "" && k.layer != freshName {
					decoded[k.layer+"\x00"+id] = v
				}
			} else if merged != nil && merged.Get([]byte(id)) != nil {
				v, _, err = storedVendor(tx, nil, id)
			} else {
				for _, l := range before {
					if l.vendors == nil {
						continue
					}
					if raw := l.vendors.Get([]byte(id)); raw != nil {
						v = new(data.Vendor)
						if err = json.Unmarshal(raw, v); err != nil {
							err = fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, l.info.Name, id, err)
						} else if l.info.Name != freshName {
							decoded[l.info.Name+"\x00"+id] = v
						}
						break
					}
				}
			}
			if err != nil {
				return err
			}
			if v == nil {
				return fmt.Errorf("%w: vendor %s is indexed but no layer holds it", ErrCorrupt, id)
			}
			o := &oldState{}
			o.names, o.hosts, o.storage = indexKeys(id, v)
			olds[id] = o
		}
	}
	if err := mutate(); err != nil {
		return err
	}
	after, err := layerList(tx)
	if err != nil {
		return err
	}
	w := newDerivedWrites(len(ids), fresh)
	var freshIx []vendorIndex
	for i := range after {
		if after[i].info.Name == freshName && fresh != nil {
			freshIx = indexFresh(fresh, &after[i], func(id string) bool { return olds[id] != nil })
		}
	}
	// One buffer for every vendor's records: indexVendor keeps none of them.
	var recs []data.SourcedVendor
	var ranks []rank
	next := 0 // fresh and ids are both in id order
	for _, id := range ids {
		old := olds[id]
		recs, ranks = recs[:0], ranks[:0]
		var freshRec *data.Vendor
		for next < len(fresh) && fresh[next].ID < id {
			next++
		}
		if next < len(fresh) && fresh[next].ID == id {
			freshRec = fresh[next]
			if freshIx != nil && freshIx[next].brief != nil {
				w.add(id, freshIx[next]) // worked out beforehand
				continue
			}
		}
		for _, l := range after {
			var rec *data.Vendor
			switch {
			case l.info.Name == freshName && fresh != nil:
				rec = freshRec
			case old == nil, l.vendors == nil:
				// A vendor new to the file is in the fresh layer only.
			case decoded[l.info.Name+"\x00"+id] != nil:
				rec = decoded[l.info.Name+"\x00"+id]
			default:
				if raw := l.vendors.Get([]byte(id)); raw != nil {
					var v data.Vendor
					if err := json.Unmarshal(raw, &v); err != nil {
						return fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, l.info.Name, id, err)
					}
					rec = &v
				}
			}
			if rec != nil {
				recs = append(recs, data.SourcedVendor{Source: l.source, Vendor: *rec})
				ranks = append(ranks, l.rank)
			}
		}
		// Take out the old entries: every list the vendor was in loses it.
		if old != nil {
			for _, k := range old.names {
				if err := removeFrom(tx, &w.names, bucketNames, k, decodeNames, func(e nameEntry) bool { return e.id == id }); err != nil {
					return err
				}
			}
			for _, h := range old.hosts {
				if err := removeFrom(tx, &w.claims, bucketDomains, h, decodeClaims, func(c claim) bool { return c.ID == id }); err != nil {
					return err
				}
			}
			isID := func(r cookieRef) bool { return r.ID == id }
			for _, n := range old.storage {
				var err error
				if data.IsPattern(n) {
					err = removeFrom(tx, &w.patterns, bucketPatterns, n, decodeRefs, isID)
				} else {
					err = removeFrom(tx, &w.cookies, bucketCookies, n, decodeRefs, isID)
				}
				if err != nil {
					return err
				}
			}
			w.setBrief(id, nil)
			w.vendors[id] = nil
		}
		if len(recs) == 0 {
			continue
		}
		w.add(id, indexVendor(id, recs, ranks))
	}
	return w.write(tx)
}

// removeFrom takes the entries that is picks out of key's list, loading the
// list from the index bucket first if need be.
func removeFrom[E any](tx *bolt.Tx, c *indexChanges[E], bucket []byte, key string, decode func([]byte) ([]E, error), is func(E) bool) error {
	es, ok := c.loaded[key]
	if !ok {
		if b := tx.Bucket(bucket); b != nil {
			if raw := b.Get([]byte(key)); raw != nil {
				var err error
				if es, err = decode(raw); err != nil {
					return fmt.Errorf("%w: index %s key %q: %v", ErrCorrupt, bucket, key, err)
				}
			}
		}
	}
	c.loaded[key] = slices.DeleteFunc(es, is)
	return nil
}
