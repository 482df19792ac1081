package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// ImportOptions say what is being imported and how.
type ImportOptions struct {
	Format string // a dataset.Format name
	File   string // the file's base name, shown in provenance
	Hash   string // the file's SHA-256, hex: with Format, it names the layer
	// User puts the records in a user layer, above the embedded catalogue
	// (the user's own vendor files and corrections); otherwise they go in an
	// import layer, below it.
	User bool
	// ObservedCookies says the records' cookies were seen set by a
	// company's scripts rather than declared vendor by vendor: a name the
	// user's files or the embedded catalogue give to another vendor is then
	// not added (a conflict), as a host they cover is never taken.
	ObservedCookies bool
	// DryRun works out the report and writes nothing.
	DryRun bool
	// Listed bounds the report's lists of what the import adds
	// (NewVendors, NewDomains, NewCookies) to their first Listed items;
	// zero lists them all. Added counts them whole either way: a report
	// that shows a few of each need not hold a large file's 180,000 of
	// each through the import.
	Listed int
	// Now stamps the layer; zero means the current time.
	Now time.Time
}

// ImportReport says what an import changed, or would change on a dry run.
type ImportReport struct {
	Layer           LayerInfo
	DryRun          bool
	AlreadyImported bool   // the same file was imported before: nothing changed
	File            string // the file as this import named it (Layer.File may be an earlier name)
	// Earlier are other imports of a file of the same name and format (an
	// older version of the dataset): their facts stand beside this one's.
	Earlier []LayerInfo
	Records int // records read from the file

	NewVendors []Change // each vendor the import creates (see ImportOptions.Listed)
	// Joined counts records that joined an existing vendor, by the rule
	// that matched: "id", "name", "domain".
	Joined map[string]int
	// Joins are those records, with the rule and what matched, for a
	// dry run to show.
	Joins      []Join
	NewDomains []Change // each host a vendor gains
	NewCookies []Change // each storage item a vendor gains
	Added      Added    // how many of each, listed or not
	// Conflicts are facts the import disagrees on: a host another vendor
	// already covers (dropped), a category other than the catalogue's (kept
	// as a further category), a user file overriding a category.
	Conflicts []string
}

// Added counts what an import adds: the report's NewVendors, NewDomains
// and NewCookies, whole.
type Added struct{ Vendors, Domains, Cookies int }

// Join is a record that joined an existing vendor: by which rule ("id",
// "name", "domain", "privacy policy") and on what (the name as compared,
// the hosts covered, the URL).
type Join struct {
	Record string // the record's name in the file
	ID     string // the vendor it joined
	How    string
	Why    string
}

// Records are a file's records as its reader hands them to Import: chunk
// by chunk, in the file's order, so that a reader need not gather them in
// one list (a copy of every record, at the moment they were most).
type Records struct {
	// Each calls yield with each chunk in turn and returns the first
	// error yield returns, or its own. Import calls it once at most.
	Each func(yield func(chunk []data.Vendor) error) error
	// N, Domains and Storage are how many records, hosts and storage
	// items Each hands over, or guesses (zero: none): they size what
	// resolving builds (growing maps of 100,000 keys was a tenth of it).
	N, Domains, Storage int
}

// RecordsOf is chunks as Records, counted.
func RecordsOf(chunks ...[]data.Vendor) Records {
	r := Records{Each: func(yield func([]data.Vendor) error) error {
		for i, c := range chunks {
			// Let go of once handed over: what resolving keeps of a
			// chunk it keeps itself (a large file's new vendors packed),
			// and the rest of the chunk goes.
			chunks[i] = nil
			if err := yield(c); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, c := range chunks {
		r.N += len(c)
		for i := range c {
			r.Domains, r.Storage = r.Domains+len(c[i].Domains), r.Storage+len(c[i].Storage)
		}
	}
	return r
}

// Change is one thing an import adds (a vendor, a host, a storage name)
// and the vendor it goes to. It is kept as two strings, not formatted, as
// a large import has 100,000.
type Change struct {
	What string // the vendor's name, the host, the storage name
	ID   string // the vendor's id
}

// String is "what (id)".
func (c Change) String() string { return c.What + " (" + c.ID + ")" }

// JoinedTotal is the number of records that joined existing vendors.
func (r ImportReport) JoinedTotal() int {
	n := 0
	for _, c := range r.Joined {
		n += c
	}
	return n
}

// LayerName is the layer an import of this file goes to: its kind, its
// format and the start of its hash, so that the same file always lands in
// the same layer and a second import of it changes nothing.
func LayerName(o ImportOptions) string {
	h := o.Hash
	if len(h) > 16 {
		h = h[:16]
	}
	return string(o.kind()) + ":" + o.Format + ":" + h
}

// kind is the kind of layer the import goes to.
func (o ImportOptions) kind() Kind {
	if o.User {
		return KindUser
	}
	return KindImport
}

// Import adds one file's records as a layer of their own, in one
// transaction: all of it lands or, on any error, none of it.
//
// Each record joins an existing vendor (in the merged view as it stands)
// when they are the same vendor, by the first of these rules that matches:
//  1. the record's id is a vendor's id (vendex JSON carries ids), or its
//     IAB TCF vendor id (an alias "IAB TCF vendor N") is a vendor's;
//  2. its normalised name, or one of its aliases, is a vendor's id, name or
//     alias (data.NormalizeName);
//  3. at least half of its domains fall under hosts one vendor claims (the
//     vendor with most of them; shared hosts do not count), or under hosts
//     the vendors of one owner claim (the one of them with most); a record
//     with a TCF id must also share a word of its name with the vendor;
//  4. its privacy policy URL is that of one vendor of the catalogue or of
//     the user's files (the IAB's list names policies, not domains).
//
// Records earlier in the same file count as vendors too. Otherwise the
// record is a new vendor, with an id made from its name (data.Slug),
// suffixed -2, -3... if another vendor has it. In an import layer a host
// that another vendor already covers stays with that vendor: the record's
// claim is dropped and reported as a conflict. A user layer keeps every
// host, and wins lookups because it ranks first.
//
// Import takes records over: it changes them as it resolves them, and
// resolves each chunk as records hands it over.
func (s *Store) Import(records Records, o ImportOptions) (ImportReport, error) {
	if o.Format == "" || o.Hash == "" {
		return ImportReport{}, errors.New("import: the format and the file's hash are needed")
	}
	kind := o.kind()
	now := o.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	rep := ImportReport{
		DryRun:  o.DryRun,
		Records: records.N, // counted as they are resolved
		Joined:  map[string]int{},
		File:    o.File,
		Layer:   LayerInfo{Name: LayerName(o), Kind: kind, Format: o.Format, File: o.File, Hash: o.Hash, Added: now},
	}
	// The records resolving reads, for the layer update to use again; a
	// batch's, which outlive this import.
	cache := s.cache
	if cache == nil {
		cache = newRecordCache()
	}
	run := s.update
	if o.DryRun {
		run = s.view
	}
	err := run(func(tx *bolt.Tx) error {
		if layers := tx.Bucket(bucketLayers); layers != nil {
			if lb := layers.Bucket([]byte(rep.Layer.Name)); lb != nil {
				rep.AlreadyImported = true
				if raw := lb.Get(keyInfo); raw != nil {
					_ = json.Unmarshal(raw, &rep.Layer)
				}
				return nil
			}
			ls, err := layerList(tx)
			if err != nil {
				return err
			}
			for _, l := range ls {
				if l.info.Kind == kind && l.info.Format == o.Format && l.info.File == o.File {
					rep.Earlier = append(rep.Earlier, l.info)
				}
			}
		}
		out, known, err := resolve(tx, records, &rep, o, cache)
		// The records are out's now: what held them in the reader's
		// chunks is let go of, so that each goes once it is written
		// (updateDerived).
		records = Records{}
		if err != nil {
			return err
		}
		rep.Layer.Vendors = len(out)
		for i := range out {
			d, _, st := out[i].counts()
			rep.Layer.Domains += d
			rep.Layer.Storage += st
		}
		if o.DryRun {
			return nil
		}
		return replaceLayerOf(tx, rep.Layer, out, known, cache, nil)
	})
	if err == nil && !o.DryRun {
		err = s.checkpoint()
	}
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", o.File, err)
	}
	return rep, nil
}
