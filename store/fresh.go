package store

import (
	"unsafe"

	"github.com/vendex/vendex/data"
)

// freshRecord is a record a layer is written with: held as a vendor (v),
// or packed as the JSON the layer keeps of it (raw) with the counts its
// writing and indexing ask for. A large import packs its new vendors as
// it resolves them (resolver.pack): a record of Tracker Radar's domain
// index is a 700-byte Vendor, most of it empty fields, and 60 bytes
// beside its 260 of JSON, and its 182,887 records were two thirds of
// that import's live heap. A packed record is decoded where it is read
// (indexFresh, a chunk at a time) and never changed.
type freshRecord struct {
	v   *data.Vendor // nil while packed, or once let go of (updateDerived)
	id  string
	raw []byte
	// A packed record's hosts, scripts and storage items.
	domains, scripts, storage int32
}

// ID is the vendor's id.
func (f *freshRecord) ID() string {
	if f.v != nil {
		return f.v.ID
	}
	return f.id
}

// counts are the record's hosts, scripts and storage items.
func (f *freshRecord) counts() (domains, scripts, storage int) {
	if f.v != nil {
		return len(f.v.Domains), len(f.v.Scripts), len(f.v.Storage)
	}
	return int(f.domains), int(f.scripts), int(f.storage)
}

// vendor is the record, decoded if it is packed (a copy of its own: the
// caller may keep it).
func (f *freshRecord) vendor(layer string) (*data.Vendor, error) {
	if f.v != nil || f.raw == nil {
		return f.v, nil
	}
	v, err := decodeRecord(layer, f.id, f.raw)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// decodeInto decodes the packed record into v.
func (f *freshRecord) decodeInto(layer string, v *data.Vendor) error {
	return decodeRecordInto(layer, f.id, f.raw, v)
}

// packAll packs recs, which are held, as JSON encoded on every core
// (marshalAll); each raw is what putLayer writes of it. A record whose
// JSON is no smaller than a Vendor stays held, but moved out of the
// reader's array of records (see pack): the Open Cookie Database's
// vendors, a list of cookies each whose texts the reader shares between
// rows, took more room packed than held.
func packAll(recs []freshRecord) {
	vs := make([]*data.Vendor, len(recs))
	for i := range recs {
		vs[i] = recs[i].v
	}
	raws := marshalAll(vs, nil)
	for i := range recs {
		v := recs[i].v
		if len(raws[i]) >= int(unsafe.Sizeof(*v)) {
			cp := *v
			recs[i].v = &cp
			continue
		}
		recs[i] = freshRecord{id: v.ID, raw: raws[i], domains: int32(len(v.Domains)), scripts: int32(len(v.Scripts)), storage: int32(len(v.Storage))}
	}
}

// unpacked is the record held as a vendor: decoded if it was packed, to
// be changed (a later record of the file joins it).
func (f *freshRecord) unpacked() (*data.Vendor, error) {
	if f.v == nil {
		v, err := f.vendor("")
		if err != nil {
			return nil, err
		}
		*f = freshRecord{v: v, id: v.ID}
	}
	return f.v, nil
}

// pack packs, in a large file, the new vendors resolved since it last
// did, but for those a later record has joined already (joined: they
// were cloned to be changed, and likely will be again) and those the
// catalogue had (an import changes them: the layer update merges them).
// A record a later one joins is unpacked again (add).
func (r *resolver) pack() {
	if !r.packing {
		return
	}
	var todo, held []int
	for i := r.packFrom; i < len(r.list); i++ {
		f := &r.list[i]
		if f.v == nil {
			continue
		}
		_, joined := r.joined[f.id]
		st, ok := r.existing[f.id]
		if joined || ok && st.v != nil || len(f.v.Storage) > 0 {
			// A vendor with storage items stays held: the Open Cookie
			// Database's (a cookie list each, texts shared between rows)
			// take more room packed, and most of them are joined.
			held = append(held, i)
			continue
		}
		todo = append(todo, i)
	}
	r.packFrom = len(r.list)
	if len(todo) == 0 {
		return // the chunk's array of records stays for those held anyway
	}
	for _, i := range held {
		// Moved out of the reader's array of records, which would
		// otherwise stay whole for it.
		cp := *r.list[i].v
		r.list[i].v = &cp
	}
	recs := make([]freshRecord, len(todo))
	for j, i := range todo {
		recs[j] = r.list[i]
	}
	packAll(recs)
	for j, i := range todo {
		r.list[i] = recs[j]
	}
}
