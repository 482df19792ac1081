package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// ImportOptions say what is being imported and how.
type ImportOptions struct {
	Format string // a data.Format name
	File   string // the file's base name, shown in provenance
	Hash   string // the file's SHA-256, hex: with Format, it names the layer
	// User puts the records in a user layer, above the embedded catalogue
	// (the user's own vendor files and corrections); otherwise they go in an
	// import layer, below it.
	User bool
	// DryRun works out the report and writes nothing.
	DryRun bool
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

	NewVendors []Change // each vendor the import creates
	// Joined counts records that joined an existing vendor, by the rule
	// that matched: "id", "name", "domain".
	Joined     map[string]int
	NewDomains []Change // each host a vendor gains
	NewCookies []Change // each storage item a vendor gains
	// Conflicts are facts the import disagrees on: a host another vendor
	// already covers (dropped), a category other than the catalogue's (kept
	// as a further category), a user file overriding a category.
	Conflicts []string
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

// String is the report as the import command prints it: counts, and the
// first few of each list.
func (r ImportReport) String() string {
	var b strings.Builder
	src := r.Layer.Format + " " + r.Layer.File
	if r.AlreadyImported {
		as := r.Layer.Name
		if r.File != "" && r.File != r.Layer.File {
			src, as = r.Layer.Format+" "+r.File, r.Layer.Name+" (from "+r.Layer.File+", the same content)"
		}
		fmt.Fprintf(&b, "%s: already imported as %s on %s; nothing changed\n", src, as, r.Layer.Added.Format("2006-01-02"))
		return b.String()
	}
	verb := "imported"
	if r.DryRun {
		verb = "dry run, nothing written; would import"
	}
	records := "records"
	if r.Records == 1 {
		records = "record"
	}
	fmt.Fprintf(&b, "%s: %s %d %s as %s (%s layer)\n", src, verb, r.Records, records, r.Layer.Name, r.Layer.Kind)
	list := func(title string, n int, item func(int) string) {
		fmt.Fprintf(&b, "  %s: %d", title, n)
		const show = 8
		for i := range min(n, show) {
			fmt.Fprintf(&b, "\n    %s", data.CleanLine(item(i)))
		}
		if n > show {
			fmt.Fprintf(&b, "\n    ... and %d more", n-show)
		}
		b.WriteByte('\n')
	}
	changes := func(title string, cs []Change) {
		list(title, len(cs), func(i int) string { return cs[i].String() })
	}
	changes("new vendors", r.NewVendors)
	fmt.Fprintf(&b, "  joined existing vendors: %d (by id %d, by name or alias %d, by domain %d)\n",
		r.JoinedTotal(), r.Joined["id"], r.Joined["name"], r.Joined["domain"])
	changes("new domains", r.NewDomains)
	changes("new cookies and storage keys", r.NewCookies)
	list("conflicts", len(r.Conflicts), func(i int) string { return r.Conflicts[i] })
	for _, e := range r.Earlier {
		fmt.Fprintf(&b, "  note: an earlier %s was imported on %s as %s; its facts stay beside these ('vendex forget %s' drops it)\n",
			e.File, e.Added.Format("2006-01-02"), e.Name, e.Name)
	}
	return b.String()
}

// LayerName is the layer an import of this file goes to: its kind, its
// format and the start of its hash, so that the same file always lands in
// the same layer and a second import of it changes nothing.
func LayerName(o ImportOptions) string {
	h := o.Hash
	if len(h) > 16 {
		h = h[:16]
	}
	if o.User {
		return KindUser + ":" + o.Format + ":" + h
	}
	return KindImport + ":" + o.Format + ":" + h
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
//     vendor with most of them; shared hosts do not count).
//
// Records earlier in the same file count as vendors too. Otherwise the
// record is a new vendor, with an id made from its name (data.Slug),
// suffixed -2, -3... if another vendor has it. In an import layer a host
// that another vendor already covers stays with that vendor: the record's
// claim is dropped and reported as a conflict. A user layer keeps every
// host, and wins lookups because it ranks first.
//
// Import takes records over: it changes them as it resolves them.
func (s *Store) Import(records []data.Vendor, o ImportOptions) (ImportReport, error) {
	if o.Format == "" || o.Hash == "" {
		return ImportReport{}, errors.New("import: the format and the file's hash are needed")
	}
	kind := KindImport
	if o.User {
		kind = KindUser
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	rep := ImportReport{
		DryRun:  o.DryRun,
		Records: len(records),
		Joined:  map[string]int{},
		File:    o.File,
		Layer:   LayerInfo{Name: LayerName(o), Kind: kind, Format: o.Format, File: o.File, Hash: o.Hash, Added: now},
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
		out, known, err := resolve(tx, records, &rep, o.User)
		if err != nil {
			return err
		}
		rep.Layer.Vendors = len(out)
		for _, v := range out {
			rep.Layer.Domains += len(v.Domains)
			rep.Layer.Storage += len(v.Storage)
		}
		if o.DryRun {
			return nil
		}
		return replaceLayerOf(tx, rep.Layer, out, known)
	})
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", o.File, err)
	}
	return rep, nil
}

// resolver answers "which vendor is this?" against the merged view and the
// records of the file read so far.
type resolver struct {
	tx                    *bolt.Tx
	layers                []layerRef
	brief, names, domains *bolt.Bucket
	localNames            map[string]string      // normalised name -> id
	localHosts            map[string]string      // host -> id
	out                   map[string]int         // id -> index in list
	list                  []*data.Vendor         // into the records resolved
	existing              map[string]stored      // vendors read from the file so far
	parentOwners          map[string]ownerAnswer // indexedOwner's answers for parent domains
	parentCurated         map[string][]string    // curatedClaims' answers for parent domains
	lastHost              string                 // domainClaims' last question...
	lastClaims            []byte                 // ...and answer
}

func (r *resolver) existingVendor(id string) *data.Vendor {
	if st, ok := r.existing[id]; ok {
		return st.v
	}
	var st stored
	if r.brief != nil && r.brief.Get([]byte(id)) != nil {
		st, _ = storedVendorAt(r.tx, r.layers, id)
	}
	r.existing[id] = st
	return st.v
}

func (r *resolver) addLocalName(n, id string) {
	if k := data.NormalizeName(n); k != "" {
		if _, ok := r.localNames[k]; !ok {
			r.localNames[k] = id
		}
	}
}

func (r *resolver) byName(n string) string {
	key := data.NormalizeName(n)
	if key == "" {
		return ""
	}
	if id, ok := r.localNames[key]; ok {
		return id
	}
	if r.names != nil {
		if raw := r.names.Get([]byte(key)); raw != nil {
			return nameWinner(raw)
		}
	}
	return ""
}

// owner is the vendor whose claim covers host (the longest claimed suffix,
// unshared claims only), or "".
func (r *resolver) owner(host string) string {
	// The suffixes of data.HostSuffixes, without allocating them: this runs
	// for every host of every record.
	for suffix := host; ; {
		if id, ok := r.localHosts[suffix]; ok {
			return id
		}
		if id, found := r.indexedOwner(suffix, suffix != host); found {
			return id
		}
		i := strings.IndexByte(suffix, '.')
		if i < 0 {
			return ""
		}
		suffix = suffix[i+1:]
	}
}

// curatedCover names a vendor of the user's files or of the embedded
// catalogue, other than id, that claims host or one of its parent domains
// (shared claims included), or "".
func (r *resolver) curatedCover(host, id string) string {
	if r.domains == nil {
		return ""
	}
	for suffix := host; ; {
		for _, c := range r.curatedClaims(suffix, suffix != host) {
			if c != id {
				return c
			}
		}
		i := strings.IndexByte(suffix, '.')
		if i < 0 {
			return ""
		}
		suffix = suffix[i+1:]
	}
}

// curatedClaims are the vendors of the user's files or of the embedded
// catalogue that claim host itself (no path); parent domains' answers are
// kept, as indexedOwner's are.
func (r *resolver) curatedClaims(host string, remember bool) []string {
	if ids, ok := r.parentCurated[host]; ok {
		return ids
	}
	var ids []string
	if raw := r.domainClaims(host); raw != nil {
		if cs, err := decodeClaims(raw); err == nil {
			for _, c := range cs {
				if c.rank < kindRank(KindImport) && c.Path == "" {
					ids = append(ids, c.ID)
				}
			}
		}
	}
	if remember {
		r.parentCurated[host] = ids
	}
	return ids
}

// indexedOwner answers owner for one suffix from the domain index: found
// is false when the index has no say on it. Parent domains (remember)
// recur across a file's records, so their answers are kept.
func (r *resolver) indexedOwner(suffix string, remember bool) (id string, found bool) {
	if r.domains == nil {
		return "", false
	}
	if a, ok := r.parentOwners[suffix]; ok {
		return a.id, a.found
	}
	if raw := r.domainClaims(suffix); raw != nil {
		if cs, err := decodeClaims(raw); err == nil {
			found = true // only shared claims: nobody's in particular
			for _, c := range cs {
				if c.Path == "" && !c.Shared {
					id = c.ID
					break
				}
			}
		}
	}
	if remember {
		r.parentOwners[suffix] = ownerAnswer{id, found}
	}
	return id, found
}

// domainClaims is the domain index's value for host. The last answer is
// kept: owner and then curatedCover ask for each record's host in turn.
func (r *resolver) domainClaims(host string) []byte {
	if host != r.lastHost || r.lastHost == "" {
		r.lastHost, r.lastClaims = host, r.domains.Get([]byte(host))
	}
	return r.lastClaims
}

type ownerAnswer struct {
	id    string
	found bool
}

func (r *resolver) taken(id string) bool {
	if _, ok := r.out[id]; ok {
		return true
	}
	return r.brief != nil && r.brief.Get([]byte(id)) != nil
}

// resolve changes records in place, and what it returns points into them:
// copying 100,000 records cost a tenth of a large import.
//
// It also returns the vendors it read from the file, for the layer update
// to use rather than read them again.
func resolve(tx *bolt.Tx, records []data.Vendor, rep *ImportReport, user bool) ([]*data.Vendor, map[string]stored, error) {
	ls, err := layerList(tx)
	if err != nil {
		return nil, nil, err
	}
	r := &resolver{
		tx: tx, layers: ls, brief: tx.Bucket(bucketBrief), names: tx.Bucket(bucketNames), domains: tx.Bucket(bucketDomains),
		// Sized for the file: growing maps of 100,000 keys is a tenth of resolving it.
		localNames: make(map[string]string, len(records)), localHosts: make(map[string]string, len(records)),
		out: make(map[string]int, len(records)), list: make([]*data.Vendor, 0, len(records)),
		existing: map[string]stored{}, parentOwners: map[string]ownerAnswer{}, parentCurated: map[string][]string{},
	}
	source := sourceLabel(rep.Layer)
	// The report's lists, sized for the most they can hold: a large file
	// adds 100,000 cookies.
	nd, ns := 0, 0
	for i := range records {
		nd, ns = nd+len(records[i].Domains), ns+len(records[i].Storage)
	}
	rep.NewVendors = make([]Change, 0, len(records))
	rep.NewDomains, rep.NewCookies = make([]Change, 0, nd), make([]Change, 0, ns)
	for i := range records {
		rec := &records[i]
		rec.Provenance = nil
		id, how, tcf := "", "", false
		if rec.ID != "" {
			if !data.ValidID(rec.ID) {
				return nil, nil, fmt.Errorf("record %d: malformed id %q", i, rec.ID)
			}
			id, how = rec.ID, "id"
		}
		if id == "" {
			// An IAB TCF vendor id is an id too: it outranks names, which
			// the IAB's own files spell differently.
			for _, a := range rec.Aliases {
				if strings.HasPrefix(a, data.IABAliasPrefix) {
					tcf = true
					if id = r.byName(a); id != "" {
						how = "id"
						break
					}
				}
			}
		}
		if id == "" {
			if id = r.byName(rec.Name); id != "" {
				how = "name"
			}
			for _, n := range rec.Aliases {
				if id != "" {
					break
				}
				if id = r.byName(n); id != "" {
					how = "name"
				}
			}
		}
		// A record with a TCF id that no vendor has does not join one by its
		// domains: OVK lists EMX Digital under aws.amazon.com alone, which
		// made Amazon a TCF vendor.
		if id == "" && !tcf {
			votes := map[string]int{}
			best := ""
			for _, d := range rec.Domains {
				if o := r.owner(d.Host); o != "" {
					votes[o]++
					if best == "" || votes[o] > votes[best] {
						best = o
					}
				}
			}
			if best != "" && 2*votes[best] >= len(rec.Domains) {
				id, how = best, "domain"
			}
		}
		old := (*data.Vendor)(nil)
		if id != "" {
			old = r.existingVendor(id)
		}
		if id == "" {
			id = newID(r, rec)
		}
		_, seen := r.out[id]
		isNew := old == nil && !seen
		if !isNew && old != nil && !seen {
			rep.Joined[how]++
		}
		rec.ID = id
		if old != nil && !user && rec.Name != "" && data.NormalizeName(rec.Name) != data.NormalizeName(old.Name) {
			// The source's own name for the vendor becomes an alias, so that
			// lookups by it find the vendor. The record keeps it as its name
			// too: the vendor's name stays the one of the layer that ranks
			// first, and if that layer is forgotten this one names it.
			if !data.ContainsFold(rec.Aliases, rec.Name) {
				rec.Aliases = append(rec.Aliases, rec.Name)
			}
		}
		// Hosts: an import never takes a host another vendor covers.
		kept := rec.Domains[:0:0]
		for _, d := range rec.Domains {
			o := r.owner(d.Host)
			if o == "" || o == id {
				// A host the catalogue or the user covers, even as a shared
				// host or through a parent domain, is not the import's to
				// give to another vendor.
				o = r.curatedCover(d.Host, id)
			}
			if o != "" && o != id && !user {
				rep.Conflicts = append(rep.Conflicts, fmt.Sprintf("%s: %s is %s's; not added to %s", source, d.Host, o, id))
				continue
			}
			kept = append(kept, d)
			if _, ok := r.localHosts[d.Host]; !ok {
				r.localHosts[d.Host] = id
				if old == nil || !data.HasDomain(old.Domains, d.Host) {
					rep.NewDomains = append(rep.NewDomains, Change{d.Host, id})
				}
			}
		}
		rec.Domains = kept
		prev, again := r.out[id] // an earlier record of the file is this vendor
		for _, st := range rec.Storage {
			if (old == nil || !data.HasStorage(old.Storage, st)) && (!again || !data.HasStorage(r.list[prev].Storage, st)) {
				rep.NewCookies = append(rep.NewCookies, Change{st.Name, id})
			}
		}
		if old != nil && rec.Category != "" && old.Category != "" && rec.Category != old.Category {
			if user {
				rep.Conflicts = append(rep.Conflicts, fmt.Sprintf("%s: %s's category changes from %s to %s", source, id, old.Category, rec.Category))
			} else {
				rep.Conflicts = append(rep.Conflicts, fmt.Sprintf("%s: says %s is %s; the catalogue's %s stands", source, id, rec.Category, old.Category))
			}
		}
		r.addLocalName(rec.Name, id)
		for _, n := range rec.Aliases {
			r.addLocalName(n, id)
		}
		if prev, ok := r.out[id]; ok {
			m := data.Merge([]data.SourcedVendor{{Source: source, Vendor: *r.list[prev]}, {Source: source, Vendor: *rec}})
			m.Provenance = nil
			*r.list[prev] = m
			continue
		}
		if isNew {
			rep.NewVendors = append(rep.NewVendors, Change{rec.Name, id})
		}
		r.out[id] = len(r.list)
		r.list = append(r.list, rec)
	}
	return r.list, r.existing, nil
}

// newID makes a stable id for a new vendor from its name (or, with no
// usable name, its first domain), suffixed -2, -3... when taken.
func newID(r *resolver, rec *data.Vendor) string {
	base := data.Slug(rec.Name)
	if base == "" && len(rec.Domains) > 0 {
		base = data.Slug(rec.Domains[0].Host)
	}
	if base == "" {
		base = "vendor"
	}
	id := base
	for n := 2; r.taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// ErrAmbiguous is wrapped when a name given to Forget matches more than one
// import.
var ErrAmbiguous = errors.New("matches more than one source")

// Forget removes one import or user layer, and so everything it added and
// nothing else. source is the layer's name, its file's name, or the start
// of its hash (at least 6 hex digits). The embedded catalogue cannot be
// forgotten.
func (s *Store) Forget(source string) (LayerInfo, error) {
	layers, err := s.Layers()
	if err != nil {
		return LayerInfo{}, err
	}
	var match []LayerInfo
	for _, li := range layers {
		if li.Name == source {
			match = []LayerInfo{li}
			break
		}
		if li.Kind != KindEmbedded && (li.File == source || (len(source) >= 6 && strings.HasPrefix(li.Hash, strings.ToLower(source)))) {
			match = append(match, li)
		}
	}
	switch {
	case len(match) == 0:
		return LayerInfo{}, fmt.Errorf("source %q: %w (vendex sources lists them)", source, ErrNotFound)
	case len(match) > 1:
		var names []string
		for _, m := range match {
			names = append(names, m.Name)
		}
		return LayerInfo{}, fmt.Errorf("source %q %w: %s; give the layer's name", source, ErrAmbiguous, strings.Join(names, ", "))
	case match[0].Kind == KindEmbedded:
		return LayerInfo{}, fmt.Errorf("source %q is the embedded catalogue, which cannot be forgotten", source)
	}
	if err := s.DeleteLayer(match[0].Name); err != nil {
		return LayerInfo{}, err
	}
	return match[0], nil
}

// SortedSources lists the layers in the order `vendex sources` shows them:
// precedence first, then the order they were added.
func SortedSources(ls []LayerInfo) []LayerInfo {
	out := append([]LayerInfo(nil), ls...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := kindRank(out[i].Kind), kindRank(out[j].Kind)
		if ri != rj {
			return ri < rj
		}
		return out[i].Added.Before(out[j].Added)
	})
	return out
}

// FreeRatio is the share of the file that bbolt holds as free pages: space
// an import's rebuild released and that the file, which never shrinks,
// keeps.
func (s *Store) FreeRatio() float64 {
	size := s.Size()
	if size == 0 {
		return 0
	}
	st := s.db.Stats()
	return float64(int64(st.FreePageN+st.PendingPageN)*int64(s.db.Info().PageSize)) / float64(size)
}

// Compact rewrites the file without its free pages when they make up at
// least minFree of it, by copying it into a temporary file beside it and
// renaming that over it; the store stays open on the new file. It reports
// the sizes before and after (equal when it did nothing). A failure before
// the rename leaves the file as it was.
func (s *Store) Compact(minFree float64) (before, after int64, err error) {
	before = s.Size()
	if s.readOnly {
		return before, before, ErrReadOnly
	}
	if s.FreeRatio() < minFree {
		return before, before, nil
	}
	tmp := s.path + ".compact"
	_ = os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o644, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	// Rename while still holding the old file's lock, so no other vendex
	// writes to it in between; then reopen the new file.
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return before, before, fmt.Errorf("compact %s: %w", s.path, err)
	}
	s.db.Close()
	db, err := bolt.Open(s.path, 0o644, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return before, s.Size(), openError(s.path, err)
	}
	s.db = db
	return before, s.Size(), nil
}
