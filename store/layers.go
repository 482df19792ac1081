package store

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// Layer kinds, in precedence order: the user's own vendor files win over
// the embedded catalogue, which wins over imported public datasets.
const (
	KindUser     = "user"
	KindEmbedded = "embedded"
	KindImport   = "import"
)

// EmbeddedLayer is the name of the layer seeded from the binary.
const EmbeddedLayer = "embedded"

// LayerInfo describes one layer: where its records came from.
type LayerInfo struct {
	Name     string    `json:"name"`
	Kind     string    `json:"kind"`
	Format   string    `json:"format,omitempty"`
	File     string    `json:"file,omitempty"`
	Hash     string    `json:"hash,omitempty"`
	Added    time.Time `json:"added"`
	Vendors  int       `json:"vendors"`
	Domains  int       `json:"domains"`
	Storage  int       `json:"storage"`
	Version  string    `json:"version,omitempty"`
	Comments string    `json:"comments,omitempty"`
}

var keyInfo = []byte("info")

func kindRank(kind string) int {
	switch kind {
	case KindUser:
		return 0
	case KindEmbedded:
		return 1
	}
	return 2
}

// PutLayer replaces the layer info.Name with vendors and rebuilds the merged
// view and every index, all in one transaction: if anything fails, the file
// is exactly as it was.
func (s *Store) PutLayer(info LayerInfo, vendors []data.Vendor) error {
	info.Vendors = len(vendors)
	info.Domains, info.Storage = 0, 0
	for _, v := range vendors {
		info.Domains += len(v.Domains)
		info.Storage += len(v.Storage)
	}
	if info.Added.IsZero() {
		info.Added = time.Now().UTC()
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := putLayer(tx, info, vendors); err != nil {
			return err
		}
		return rebuild(tx)
	})
}

// DeleteLayer removes a layer and everything it added.
func (s *Store) DeleteLayer(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		if layers == nil || layers.Bucket([]byte(name)) == nil {
			return fmt.Errorf("layer %q: %w", name, ErrNotFound)
		}
		if err := layers.DeleteBucket([]byte(name)); err != nil {
			return err
		}
		return rebuild(tx)
	})
}

// Layers lists every layer, in precedence order.
func (s *Store) Layers() ([]LayerInfo, error) {
	var out []LayerInfo
	err := s.view(func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		if layers == nil {
			return nil
		}
		return layers.ForEachBucket(func(k []byte) error {
			var li LayerInfo
			if raw := layers.Bucket(k).Get(keyInfo); raw != nil {
				if err := json.Unmarshal(raw, &li); err != nil {
					return fmt.Errorf("%w: layer %s: %v", ErrCorrupt, k, err)
				}
			}
			li.Name = string(k)
			out = append(out, li)
			return nil
		})
	})
	sortLayers(out)
	return out, err
}

// LayerVendors returns the records one layer holds, as it holds them
// (before merging).
func (s *Store) LayerVendors(name string) ([]data.Vendor, error) {
	var out []data.Vendor
	err := s.view(func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		if layers == nil || layers.Bucket([]byte(name)) == nil {
			return fmt.Errorf("layer %q: %w", name, ErrNotFound)
		}
		vb := layers.Bucket([]byte(name)).Bucket(bucketVendors)
		if vb == nil {
			return nil
		}
		return vb.ForEach(func(k, v []byte) error {
			var vd data.Vendor
			if err := json.Unmarshal(v, &vd); err != nil {
				return fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, name, k, err)
			}
			out = append(out, vd)
			return nil
		})
	})
	return out, err
}

func sortLayers(ls []LayerInfo) {
	sort.SliceStable(ls, func(i, j int) bool {
		ri, rj := kindRank(ls[i].Kind), kindRank(ls[j].Kind)
		if ri != rj {
			return ri < rj
		}
		// Within a kind: the newest user file first (the latest correction
		// wins), the oldest import first (a new dataset only adds).
		if ai, aj := ls[i].Added, ls[j].Added; !ai.Equal(aj) {
			if ls[i].Kind == KindUser {
				return ai.After(aj)
			}
			return ai.Before(aj)
		}
		return ls[i].Name < ls[j].Name
	})
}

func putLayer(tx *bolt.Tx, info LayerInfo, vendors []data.Vendor) error {
	layers, err := tx.CreateBucketIfNotExists(bucketLayers)
	if err != nil {
		return err
	}
	if layers.Bucket([]byte(info.Name)) != nil {
		if err := layers.DeleteBucket([]byte(info.Name)); err != nil {
			return err
		}
	}
	lb, err := layers.CreateBucket([]byte(info.Name))
	if err != nil {
		return err
	}
	raw, err := json.Marshal(info)
	if err != nil {
		return err
	}
	if err := lb.Put(keyInfo, raw); err != nil {
		return err
	}
	vb, err := lb.CreateBucket(bucketVendors)
	if err != nil {
		return err
	}
	vb.FillPercent = 1.0
	// Sort indexes, not the records: a Vendor is large to move.
	order := make([]int, len(vendors))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return vendors[order[i]].ID < vendors[order[j]].ID })
	for i, at := range order {
		v := &vendors[at]
		if i > 0 && vendors[order[i-1]].ID == v.ID {
			return fmt.Errorf("layer %s: vendor id %q appears twice", info.Name, v.ID)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := vb.Put([]byte(v.ID), b); err != nil {
			return err
		}
	}
	return nil
}

// rebuild recomputes the merged vendors and every index from the layers.
// Keys are written in sorted order with full pages: bbolt's fast path.
func rebuild(tx *bolt.Tx) error { return rebuildWith(tx, "", nil) }

// rebuildWith is rebuild when the caller has just written the layer
// freshName with the records fresh: those are used as they are rather than
// decoded again, which halves the work of a large import.
func rebuildWith(tx *bolt.Tx, freshName string, fresh []data.Vendor) error {
	for _, name := range derivedBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	var infos []LayerInfo
	layers := tx.Bucket(bucketLayers)
	records := map[string][]data.SourcedVendor{}
	ranks := map[string][]int{} // the kind rank of each record's layer
	if layers != nil {
		err := layers.ForEachBucket(func(k []byte) error {
			var li LayerInfo
			if raw := layers.Bucket(k).Get(keyInfo); raw != nil {
				if err := json.Unmarshal(raw, &li); err != nil {
					return fmt.Errorf("%w: layer %s: %v", ErrCorrupt, k, err)
				}
			}
			li.Name = string(k)
			infos = append(infos, li)
			return nil
		})
		if err != nil {
			return err
		}
		sortLayers(infos)
		for _, li := range infos {
			vb := layers.Bucket([]byte(li.Name)).Bucket(bucketVendors)
			if vb == nil {
				continue
			}
			source := sourceLabel(li)
			rank := kindRank(li.Kind)
			if li.Name == freshName && fresh != nil {
				for _, v := range fresh {
					records[v.ID] = append(records[v.ID], data.SourcedVendor{Source: source, Vendor: v})
					ranks[v.ID] = append(ranks[v.ID], rank)
				}
				continue
			}
			err := vb.ForEach(func(k, raw []byte) error {
				var v data.Vendor
				if err := json.Unmarshal(raw, &v); err != nil {
					return fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, li.Name, k, err)
				}
				records[v.ID] = append(records[v.ID], data.SourcedVendor{Source: source, Vendor: v})
				ranks[v.ID] = append(ranks[v.ID], rank)
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	ids := make([]string, 0, len(records))
	for id := range records {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	type kv struct {
		k string
		v []byte
	}
	var vendorsKV, briefKV []kv
	names := map[string]string{}
	nameRank := map[string]int{}
	domains := map[string][]claim{}
	cookies := map[string][]cookieRef{}
	patterns := map[string][]cookieRef{}
	var cats []string
	for _, id := range ids {
		v := data.Merge(records[id])
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		vendorsKV = append(vendorsKV, kv{id, raw})
		br, err := json.Marshal(brief{Name: v.Name, Category: v.Category, Block: v.BlockBeforeConsent.Value})
		if err != nil {
			return err
		}
		briefKV = append(briefKV, kv{id, br})
		// Names: the id, then the name, then aliases; an exact id or name
		// beats another vendor's alias.
		for rank, n := range append([]string{id, v.Name}, v.Aliases...) {
			if rank > 2 {
				rank = 2
			}
			key := data.NormalizeName(n)
			if key == "" {
				continue
			}
			if old, ok := nameRank[key]; !ok || rank < old {
				names[key] = id
				nameRank[key] = rank
			}
		}
		// A host's claims are ordered by the rank of the best layer that
		// made each, so that the user's and the catalogue's claims win
		// lookups over an import's.
		hostRank := func(h string) int {
			rs := ranks[id]
			if len(rs) == 1 {
				return rs[0]
			}
			for i, r := range records[id] {
				for _, d := range r.Vendor.Domains {
					if d.Host == h {
						return rs[i]
					}
				}
				for _, sc := range r.Vendor.Scripts {
					if sc.Host == h {
						return rs[i]
					}
				}
			}
			return len(rs)
		}
		for _, d := range v.Domains {
			domains[d.Host] = addClaim(domains[d.Host], claim{ID: id, Shared: d.Shared, rank: hostRank(d.Host)})
		}
		for _, sc := range v.Scripts {
			domains[sc.Host] = addClaim(domains[sc.Host], claim{ID: id, Path: sc.Path, rank: hostRank(sc.Host)})
		}
		for i, st := range v.Storage {
			ref := cookieRef{ID: id, Index: i}
			if data.IsPattern(st.Name) {
				patterns[st.Name] = append(patterns[st.Name], ref)
			} else {
				cookies[st.Name] = append(cookies[st.Name], ref)
			}
		}
		cat := v.Category
		if cat == "" {
			cat = "unclassified"
		}
		cats = append(cats, string(cat)+"\x00"+id)
	}

	put := func(name []byte, keys []string, value func(string) ([]byte, error)) error {
		b, err := tx.CreateBucket(name)
		if err != nil {
			return err
		}
		b.FillPercent = 1.0
		sort.Strings(keys)
		for _, k := range keys {
			val, err := value(k)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(k), val); err != nil {
				return fmt.Errorf("index %s key %q: %w", name, k, err)
			}
		}
		return nil
	}
	for _, bkt := range []struct {
		name []byte
		kvs  []kv
	}{{bucketVendors, vendorsKV}, {bucketBrief, briefKV}} {
		b, err := tx.CreateBucket(bkt.name)
		if err != nil {
			return err
		}
		b.FillPercent = 1.0
		for _, e := range bkt.kvs {
			if err := b.Put([]byte(e.k), e.v); err != nil {
				return err
			}
		}
	}
	if err := put(bucketNames, keysOf(names), func(k string) ([]byte, error) { return []byte(names[k]), nil }); err != nil {
		return err
	}
	if err := put(bucketDomains, keysOf(domains), func(k string) ([]byte, error) {
		cs := domains[k]
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].rank < cs[j].rank })
		return json.Marshal(cs)
	}); err != nil {
		return err
	}
	if err := put(bucketCookies, keysOf(cookies), func(k string) ([]byte, error) { return json.Marshal(cookies[k]) }); err != nil {
		return err
	}
	if err := put(bucketPatterns, keysOf(patterns), func(k string) ([]byte, error) { return json.Marshal(patterns[k]) }); err != nil {
		return err
	}
	return put(bucketCategories, cats, func(string) ([]byte, error) { return []byte{}, nil })
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// sourceLabel is how a layer is named in a vendor's provenance.
func sourceLabel(li LayerInfo) string {
	switch li.Kind {
	case KindEmbedded:
		return data.EmbeddedSource
	case KindUser:
		return "user:" + li.File
	}
	if li.Format != "" {
		return "import:" + li.Format + ":" + li.File
	}
	return "import:" + li.Name
}

// claim is one vendor's claim on a host, with an optional path prefix.
type claim struct {
	ID     string `json:"id"`
	Path   string `json:"path,omitempty"`
	Shared bool   `json:"shared,omitempty"`
	rank   int    // the kind rank of the layer that made the claim; not stored
}

func addClaim(cs []claim, c claim) []claim {
	for _, x := range cs {
		if x.ID == c.ID && x.Path == c.Path {
			return cs
		}
	}
	return append(cs, c)
}

type cookieRef struct {
	ID    string `json:"id"`
	Index int    `json:"i"`
}

// Seed makes the embedded layer match vendors, tagged with version, if the
// file's catalogue version differs. Everything that did not come from the
// embedded catalogue (the user's vendors, imports) survives. It reports
// whether it wrote anything.
func (s *Store) Seed(vendors []data.Vendor, version string) (bool, error) {
	if s.CatalogueVersion() == version {
		return false, nil
	}
	info := LayerInfo{Name: EmbeddedLayer, Kind: KindEmbedded, Version: version}
	info.Vendors = len(vendors)
	info.Added = time.Now().UTC()
	for _, v := range vendors {
		info.Domains += len(v.Domains)
		info.Storage += len(v.Storage)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if err := putLayer(tx, info, vendors); err != nil {
			return err
		}
		if err := rebuild(tx); err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keyCatalogue, []byte(version))
	})
	if err != nil {
		return false, fmt.Errorf("seed catalogue %s: %w", s.path, err)
	}
	return true, nil
}
