package store

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// Kind is what a layer holds, which decides where it ranks.
type Kind string

// Layer kinds, in precedence order: the user's own vendor files win over
// the embedded catalogue, which wins over imported public datasets.
const (
	KindUser     Kind = "user"
	KindEmbedded Kind = "embedded"
	KindImport   Kind = "import"
)

// rank is a kind's place in precedence, lowest first; the index entries
// carry it so that lookups prefer the user's and the catalogue's claims.
type rank byte

const (
	rankUser rank = iota
	rankEmbedded
	rankImport
)

func (k Kind) rank() rank {
	switch k {
	case KindUser:
		return rankUser
	case KindEmbedded:
		return rankEmbedded
	}
	return rankImport
}

// curated reports whether r is the user's or the embedded catalogue's:
// what they say beats an imported dataset.
func (r rank) curated() bool { return r < rankImport }

// EmbeddedLayer is the name of the layer seeded from the binary.
const EmbeddedLayer = "embedded"

// LayerInfo describes one layer: where its records came from.
type LayerInfo struct {
	Name     string    `json:"name"`
	Kind     Kind      `json:"kind"`
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
	return s.update(func(tx *bolt.Tx) error { return replaceLayer(tx, info, vendors, nil) })
}

// replaceLayer writes the layer info.Name with vendors in place of any
// layer of that name, and updates the derived buckets for the vendors
// either of them holds. cards, if not nil, holds vendors' records as JSON
// already, by id (see putLayer).
func replaceLayer(tx *bolt.Tx, info LayerInfo, vendors []data.Vendor, cards map[string][]byte) error {
	fresh := make([]freshRecord, len(vendors))
	for i := range vendors {
		fresh[i] = freshRecord{v: &vendors[i], id: vendors[i].ID}
	}
	return replaceLayerOf(tx, info, fresh, nil, nil, cards)
}

// replaceLayerOf is replaceLayer of records held by pointer; it orders
// fresh by id. Sorting pointers, not records, as a Vendor is large to
// move: the one order serves the layer's puts and the derived buckets'
// updates.
//
// known, if not nil, holds vendors the caller has read from the file in
// this transaction (resolve's), which need not be read again; cards, if
// not nil, records as JSON already, by id (see putLayer).
func replaceLayerOf(tx *bolt.Tx, info LayerInfo, fresh []freshRecord, known map[string]stored, cache *recordCache, cards map[string][]byte) error {
	slices.SortFunc(fresh, func(a, b freshRecord) int { return strings.Compare(a.ID(), b.ID()) })
	freshIDs := make([]string, len(fresh))
	for i := range fresh {
		id := fresh[i].ID()
		if i > 0 && freshIDs[i-1] == id {
			return fmt.Errorf("layer %s: vendor id %q appears twice", info.Name, id)
		}
		freshIDs[i] = id
	}
	oldIDs, err := layerIDs(tx, info.Name)
	if err != nil {
		return err
	}
	ids := mergeSorted(oldIDs, freshIDs)
	return updateDerived(tx, ids, func(indexed func(string) bool) error {
		cache.putLayer(info.Name, fresh, indexed)
		return putLayer(tx, info, fresh, cards, cache.chunks(isLargeLayer(fresh)))
	}, info.Name, fresh, known, cache)
}

// mergeSorted is the sorted union of two sorted lists without repeats.
func mergeSorted(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// layerIDs is the ids of the records the layer name holds, in order.
func layerIDs(tx *bolt.Tx, name string) ([]string, error) {
	layers := tx.Bucket(bucketLayers)
	if layers == nil || layers.Bucket([]byte(name)) == nil {
		return nil, nil
	}
	vb := layers.Bucket([]byte(name)).Bucket(bucketVendors)
	if vb == nil {
		return nil, nil
	}
	var ids []string
	err := vb.ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	return ids, err
}

// DeleteLayer removes a layer and everything it added.
func (s *Store) DeleteLayer(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		layers := tx.Bucket(bucketLayers)
		if layers == nil || layers.Bucket([]byte(name)) == nil {
			return fmt.Errorf("layer %q: %w", name, ErrNotFound)
		}
		ids, err := layerIDs(tx, name)
		if err != nil {
			return err
		}
		return updateDerived(tx, ids, func(func(string) bool) error { return layers.DeleteBucket([]byte(name)) }, "", nil, nil, nil)
	})
}

// Layers lists every layer in the order they win: a vendor's facts come
// from the first layer that has them, and later layers only add. This is
// the one order; `vendex sources` shows it as it is.
func (s *Store) Layers() ([]LayerInfo, error) {
	var out []LayerInfo
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = layerInfos(tx.Bucket(bucketLayers))
		return err
	})
	return out, err
}

// layerInfos reads the info of every layer in layers (nil: none), in the
// order they win.
func layerInfos(layers *bolt.Bucket) ([]LayerInfo, error) {
	if layers == nil {
		return nil, nil
	}
	var out []LayerInfo
	err := layers.ForEachBucket(func(k []byte) error {
		var li LayerInfo
		if raw := layers.Bucket(k).Get(keyInfo); raw != nil {
			if err := json.Unmarshal(raw, &li); err != nil {
				return fmt.Errorf("%w: layer %s: %v", ErrCorrupt, data.Quote(string(k)), err)
			}
		}
		li.Name = string(k)
		out = append(out, li)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortLayers(out)
	return out, nil
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
			vd, err := decodeRecord(name, string(k), v)
			if err != nil {
				return err
			}
			out = append(out, vd)
			return nil
		})
	})
	return out, err
}

func sortLayers(ls []LayerInfo) {
	sort.SliceStable(ls, func(i, j int) bool {
		ri, rj := ls[i].Kind.rank(), ls[j].Kind.rank()
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

// putLayer writes the layer info.Name with vendors, which are in id order
// without repeats. A vendor's record is cards[id] where that is given (the
// embedded catalogue's card files, compacted: encoding 1140 cards again
// was a sixth of a first run's CPU), else the vendor encoded. Any JSON
// that decodes to the vendor will do: every reader decodes records, none
// compares their bytes.
//
// A large layer in Edit's private copy is put in chunks, each committed
// (k): tx is then not the transaction the layer ends in, and the caller
// reads nothing from it after.
func putLayer(tx *bolt.Tx, info LayerInfo, vendors []freshRecord, cards map[string][]byte, k *chunker) error {
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
	step := len(vendors)
	if k != nil {
		step = layerChunk
	}
	for start := 0; start < len(vendors); start += step {
		part := vendors[start:min(start+step, len(vendors))]
		raws := marshalFresh(part, cards)
		n := 0
		for i := range part {
			if err := vb.Put([]byte(part[i].ID()), raws[i]); err != nil {
				return err
			}
			n += len(raws[i])
		}
		next, err := k.put(n)
		if err != nil {
			return err
		}
		if next != nil {
			vb = next.Bucket(bucketLayers).Bucket([]byte(info.Name)).Bucket(bucketVendors)
			vb.FillPercent = 1.0
		}
	}
	return nil
}

// layerChunk is how many records putLayer encodes at a time when it puts a
// layer in chunks: enough for marshalAll's workers, few enough that their
// JSON is a fraction of a chunk. 4096 of the Open Cookie Database's
// vendors (a cookie list each) were 13 MB of JSON at once, a fifth of what
// a 27 MB file's import had live.
const layerChunk = 1024

// marshalFresh is marshalAll of records, but for those packed already.
func marshalFresh(recs []freshRecord, cards map[string][]byte) [][]byte {
	vs := make([]*data.Vendor, 0, len(recs))
	for i := range recs {
		if recs[i].v != nil {
			vs = append(vs, recs[i].v)
		}
	}
	if len(vs) == len(recs) {
		return marshalAll(vs, cards)
	}
	raws := marshalAll(vs, cards)
	out := make([][]byte, len(recs))
	j := 0
	for i := range recs {
		if recs[i].v != nil {
			out[i], j = raws[j], j+1
		} else {
			out[i] = recs[i].raw
		}
	}
	return out
}

// marshalAll encodes records as JSON on every core, but for those cards
// holds already: it is much of the work of writing a large layer, and
// bbolt's puts must stay on one goroutine. Each worker appends to buffers
// of its own, a few records to an allocation.
func marshalAll(vendors []*data.Vendor, cards map[string][]byte) [][]byte {
	out := make([][]byte, len(vendors))
	if cards != nil {
		for i, v := range vendors {
			out[i] = cards[v.ID]
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(vendors)/1000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []byte
			for i := w; i < len(vendors); i += workers {
				if out[i] != nil {
					continue
				}
				if cap(buf)-len(buf) < 4096 {
					buf = make([]byte, 0, 64<<10)
				}
				n := len(buf)
				buf = vendors[i].AppendJSON(buf)
				out[i] = buf[n:len(buf):len(buf)]
			}
		})
	}
	wg.Wait()
	return out
}

// layerRef is a layer as the derived buckets are computed from it.
type layerRef struct {
	info    LayerInfo
	source  string
	rank    rank
	vendors *bolt.Bucket // nil if the layer holds no records
}

// layerList reads the layers, in the order they win.
func layerList(tx *bolt.Tx) ([]layerRef, error) {
	layers := tx.Bucket(bucketLayers)
	infos, err := layerInfos(layers)
	if err != nil {
		return nil, err
	}
	out := make([]layerRef, len(infos))
	for i, li := range infos {
		out[i] = layerRef{info: li, source: li.source(), rank: li.Kind.rank(), vendors: layers.Bucket([]byte(li.Name)).Bucket(bucketVendors)}
	}
	return out, nil
}

// storedVendor is vendor id as the derived buckets last saw it: its merged
// record, or the one layer's record (not merged: without provenance).
func storedVendor(tx *bolt.Tx, ls []layerRef, id string) (*data.Vendor, string, error) {
	st, err := storedVendorAt(tx, ls, id, nil)
	return st.v, st.source, err
}

// stored is a vendor as the file holds it: merged (layer "") or the one
// layer's record (layer and source set).
type stored struct {
	v             *data.Vendor
	layer, source string
}

// storedVendorAt is storedVendor saying which layer the record came from;
// cache, if not nil, has the records a batch has seen.
func storedVendorAt(tx *bolt.Tx, ls []layerRef, id string, cache *recordCache) (stored, error) {
	v, err := cache.lookup(cache.bucket(tx, bucketVendors), "", id)
	if v != nil || err != nil {
		return stored{v: v}, err
	}
	for _, l := range ls {
		v, err := cache.lookup(fileBucket(l.vendors), l.info.Name, id)
		if err != nil {
			return stored{}, err
		}
		if v != nil {
			return stored{v, l.info.Name, l.source}, nil
		}
	}
	return stored{}, nil
}

// source is how the layer is named in a vendor's provenance.
func (li LayerInfo) source() string {
	switch li.Kind {
	case KindEmbedded:
		return data.EmbeddedSource
	case KindUser:
		return string(KindUser) + ":" + li.File
	}
	if li.Format != "" {
		return string(KindImport) + ":" + li.Format + ":" + li.File
	}
	return string(KindImport) + ":" + li.Name
}
