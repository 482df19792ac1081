package store

import (
	"fmt"
	"os"
	"strconv"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout of the file this code reads and writes. A file
// with a higher version came from a newer vendex and is refused, never
// rewritten; one with a lower version is read as it is and its derived
// buckets are rebuilt at its next change. Schema 2 packed the index lists;
// schema 3 dropped the categories bucket, which the briefs make redundant
// (it was a seventh of a large import's writes); schema 4 keys names
// without legal forms and punctuation (data.NormalizeName), encodes briefs
// compactly, with aliases and hosts, and keeps counters per category.
const SchemaVersion = 4

// rebuildWith recomputes the merged vendors and every index from the
// layers; keys are written in sorted order with full pages, bbolt's fast
// path. The caller has just written the layer freshName with the records
// fresh (when not nil): those are used as they are rather than decoded
// again.
func rebuildWith(tx *bolt.Tx, freshName string, fresh []freshRecord) error {
	for _, name := range derivedBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	ls, err := layerList(tx)
	if err != nil {
		return err
	}
	records := map[string][]data.SourcedVendor{}
	ranks := map[string][]rank{} // the kind rank of each record's layer
	for _, l := range ls {
		if l.vendors == nil {
			continue
		}
		if l.info.Name == freshName && fresh != nil {
			for i := range fresh {
				v, err := fresh[i].vendor(l.info.Name)
				if err != nil {
					return err
				}
				records[v.ID] = append(records[v.ID], data.SourcedVendor{Source: l.source, Vendor: *v})
				ranks[v.ID] = append(ranks[v.ID], l.rank)
			}
			continue
		}
		err := l.vendors.ForEach(func(k, raw []byte) error {
			v, err := decodeRecord(l.info.Name, string(k), raw)
			if err != nil {
				return err
			}
			records[v.ID] = append(records[v.ID], data.SourcedVendor{Source: l.source, Vendor: v})
			ranks[v.ID] = append(ranks[v.ID], l.rank)
			return nil
		})
		if err != nil {
			return err
		}
	}
	w := newDerivedWrites(len(records), nil)
	for id, recs := range records {
		w.add(id, indexVendor(id, recs, ranks[id]))
	}
	if err := w.write(tx); err != nil {
		return err
	}
	return stampSchema(tx)
}

// stampSchema marks the file as holding this schema's derived buckets.
func stampSchema(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

// currentSchema reports whether the derived buckets are in this schema's
// form, so that they can be updated in place.
func currentSchema(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	return meta != nil && string(meta.Get(keySchema)) == strconv.Itoa(SchemaVersion)
}

// checkSchema refuses files from a newer vendex and stamps new files.
func (s *Store) checkSchema() error {
	var have int
	err := s.view(func(tx *bolt.Tx) error {
		// A file cut short still has valid meta pages; its pages past the
		// end would be read as zeros or fault. Catch it here, cheaply.
		if fi, err := os.Stat(s.path); err == nil && tx.Size() > fi.Size() {
			return fmt.Errorf("%w: the file is truncated (%d of %d bytes); %s", ErrCorrupt, fi.Size(), tx.Size(), adviceIt)
		}
		if b := tx.Bucket(bucketMeta); b != nil {
			if v := b.Get(keySchema); v != nil {
				n, err := strconv.Atoi(string(v))
				if err != nil {
					return fmt.Errorf("%w: schema version %q is not a number", ErrCorrupt, v)
				}
				have = n
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("open catalogue %s: %w", s.Path(), err)
	}
	if have > SchemaVersion {
		return fmt.Errorf("open catalogue %s: %w (schema %d, this vendex reads %d); upgrade vendex, or use --db to pick another file", s.Path(), ErrNewerSchema, have, SchemaVersion)
	}
	if have == 0 && !s.readOnly {
		return s.update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			return b.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		})
	}
	return nil
}
