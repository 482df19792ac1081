package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// Briefs returns every vendor's brief, in id order, without decoding a
// card: what the browser's list and `vendex search` need. A file of an
// older schema, whose briefs hold less, is read through All instead.
func (s *Store) Briefs() ([]data.Brief, error) {
	var out []data.Brief
	var d data.BriefDecoder
	legacy, size, err := s.eachEncodedBrief(func(n int) { out = make([]data.Brief, 0, n) }, func(id, raw []byte) error {
		br, err := d.Decode(string(id), raw)
		out = append(out, br)
		return err
	})
	if err != nil || !legacy {
		// Every brief is copied out: their pages need not stay resident.
		s.releasePages(size)
		return out, err
	}
	return s.legacyBriefs()
}

// EachBrief calls fn with every vendor's brief, in id order, in one read
// transaction and without copying: a brief's strings are the file's own
// bytes, valid only during its call (Brief.Clone keeps one). A one-off
// search reads every brief to keep a few. skip, if not nil, is shown each
// brief's encoding first (data.AppendBrief's: every string of the brief,
// as bytes, with their lengths) and may pass it over undecoded.
func (s *Store) EachBrief(skip func(encoded []byte) bool, fn func(data.Brief)) error {
	var d data.BriefDecoder
	legacy, _, err := s.eachEncodedBrief(nil, func(id, raw []byte) error {
		if skip != nil && skip(raw) {
			return nil
		}
		br, err := d.View(id, raw)
		if err == nil {
			fn(br)
		}
		return err
	})
	if err != nil || !legacy {
		return err
	}
	bs, err := s.legacyBriefs()
	for _, b := range bs {
		fn(b)
	}
	return err
}

// eachEncodedBrief calls fn with each vendor's id and encoded brief, in id
// order, after telling size how many there are. It reports, calling
// neither, a file of an older schema whose briefs are not encoded; and the
// size of the file it read.
func (s *Store) eachEncodedBrief(size func(n int), fn func(id, raw []byte) error) (legacy bool, read int64, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		read = tx.Size()
		b := tx.Bucket(bucketBrief)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		k, raw := c.First()
		if k != nil && !data.IsEncodedBrief(raw) {
			legacy = true
			return nil
		}
		if size != nil {
			size(storedBriefs(tx, b))
		}
		for ; k != nil; k, raw = c.Next() {
			if err := fn(k, raw); err != nil {
				return fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, data.Quote(string(k)), err)
			}
		}
		return nil
	})
	return legacy, read, err
}

// storedBriefs is how many briefs b holds, for a slice's capacity: the sum of
// the counters every write keeps, else a walk of every page of b.
func storedBriefs(tx *bolt.Tx, b *bolt.Bucket) int {
	counts := tx.Bucket(bucketCounts)
	if counts == nil || !currentSchema(tx) {
		return b.Stats().KeyN
	}
	n := 0
	err := counts.ForEach(func(_, raw []byte) error {
		c, err := decodeCount(raw)
		n += int(c[0])
		return err
	})
	// A damaged counter must not size a huge slice: every brief takes more
	// than 16 bytes of the file.
	if err != nil || n < 0 || int64(n) > tx.Size()/16 {
		return b.Stats().KeyN
	}
	return n
}

// legacyBriefs is Briefs for a file of an older schema: every record
// decoded, in id order.
func (s *Store) legacyBriefs() ([]data.Brief, error) {
	vs, err := s.All()
	if err != nil {
		return nil, err
	}
	out := make([]data.Brief, len(vs))
	for i := range vs {
		out[i] = vs[i].Brief()
	}
	slices.SortFunc(out, func(a, b data.Brief) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// briefCount is what one vendor adds to the counters: one vendor and its
// domains, in its category.
type briefCount struct {
	category data.Category
	domains  int
}

// counterDeltas are a write's changes to the per-category counters.
type counterDeltas map[data.Category][2]int64

func (c *counterDeltas) add(bc briefCount, sign int64) {
	if *c == nil {
		*c = counterDeltas{}
	}
	d := (*c)[bc.category]
	d[0] += sign
	d[1] += sign * int64(bc.domains)
	(*c)[bc.category] = d
}

// write applies the deltas to the counters bucket (keys: categories, ""
// for none; values: vendors and domains as uvarints).
func (c counterDeltas) write(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists(bucketCounts)
	if err != nil {
		return err
	}
	for _, cat := range slices.Sorted(maps.Keys(c)) {
		d := c[cat]
		if d == [2]int64{} {
			continue
		}
		key := countKey(cat)
		n, err := decodeCount(b.Get(key))
		if err != nil {
			return err
		}
		n[0], n[1] = n[0]+d[0], n[1]+d[1]
		if n[0] <= 0 {
			if err := b.Delete(key); err != nil {
				return err
			}
			continue
		}
		if err := b.Put(key, binary.AppendUvarint(binary.AppendUvarint(nil, uint64(n[0])), uint64(max(0, n[1])))); err != nil {
			return err
		}
	}
	return nil
}

// countKey is a category's key in the counters bucket: bbolt refuses an
// empty key, so every key starts with 'c'.
func countKey(c data.Category) []byte { return []byte("c" + string(c)) }

func decodeCount(raw []byte) ([2]int64, error) {
	var n [2]int64
	if raw == nil {
		return n, nil
	}
	v, k := binary.Uvarint(raw)
	d, k2 := binary.Uvarint(raw[max(0, k):])
	if k <= 0 || k2 <= 0 {
		return n, fmt.Errorf("%w: a category counter is cut short", ErrCorrupt)
	}
	return [2]int64{int64(v), int64(d)}, nil
}

// Stats counts vendors and domains per category, in banner order, with
// the unclassified last when any vendor lacks a category. It reads the
// counters every write keeps; an older file's are counted from briefs.
func (s *Store) Stats() ([]CategoryStats, error) {
	counts := map[data.Category]*CategoryStats{}
	have := false
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCounts)
		if b == nil || !currentSchema(tx) {
			return nil
		}
		have = true
		return b.ForEach(func(k, raw []byte) error {
			n, err := decodeCount(raw)
			if err != nil {
				return err
			}
			c := data.Category(k[1:])
			counts[c] = &CategoryStats{Category: c, Vendors: int(n[0]), Domains: int(n[1])}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if !have {
		bs, err := s.Briefs()
		if err != nil {
			return nil, err
		}
		for _, b := range bs {
			if counts[b.Category] == nil {
				counts[b.Category] = &CategoryStats{Category: b.Category}
			}
			counts[b.Category].Vendors++
			counts[b.Category].Domains += len(b.Hosts)
		}
	}
	out := make([]CategoryStats, 0, len(data.Categories)+1)
	for _, c := range data.Categories {
		st := CategoryStats{Category: c}
		if n := counts[c]; n != nil {
			st = *n
		}
		out = append(out, st)
		delete(counts, c)
	}
	// Categories outside the banner's, by name, then the unclassified.
	rest := slices.SortedFunc(maps.Keys(counts), func(a, b data.Category) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(string(a), string(b))
	})
	for _, c := range rest {
		out = append(out, *counts[c])
	}
	return out, nil
}
