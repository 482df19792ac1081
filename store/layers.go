package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	return s.update(func(tx *bolt.Tx) error { return replaceLayer(tx, info, vendors) })
}

// replaceLayer writes the layer info.Name with vendors in place of any
// layer of that name, and updates the derived buckets for the vendors
// either of them holds.
func replaceLayer(tx *bolt.Tx, info LayerInfo, vendors []data.Vendor) error {
	fresh := make([]*data.Vendor, len(vendors))
	for i := range vendors {
		fresh[i] = &vendors[i]
	}
	return replaceLayerOf(tx, info, fresh, nil)
}

// replaceLayerOf is replaceLayer of records held by pointer; it orders
// fresh by id. Sorting pointers, not records, as a Vendor is large to
// move: the one order serves the layer's puts and the derived buckets'
// updates.
//
// known, if not nil, holds vendors the caller has read from the file in
// this transaction (resolve's), which need not be read again.
func replaceLayerOf(tx *bolt.Tx, info LayerInfo, fresh []*data.Vendor, known map[string]stored) error {
	slices.SortFunc(fresh, func(a, b *data.Vendor) int { return strings.Compare(a.ID, b.ID) })
	freshIDs := make([]string, len(fresh))
	for i, v := range fresh {
		if i > 0 && fresh[i-1].ID == v.ID {
			return fmt.Errorf("layer %s: vendor id %q appears twice", info.Name, v.ID)
		}
		freshIDs[i] = v.ID
	}
	oldIDs, err := layerIDs(tx, info.Name)
	if err != nil {
		return err
	}
	ids := mergeSorted(oldIDs, freshIDs)
	return updateDerived(tx, ids, func() error { return putLayer(tx, info, fresh) }, info.Name, fresh, known)
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
		return updateDerived(tx, ids, func() error { return layers.DeleteBucket([]byte(name)) }, "", nil, nil)
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

// putLayer writes the layer info.Name with vendors, which are in id order
// without repeats.
func putLayer(tx *bolt.Tx, info LayerInfo, vendors []*data.Vendor) error {
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
	raws := marshalAll(vendors)
	for i, v := range vendors {
		if err := vb.Put([]byte(v.ID), raws[i]); err != nil {
			return err
		}
	}
	return nil
}

// marshalAll encodes records as JSON on every core: it is much of the work
// of writing a large layer, and bbolt's puts must stay on one goroutine.
// Each worker appends to buffers of its own, a few records to an
// allocation.
func marshalAll(vendors []*data.Vendor) [][]byte {
	out := make([][]byte, len(vendors))
	workers := min(runtime.GOMAXPROCS(0), 1+len(vendors)/1000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []byte
			for i := w; i < len(vendors); i += workers {
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

// The derived buckets, schema 2. Every vendor has a brief (the registry of
// ids) and a categories key. vendors holds a merged record only for a
// vendor that more than one layer describes: one layer's record is read
// from the layer and merged alone on the way out, which saves writing
// every imported record twice. names, domains, cookies and
// cookie_patterns hold every vendor that makes a key, best first, in a
// packed form (valuePacked, then entries) that costs no JSON; schema 1
// wrote the winning id alone (names) or JSON (the rest), which readers
// still accept.
const valuePacked = 0x01

// nameEntry is one vendor's claim on a normalised name: rank 0 is its id,
// 1 its name, 2 an alias.
type nameEntry struct {
	rank byte
	id   string
}

func appendNames(b []byte, es []nameEntry) []byte {
	b = append(b, valuePacked)
	for _, e := range es {
		b = append(b, e.rank)
		b = binary.AppendUvarint(b, uint64(len(e.id)))
		b = append(b, e.id...)
	}
	return b
}

func decodeNames(raw []byte) ([]nameEntry, error) {
	if len(raw) == 0 || raw[0] != valuePacked {
		return []nameEntry{{id: string(raw)}}, nil // schema 1: the winner alone
	}
	var out []nameEntry
	for p := raw[1:]; len(p) > 0; {
		if len(p) < 2 {
			return nil, fmt.Errorf("%w: name index entry cut short", ErrCorrupt)
		}
		rank := p[0]
		id, rest, err := readString(p[1:])
		if err != nil {
			return nil, err
		}
		out = append(out, nameEntry{rank, id})
		p = rest
	}
	return out, nil
}

// nameWinner is the vendor a name index value resolves to.
func nameWinner(raw []byte) string {
	es, err := decodeNames(raw)
	if err != nil || len(es) == 0 {
		return ""
	}
	return es[0].id
}

func readString(p []byte) (string, []byte, error) {
	n, k := binary.Uvarint(p)
	if k <= 0 || uint64(len(p)-k) < n {
		return "", nil, fmt.Errorf("%w: index entry cut short", ErrCorrupt)
	}
	return string(p[k : k+int(n)]), p[k+int(n):], nil
}

func appendClaims(b []byte, cs []claim) []byte {
	b = append(b, valuePacked)
	for _, c := range cs {
		flags := byte(0)
		if c.Shared {
			flags = 1
		}
		b = append(b, byte(c.rank), flags)
		b = binary.AppendUvarint(b, uint64(len(c.ID)))
		b = append(b, c.ID...)
		b = binary.AppendUvarint(b, uint64(len(c.Path)))
		b = append(b, c.Path...)
	}
	return b
}

func decodeClaims(raw []byte) ([]claim, error) {
	if len(raw) > 0 && raw[0] != valuePacked {
		var cs []claim
		err := json.Unmarshal(raw, &cs)
		return cs, err
	}
	var out []claim
	for p := raw[min(1, len(raw)):]; len(p) > 0; {
		if len(p) < 2 {
			return nil, fmt.Errorf("%w: domain index entry cut short", ErrCorrupt)
		}
		c := claim{rank: int(p[0]), Shared: p[1]&1 != 0}
		var err error
		if c.ID, p, err = readString(p[2:]); err != nil {
			return nil, err
		}
		if c.Path, p, err = readString(p); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func appendRefs(b []byte, rs []cookieRef) []byte {
	b = append(b, valuePacked)
	for _, r := range rs {
		b = binary.AppendUvarint(b, uint64(len(r.ID)))
		b = append(b, r.ID...)
		b = binary.AppendUvarint(b, uint64(r.Index))
	}
	return b
}

func decodeRefs(raw []byte) ([]cookieRef, error) {
	if len(raw) > 0 && raw[0] != valuePacked {
		var rs []cookieRef
		err := json.Unmarshal(raw, &rs)
		return rs, err
	}
	var out []cookieRef
	for p := raw[min(1, len(raw)):]; len(p) > 0; {
		id, rest, err := readString(p)
		if err != nil {
			return nil, err
		}
		i, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, fmt.Errorf("%w: cookie index entry cut short", ErrCorrupt)
		}
		out = append(out, cookieRef{ID: id, Index: int(i)})
		p = rest[k:]
	}
	return out, nil
}

// layerRef is a layer as the derived buckets are computed from it.
type layerRef struct {
	info    LayerInfo
	source  string
	rank    int
	vendors *bolt.Bucket // nil if the layer holds no records
}

// layerList reads the layers, in precedence order.
func layerList(tx *bolt.Tx) ([]layerRef, error) {
	layers := tx.Bucket(bucketLayers)
	if layers == nil {
		return nil, nil
	}
	var infos []LayerInfo
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
		return nil, err
	}
	sortLayers(infos)
	out := make([]layerRef, len(infos))
	for i, li := range infos {
		out[i] = layerRef{info: li, source: sourceLabel(li), rank: kindRank(li.Kind), vendors: layers.Bucket([]byte(li.Name)).Bucket(bucketVendors)}
	}
	return out, nil
}

// storedVendor is vendor id as the derived buckets last saw it: its merged
// record, or the one layer's record (not merged: without provenance).
func storedVendor(tx *bolt.Tx, ls []layerRef, id string) (*data.Vendor, string, error) {
	st, err := storedVendorAt(tx, ls, id)
	return st.v, st.source, err
}

// stored is a vendor as the file holds it: merged (layer "") or the one
// layer's record (layer and source set).
type stored struct {
	v             *data.Vendor
	layer, source string
}

// storedVendorAt is storedVendor saying which layer the record came from.
func storedVendorAt(tx *bolt.Tx, ls []layerRef, id string) (stored, error) {
	if b := tx.Bucket(bucketVendors); b != nil {
		if raw := b.Get([]byte(id)); raw != nil {
			var v data.Vendor
			if err := json.Unmarshal(raw, &v); err != nil {
				return stored{}, fmt.Errorf("%w: vendor %s: %v", ErrCorrupt, id, err)
			}
			return stored{v: &v}, nil
		}
	}
	for _, l := range ls {
		if l.vendors == nil {
			continue
		}
		if raw := l.vendors.Get([]byte(id)); raw != nil {
			var v data.Vendor
			if err := json.Unmarshal(raw, &v); err != nil {
				return stored{}, fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, l.info.Name, id, err)
			}
			return stored{&v, l.info.Name, l.source}, nil
		}
	}
	return stored{}, nil
}

// vendorIndex is what one vendor puts in the derived buckets.
type vendorIndex struct {
	merged []byte // the merged record; nil for a vendor in one layer
	brief  []byte
	names  []nameKey
	claims []hostClaim
	refs   []cookieKey
}

type nameKey struct {
	key  string
	rank byte
}

type hostClaim struct {
	host string
	c    claim
}

type cookieKey struct {
	name string
	ref  cookieRef
}

// indexVendor merges one vendor's records (highest precedence first; ranks
// are their layers' kind ranks) and works out its index entries.
func indexVendor(id string, recs []data.SourcedVendor, ranks []int) vendorIndex {
	var ix vendorIndex
	v := &recs[0].Vendor
	if len(recs) > 1 {
		m := data.Merge(recs)
		ix.merged, v = m.AppendJSON(nil), &m
	}
	ix.brief = encodeBrief(brief{Name: v.Name, Category: v.Category, Block: v.BlockBeforeConsent.Value})
	// Names: the id, then the name, then aliases; an exact id or name
	// beats another vendor's alias.
	addName := func(n string, rank byte) {
		key := data.NormalizeName(n)
		if key == "" {
			return
		}
		for _, x := range ix.names {
			if x.key == key {
				return
			}
		}
		ix.names = append(ix.names, nameKey{key, rank})
	}
	addName(id, 0)
	addName(v.Name, 1)
	for _, a := range v.Aliases {
		addName(a, 2)
	}
	// A host's claims are ordered by the rank of the best layer that made
	// each, so that the user's and the catalogue's claims win lookups over
	// an import's.
	hostRank := func(h string) int {
		if len(ranks) == 1 {
			return ranks[0]
		}
		for i, r := range recs {
			for _, d := range r.Vendor.Domains {
				if d.Host == h {
					return ranks[i]
				}
			}
			for _, sc := range r.Vendor.Scripts {
				if sc.Host == h {
					return ranks[i]
				}
			}
		}
		return len(ranks)
	}
	addClaim := func(h string, c claim) {
		for _, x := range ix.claims {
			if x.host == h && x.c.Path == c.Path {
				return
			}
		}
		ix.claims = append(ix.claims, hostClaim{h, c})
	}
	for _, d := range v.Domains {
		if d.Host != "" {
			addClaim(d.Host, claim{ID: id, Shared: d.Shared, rank: hostRank(d.Host)})
		}
	}
	for _, sc := range v.Scripts {
		if sc.Host != "" {
			addClaim(sc.Host, claim{ID: id, Path: sc.Path, rank: hostRank(sc.Host)})
		}
	}
	ix.refs = make([]cookieKey, 0, len(v.Storage))
	for i, st := range v.Storage {
		if st.Name != "" {
			ix.refs = append(ix.refs, cookieKey{st.Name, cookieRef{ID: id, Index: i}})
		}
	}
	return ix
}

// encodeBrief is json.Marshal of b, without reflection: every vendor of an
// import has one.
func encodeBrief(b brief) []byte {
	out := make([]byte, 0, len(b.Name)+len(b.Category)+len(b.Block)+24)
	out = data.AppendJSONString(append(out, `{"n":`...), b.Name)
	if b.Category != "" {
		out = data.AppendJSONString(append(out, `,"c":`...), string(b.Category))
	}
	if b.Block != "" {
		out = data.AppendJSONString(append(out, `,"b":`...), string(b.Block))
	}
	return append(out, '}')
}

// indexKeys are the keys of the derived buckets that a vendor as stored
// has entries under.
func indexKeys(id string, v *data.Vendor) (names, hosts, storage []string) {
	for _, n := range append([]string{id, v.Name}, v.Aliases...) {
		if k := data.NormalizeName(n); k != "" {
			names = append(names, k)
		}
	}
	for _, d := range v.Domains {
		hosts = append(hosts, d.Host)
	}
	for _, sc := range v.Scripts {
		hosts = append(hosts, sc.Host)
	}
	for _, st := range v.Storage {
		storage = append(storage, st.Name)
	}
	return names, hosts, storage
}

// derivedWrites collects every change to the derived buckets so that each
// bucket is written in sorted key order; a nil value deletes the key.
//
// The index lists (names, claims, cookies, patterns) take changes two
// ways. A key whose list loses entries (a vendor re-indexed or removed) is
// loaded whole into a map first. A key that only gains entries, as every
// key of a large import's new vendors does, has them queued in a slice;
// at the end the queue is sorted by key and each key's list is read from
// the file, if it has one, in one ordered pass. That spares a map entry
// and a lookup in the file for each of 100,000 keys.
type derivedWrites struct {
	names    indexChanges[nameEntry]
	claims   indexChanges[claim]
	cookies  indexChanges[cookieRef]
	patterns indexChanges[cookieRef]
	vendors  map[string][]byte
	brief    map[string][]byte
	// The brief keys in the order they were set: an incremental update
	// visits vendors in id order, which spares sorting 100,000 keys of a
	// large import.
	briefOrder []string
}

// indexChanges are one index bucket's changes: lists loaded whole and
// changed (loaded), and entries to add to a key's list as it stands in the
// file (added).
type indexChanges[E any] struct {
	loaded map[string][]E
	added  []keyed[E]
}

type keyed[E any] struct {
	pre uint64 // the key's first 8 bytes, big-endian: most comparisons end there
	key string
	seq int // the order added, which a key's entries keep
	e   E
}

// keyPrefix is the first 8 bytes of k as a number that orders as k does.
func keyPrefix(k string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(k) {
			p |= uint64(k[i])
		}
	}
	return p
}

func compareKeyed[E any](a, b keyed[E]) int {
	switch {
	case a.pre < b.pre:
		return -1
	case a.pre > b.pre:
		return 1
	}
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return a.seq - b.seq
}

// sortKeyed orders queued entries by key, then by the order they came. A
// large queue (a large import's cookie names) is sorted in two halves at
// once and merged.
func sortKeyed[E any](xs []keyed[E]) {
	if len(xs) < 1<<14 {
		slices.SortFunc(xs, compareKeyed[E])
		return
	}
	mid := len(xs) / 2
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(xs[:mid], compareKeyed[E]) })
	slices.SortFunc(xs[mid:], compareKeyed[E])
	wg.Wait()
	merged := make([]keyed[E], 0, len(xs))
	a, b := xs[:mid], xs[mid:]
	for len(a) > 0 && len(b) > 0 {
		if compareKeyed(b[0], a[0]) < 0 {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	merged = append(append(merged, a...), b...)
	copy(xs, merged)
}

// add files one entry under key.
func (c *indexChanges[E]) add(key string, e E) {
	if es, ok := c.loaded[key]; ok {
		c.loaded[key] = append(es, e)
		return
	}
	c.added = append(c.added, keyed[E]{keyPrefix(key), key, len(c.added), e})
}

func (w *derivedWrites) setBrief(id string, raw []byte) {
	w.brief[id] = raw
	w.briefOrder = append(w.briefOrder, id)
}

// sortedKeys is the keys of m in order: order (the keys as they were
// set) if, once repeats are dropped, it is sorted and holds them all;
// else they are sorted anew.
func sortedKeys[V any](m map[string]V, order []string) []string {
	out := make([]string, 0, len(m))
	for _, k := range order {
		if n := len(out); n > 0 && out[n-1] >= k {
			if out[n-1] == k {
				continue
			}
			out = nil
			break
		}
		out = append(out, k)
	}
	if _, empty := m[""]; out == nil || empty || len(out) != len(m) {
		out = keysOf(m)
		sort.Strings(out)
	}
	return out
}

// newDerivedWrites sizes for n vendors, about as many hosts and the
// storage items of records: growing maps and slices of 100,000 entries
// cost a tenth of a large import.
func newDerivedWrites(n int, records []*data.Vendor) *derivedWrites {
	hosts, storage := n, n
	if records != nil {
		hosts, storage = 0, 0
		for _, v := range records {
			hosts += len(v.Domains) + len(v.Scripts)
			storage += len(v.Storage)
		}
	}
	return &derivedWrites{
		names:    indexChanges[nameEntry]{loaded: map[string][]nameEntry{}, added: make([]keyed[nameEntry], 0, 2*n)},
		claims:   indexChanges[claim]{loaded: map[string][]claim{}, added: make([]keyed[claim], 0, hosts)},
		cookies:  indexChanges[cookieRef]{loaded: map[string][]cookieRef{}, added: make([]keyed[cookieRef], 0, storage)},
		patterns: indexChanges[cookieRef]{loaded: map[string][]cookieRef{}},
		vendors:  map[string][]byte{}, brief: make(map[string][]byte, n),
	}
}

// add files one vendor's entries.
func (w *derivedWrites) add(id string, ix vendorIndex) {
	if ix.merged != nil {
		w.vendors[id] = ix.merged
	}
	w.setBrief(id, ix.brief)
	for _, n := range ix.names {
		w.names.add(n.key, nameEntry{n.rank, id})
	}
	for _, hc := range ix.claims {
		w.claims.add(hc.host, hc.c)
	}
	for _, ck := range ix.refs {
		if data.IsPattern(ck.name) {
			w.patterns.add(ck.name, ck.ref)
		} else {
			w.cookies.add(ck.name, ck.ref)
		}
	}
}

// sortList orders one key's entries: names by rank then id, so the first
// is the winner; claims by rank then id (stable: a vendor's own claims
// keep their order); cookie references by id, then index.
func sortNames(es []nameEntry) {
	if len(es) < 2 {
		return
	}
	slices.SortFunc(es, func(a, b nameEntry) int {
		if a.rank != b.rank {
			return int(a.rank) - int(b.rank)
		}
		return strings.Compare(a.id, b.id)
	})
}

func sortClaims(cs []claim) {
	if len(cs) < 2 {
		return
	}
	slices.SortStableFunc(cs, func(a, b claim) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func sortRefs(rs []cookieRef) {
	if len(rs) < 2 {
		return
	}
	slices.SortStableFunc(rs, func(a, b cookieRef) int {
		if a.ID != b.ID {
			return strings.Compare(a.ID, b.ID)
		}
		return a.Index - b.Index
	})
}

// indexBucket is what write needs to put one index bucket's changes.
type indexBucket struct {
	name []byte
	// prepare sorts the changes (any goroutine); fetch reads the lists
	// the queued keys have in the file (the transaction's goroutine);
	// encode works out every changed key's value (any goroutine).
	prepare func()
	fetch   func(b *bolt.Bucket, keyN int) error
	encode  func() ([]string, [][]byte)
}

// bucketOf makes the indexBucket for one index's changes.
func bucketOf[E any](name []byte, c *indexChanges[E], decode func([]byte) ([]E, error), sortList func([]E), encode func([]byte, []E) []byte) indexBucket {
	var queued []string     // the queued keys not loaded, in order, once each
	old := map[string][]E{} // their lists in the file
	var loadedKeys []string // the loaded keys, in order
	return indexBucket{
		name: name,
		prepare: func() {
			// Not a stable sort, which took a third of a large import's
			// indexing on keys in no order: seq keeps each key's entries in
			// the order they came.
			sortKeyed(c.added)
			for i, a := range c.added {
				if i > 0 && c.added[i-1].key == a.key {
					continue
				}
				if _, ok := c.loaded[a.key]; !ok {
					queued = append(queued, a.key)
				}
			}
			loadedKeys = keysOf(c.loaded)
			sort.Strings(loadedKeys)
		},
		fetch: func(b *bolt.Bucket, keyN int) error {
			if b == nil || len(queued) == 0 {
				return nil
			}
			found := func(k string, raw []byte) error {
				es, err := decode(raw)
				if err != nil {
					return fmt.Errorf("%w: index %s key %q: %v", ErrCorrupt, name, k, err)
				}
				old[k] = es
				return nil
			}
			if 16*len(queued) < keyN {
				// A few keys among many: look each up.
				for _, k := range queued {
					if raw := b.Get([]byte(k)); raw != nil {
						if err := found(k, raw); err != nil {
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
					if err := found(queued[i], v); err != nil {
						return err
					}
					i++
					k, v = cur.Next()
				}
			}
			return nil
		},
		encode: func() ([]string, [][]byte) {
			keys := make([]string, 0, len(loadedKeys)+len(queued))
			vals := make([][]byte, 0, cap(keys))
			var buf []byte // values go one after another, a few to an allocation
			put := func(k string, es []E) {
				keys = append(keys, k)
				if len(es) == 0 {
					vals = append(vals, nil) // the key goes
					return
				}
				sortList(es)
				if cap(buf)-len(buf) < 1024 {
					buf = make([]byte, 0, 64<<10)
				}
				n := len(buf)
				buf = encode(buf, es)
				vals = append(vals, buf[n:len(buf):len(buf)])
			}
			added := c.added
			li := 0
			for len(added) > 0 || li < len(loadedKeys) {
				if li < len(loadedKeys) && (len(added) == 0 || loadedKeys[li] < added[0].key) {
					put(loadedKeys[li], c.loaded[loadedKeys[li]])
					li++
					continue
				}
				k := added[0].key
				n := 1
				for n < len(added) && added[n].key == k {
					n++
				}
				var es []E
				if li < len(loadedKeys) && loadedKeys[li] == k {
					es = c.loaded[k]
					li++
				} else {
					es = old[k]
				}
				for _, a := range added[:n] {
					es = append(es, a.e)
				}
				put(k, es)
				added = added[n:]
			}
			return keys, vals
		},
	}
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
	briefKeys := sortedKeys(w.brief, w.briefOrder)
	if err := writeBucket(tx, bucketBrief, briefKeys, valuesOf(briefKeys, w.brief), -1); err != nil {
		return err
	}
	vendorKeys := keysOf(w.vendors)
	sort.Strings(vendorKeys)
	if err := writeBucket(tx, bucketVendors, vendorKeys, valuesOf(vendorKeys, w.vendors), -1); err != nil {
		return err
	}
	keys := make([][]string, len(ixs))
	vals := make([][][]byte, len(ixs))
	keyNs := make([]int, len(ixs))
	put := func(i int) error {
		<-encoded[i]
		return writeBucket(tx, ixs[i].name, keys[i], vals[i], keyNs[i])
	}
	for i, ib := range ixs {
		<-prepared[i]
		b := tx.Bucket(ib.name)
		if b != nil {
			keyNs[i] = b.Stats().KeyN
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

// rebuild recomputes the merged vendors and every index from the layers.
// Keys are written in sorted order with full pages: bbolt's fast path.
func rebuild(tx *bolt.Tx) error { return rebuildWith(tx, "", nil) }

// rebuildWith is rebuild when the caller has just written the layer
// freshName with the records fresh: those are used as they are rather than
// decoded again.
func rebuildWith(tx *bolt.Tx, freshName string, fresh []*data.Vendor) error {
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
	ranks := map[string][]int{} // the kind rank of each record's layer
	for _, l := range ls {
		if l.vendors == nil {
			continue
		}
		if l.info.Name == freshName && fresh != nil {
			for _, v := range fresh {
				records[v.ID] = append(records[v.ID], data.SourcedVendor{Source: l.source, Vendor: *v})
				ranks[v.ID] = append(ranks[v.ID], l.rank)
			}
			continue
		}
		err := l.vendors.ForEach(func(k, raw []byte) error {
			var v data.Vendor
			if err := json.Unmarshal(raw, &v); err != nil {
				return fmt.Errorf("%w: layer %s vendor %s: %v", ErrCorrupt, l.info.Name, k, err)
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
	var ranks []int
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

// indexFresh works out, on every core, the index entries of the records
// fresh (of the layer ref) that no other layer describes (indexed is false
// for their ids): they need nothing from the file, and a large import's
// are most of its vendors. The others' entries are left zero, for the
// caller to work out in turn.
func indexFresh(fresh []*data.Vendor, ref *layerRef, indexed func(id string) bool) []vendorIndex {
	out := make([]vendorIndex, len(fresh))
	workers := min(runtime.GOMAXPROCS(0), 1+len(fresh)/2000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			recs := make([]data.SourcedVendor, 1)
			ranks := []int{ref.rank}
			// Contiguous runs, so that each worker's records are near
			// each other in memory.
			lo, hi := w*len(fresh)/workers, (w+1)*len(fresh)/workers
			for i := lo; i < hi; i++ {
				if indexed(fresh[i].ID) {
					continue
				}
				recs[0] = data.SourcedVendor{Source: ref.source, Vendor: *fresh[i]}
				out[i] = indexVendor(fresh[i].ID, recs, ranks)
			}
		})
	}
	wg.Wait()
	return out
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
		if err := replaceLayer(tx, info, vendors); err != nil {
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
