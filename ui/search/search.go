// Package search is the one vendor ranking, used by the browser's list and
// by `vendex search`: every name, alias and domain of every vendor is an
// entry of one fuzzy index (ui/fuzzy, sahilm/fuzzy's scores), a vendor ranks
// by its best entry, ties by name; a vendor the query names (its name, an
// alias or id, normalised as names are compared) ranks first, then those
// whose name or own alias the query starts as whole words, most loaded on
// the web first (a company's products: companyGroup); once imported
// datasets add vendors, a word that starts with the query ranks before a
// loose match, and in each group the catalogue's vendors come before those
// only imports know. An alias that only an import gives counts
// handicapPoints less than fuzzy scores it (handicapped), so a near match
// on the vendor's own name or the catalogue's aliases wins; every entry of
// a retired product is handicapped so, so that a live vendor matching as
// well or nearly leads.
package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/fuzzy"
)

// Field says which of a vendor's strings an entry is.
type Field uint8

// The fields a vendor is found by.
const (
	Name Field = iota
	Alias
	Domain
)

// Index is the search over vendors: every name, alias and domain is
// an entry of one fuzzy.Index, and a vendor ranks by its best entry.
type Index struct {
	vendors []data.Brief // sorted by name, cleaned for display
	byID    map[string]int
	// The entries are indexed on the first query, or by Prepare: the
	// first screen, every vendor by name, needs none of them.
	once sync.Once
	// fuzzy matches each entry's text folded (Fold: no accents); where
	// says which string of its vendor the entry is, shown as it is (hosts
	// in Unicode). An internationalised host has a second entry, its ASCII
	// form, so that either form finds it.
	fuzzy *fuzzy.Index
	owner []int32 // entry -> vendor
	where []entryRef
	// imported marks vendors that only imported datasets know; they list
	// after the curated ones.
	imported    []bool
	anyImported bool
	nImported   int // how many of imported are true
	// handicapped marks the entries that rank below their score
	// (handicap), nil when there are none.
	handicapped []bool
	// initials holds, for each entry, a bit for each letter or digit that
	// starts one of its words (data.WordPrefixFold's words), one for how
	// the entry itself starts (startBit) and hostEntry: most entries are
	// ruled out of a strong match, of being what the query names, or of
	// the company group (mayLead), by one AND.
	initials []uint64
}

// initialBit is the bit of initials for the byte c, or 0.
func initialBit(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (c - 'a')
	case 'A' <= c && c <= 'Z':
		return 1 << (c - 'A')
	case '0' <= c && c <= '9':
		return 1 << (26 + c - '0')
	}
	return 0
}

// wordBreak marks the bytes after which a word starts, as in
// data.WordPrefixFold.
var wordBreak = func() (t [256]bool) {
	for _, c := range []byte(" .-_(/,&:") {
		t[c] = true
	}
	return t
}()

// oddStart is startBit for an entry that starts with anything but an
// ASCII letter; hostEntry marks a host in Index.initials, which names no
// vendor (exactQuery).
const (
	oddStart  = 1 << 62
	hostEntry = 1 << 63
)

// startBit is the bit of initials for an entry that starts with c, above
// the bits of initialBit: its letter, or oddStart.
func startBit(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (36 + c - 'a')
	case 'A' <= c && c <= 'Z':
		return 1 << (36 + c - 'A')
	}
	return oddStart
}

func wordInitials(s string) uint64 {
	var m uint64
	if s != "" {
		m = startBit(s[0])
	}
	for i := 0; i < len(s); i++ {
		if i == 0 || wordBreak[s[i-1]] {
			m |= initialBit(s[i])
		}
	}
	return m
}

// NewBriefIndex indexes vendors' briefs, as the store keeps them (already
// cleaned). It orders bs by name in place, and keeps it.
func NewBriefIndex(bs []data.Brief) *Index {
	x := &Index{}
	permute(bs, nameOrdering(bs))
	x.vendors = bs
	x.imported = make([]bool, len(x.vendors))
	for i := range x.vendors {
		if x.imported[i] = x.vendors[i].Imported; x.imported[i] {
			x.nImported++
		}
	}
	x.anyImported = x.nImported > 0
	return x
}

// nameOrdering is the order of bs by compareNames, then by place: the
// index of the first vendor, then the second's... Vendors are ordered on
// the first 8 bytes of their lowered names, kept as a number (most names
// differ there), and only the names that share them are lowered whole; the
// keys hold no pointer, so that the sort's swaps need no write barrier and
// the collector never scans them.
func nameOrdering(bs []data.Brief) []int32 {
	type nameKey struct {
		prefix uint64
		i      int32
	}
	keys := make([]nameKey, len(bs))
	for i := range bs {
		keys[i] = nameKey{namePrefix(bs[i].Name), int32(i)}
	}
	keys = sortByPrefix(keys, func(k nameKey) uint64 { return k.prefix })
	// Then each run of one prefix by the whole rule, its names lowered
	// into one block.
	type tiedKey struct {
		off, end uint32 // the lowered name in the run's text
		i        int32
	}
	var buf []byte
	var run []tiedKey
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].prefix == keys[lo].prefix {
			hi++
		}
		if hi-lo > 1 {
			n := 0
			for _, k := range keys[lo:hi] {
				n += len(bs[k.i].Name)
			}
			buf, run = slices.Grow(buf[:0], n), slices.Grow(run[:0], hi-lo)
			for _, k := range keys[lo:hi] {
				off := len(buf)
				buf = appendNameOrder(buf, bs[k.i].Name)
				run = append(run, tiedKey{uint32(off), uint32(len(buf)), k.i})
			}
			prefix, text := keys[lo].prefix, unsafe.String(unsafe.SliceData(buf), len(buf))
			name := func(k tiedKey) data.SortKey { return data.SortKey{Prefix: prefix, Key: text[k.off:k.end]} }
			slices.SortFunc(run, func(a, b tiedKey) int {
				if c := compareNames(name(a), name(b), bs[a.i].ID, bs[b.i].ID); c != 0 {
					return c
				}
				return int(a.i - b.i)
			})
			for j := range run {
				keys[lo+j].i = run[j].i
			}
		}
		lo = hi
	}
	order := make([]int32, len(bs))
	for i, k := range keys {
		order[i] = k.i
	}
	return order
}

// namePrefix is the Prefix of nameOrder(name) without lowering the whole
// name when its first 8 bytes are ASCII, as nearly all are.
func namePrefix(name string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(name) {
			c := name[i]
			if c >= utf8.RuneSelf {
				return nameOrder(name).Prefix
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			p |= uint64(c)
		}
	}
	return p
}

// sortByPrefix orders keys by prefix(k), keeping the order of equal ones:
// a radix sort, a byte a pass from the last, which compares nothing and
// skips a byte all keys share. It returns keys or a slice of its own.
func sortByPrefix[K any](keys []K, prefix func(K) uint64) []K {
	if len(keys) < 2 {
		return keys
	}
	tmp := make([]K, len(keys))
	for shift := 0; shift < 64; shift += 8 {
		var at [257]int
		for _, k := range keys {
			at[byte(prefix(k)>>shift)+1]++
		}
		if at[byte(prefix(keys[0])>>shift)+1] == len(keys) {
			continue
		}
		for b := 1; b < len(at); b++ {
			at[b] += at[b-1]
		}
		for _, k := range keys {
			d := byte(prefix(k) >> shift)
			tmp[at[d]] = k
			at[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

// permute puts bs[order[i]] at i, in place: a second slice of briefs
// would double the browser's largest block while it starts. It spends
// order.
func permute(bs []data.Brief, order []int32) {
	for i := range order {
		if order[i] < 0 {
			continue
		}
		// Follow the cycle through i, moving each brief into its place.
		first, j := bs[i], int32(i)
		for {
			k := order[j]
			order[j] = -1
			if int(k) == i {
				bs[j] = first
				break
			}
			bs[j] = bs[k]
			j = k
		}
	}
}

// nameOrder is the key a vendor's name is ordered by: the name, lowered.
func nameOrder(name string) data.SortKey { return data.NewSortKey(strings.ToLower(name)) }

// appendNameOrder appends name lowered, as nameOrder lowers it, to b: an
// ASCII name without a copy of its own.
func appendNameOrder(b []byte, name string) []byte {
	n := len(b)
	b = append(b, name...)
	for i, c := range b[n:] {
		if c >= utf8.RuneSelf {
			return append(b[:n], strings.ToLower(name)...)
		}
		if 'A' <= c && c <= 'Z' {
			b[n+i] = c + 'a' - 'A'
		}
	}
	return b
}

// compareNames is the order of vendors in a list and among equal scores:
// by name, lowered (a and b, from nameOrder), then by id.
func compareNames(a, b data.SortKey, aID, bID string) int {
	if c := a.Compare(b); c != 0 {
		return c
	}
	return strings.Compare(aID, bID)
}

// Prepare indexes every name, alias and domain, if no query has yet, and
// ranks every one-letter query: the browser calls it once its first screen
// is drawn, so that the first keystroke does not wait for it. A one-off
// query (vendex search) needs only the entries.
func (x *Index) Prepare() {
	x.entries()
	x.fuzzy.Prepare()
}

// entries indexes every name, alias and domain, once.
func (x *Index) entries() { x.once.Do(x.build) }

func (x *Index) build() {
	n := 0
	for i := range x.vendors {
		v := &x.vendors[i]
		n += 1 + len(v.Aliases) + len(v.Hosts)
	}
	x.byID = make(map[string]int, len(x.vendors))
	entries := make([]string, 0, n)
	x.owner = make([]int32, 0, n)
	x.where = make([]entryRef, 0, n)
	for i := range x.vendors {
		v := &x.vendors[i]
		x.byID[v.ID] = i
		eachEntry(v, func(match, _ string, f Field, nth int, ascii bool) {
			if handicap(v, f, nth) {
				if x.handicapped == nil {
					x.handicapped = make([]bool, len(entries), n)
				}
				x.handicapped = append(x.handicapped, true)
			} else if x.handicapped != nil {
				x.handicapped = append(x.handicapped, false)
			}
			entries = append(entries, match)
			x.owner = append(x.owner, int32(i))
			x.where = append(x.where, entryRef{field: f, ascii: ascii, nth: uint32(nth)})
		})
	}
	x.fuzzy = fuzzy.NewIndex(entries)
	x.initials = make([]uint64, len(entries))
	for i, e := range entries {
		x.initials[i] = wordInitials(e)
		if x.where[i].field == Domain {
			x.initials[i] |= hostEntry
		}
	}
}

// eachEntry calls add with each string v is found by, in order: its name,
// aliases and hosts (a host in Unicode, then in ASCII if that differs),
// each folded for matching and as shown (entryRef.show), with which alias
// or host it is; an empty string is none.
func eachEntry(v *data.Brief, add func(match, show string, f Field, nth int, ascii bool)) {
	entry := func(match, show string, f Field, nth int, ascii bool) {
		if match != "" {
			add(data.Fold(match), show, f, nth, ascii)
		}
	}
	entry(v.Name, v.Name, Name, 0, false)
	for i, a := range v.Aliases {
		entry(a, a, Alias, i, false)
	}
	for i, h := range v.Hosts {
		u := data.UnicodeHost(h)
		entry(u, u, Domain, i, false)
		if u != h {
			entry(h, u, Domain, i, true)
		}
	}
}

// handicapPoints is what a handicapped entry (see handicap) counts less
// than fuzzy scores it: after importing the datasets,
// "analytics" matched Roistat's imported alias B-Analytics one point above
// Google Analytics' own analytics.js, and "goo" matched Google Analytics by
// its imported "Google AMP" six above its name. Two unmatched leading
// letters cost as much.
const handicapPoints = 10

// handicap reports whether v's entry (field f, the nth of its kind) ranks
// handicapPoints below its score:
//   - a host, or an alias written as one, unless it is the vendor's name
//     as a domain (namedHost): a vendor named for the query leads one
//     found by a host that matches as well or nearly ("analytics" listed
//     eGain, by analytics-egain.com, and Yahoo, by analytics.yahoo.com,
//     above Adobe Analytics), and a host that matches much better than any
//     name still leads;
//   - an alias that only imported datasets give;
//   - any entry of a retired product (Google Optimize, shut down in 2023,
//     led "goo" under the Analytics filter, six points above Google
//     Analytics).
func handicap(v *data.Brief, f Field, nth int) bool {
	switch {
	case v.Retired:
		return true
	case f == Domain:
		return !namedHost(v.Name, v.Hosts[nth])
	case f == Alias:
		a := v.Aliases[nth]
		return nth >= v.OwnAliases || data.HostLike(a) && !namedHost(v.Name, a)
	}
	return false
}

// namedHost reports whether host is a vendor's name as a domain: the
// name itself (many imported vendors are named by their domain), or a
// registrable domain whose label starts a word of the name (google.be of
// Google (account and platform)). Typing "google" looks for Google.
func namedHost(name, host string) bool {
	if strings.EqualFold(name, host) {
		return true
	}
	label, rest, ok := strings.Cut(host, ".")
	if !ok || !data.WordPrefixFold(name, label) {
		return false
	}
	// Right under a top-level domain, as most are, the host is a site (or
	// a suffix named for its vendor, as github.io is GitHub's) without
	// asking the suffix list.
	return !strings.Contains(rest, ".") || data.IsSite(host)
}

// rankScore is the score an entry ranks by: fuzzy's, less the handicap of
// an imported alias.
func rankScore(score int, handicapped bool) int {
	if handicapped {
		return score - handicapPoints
	}
	return score
}

// entryRef is where an entry comes from in its vendor's brief: a small
// number each, not a copy of the string, in an index of every name, alias
// and host.
type entryRef struct {
	field Field
	ascii bool // a host's ASCII form: its offsets do not point into the shown form
	nth   uint32
}

// show is the entry's text as shown, as eachEntry gives it.
func (r entryRef) show(v *data.Brief) string {
	switch r.field {
	case Alias:
		return v.Aliases[r.nth]
	case Domain:
		return data.UnicodeHost(v.Hosts[r.nth])
	}
	return v.Name
}

// Result is one vendor in a ranking: which vendor, and which entry matched.
// Small and free of pointers: a one-letter query at scale ranks tens of
// thousands of them, and only the rows on screen ever need their matched
// offsets (Index.Matched).
type Result struct {
	Vendor int32 // in Vendors
	Entry  int32 // the entry that matched, -1 without a query
	Score  int32 // fuzzy's score of that entry
	Field  Field // which of the vendor's strings the entry is
}

// Vendors is every vendor's brief, cleaned for display, in name order; a
// Result's Vendor indexes it. The slice is the index's own: read, never
// write.
func (x *Index) Vendors() []data.Brief { return x.vendors }

// ByID is the position in Vendors of the vendor with that id.
func (x *Index) ByID(id string) (int, bool) {
	x.entries()
	i, ok := x.byID[id]
	return i, ok
}

// Find ranks vendors for query: best entry score first, ties by name.
// An empty query lists every vendor by name. Rank does it lazily.
func (x *Index) Find(query string) []Result {
	if strings.TrimSpace(query) == "" {
		return x.curatedFirst()
	}
	return x.Rank(query).All()
}

// curatedFirst is every vendor by name, those that only imported datasets
// know after the ones the embedded catalogue or the user's files describe:
// the list with no query (Rank groups a query's matches, exact and strong
// ones first). Each is put in its place at once: the browser's first screen
// waits for it.
func (x *Index) curatedFirst() []Result {
	out := make([]Result, len(x.vendors))
	next := [2]int{0, len(x.vendors) - x.nImported}
	for i, imported := range x.imported {
		k := 0
		if imported {
			k = 1
		}
		out[next[k]] = Result{Vendor: int32(i), Entry: -1, Field: Name}
		next[k]++
	}
	return out
}

// exactQuery is a query as it names a vendor: a vendor one of whose names
// or aliases that match it is the query, normalised as names are compared
// (data.NormalizeName, accents folded), or whose id is the query made an id
// (data.Slug) ranks before any other: typing "ga", an alias of Google
// Analytics, lists it before the vendors "ga" starts a word of.
type exactQuery struct {
	name, id string
	// start rules out, by an entry's initials, one that does not start
	// as name does: with its first letter, or with something else.
	start uint64
}

func newExactQuery(query string) exactQuery {
	q := data.Fold(query)
	e := exactQuery{name: data.NormalizeName(q), id: data.Slug(q)}
	if e.name != "" {
		e.start = startBit(e.name[0]) | oddStart
	}
	return e
}

// entry reports whether the query names a vendor by a matching entry (its
// text folded) of field f.
func (q exactQuery) entry(folded string, f Field) bool {
	return data.SameName(folded, q.name) && f != Domain
}

// strongMatch reports whether a word of the folded entry starts with the
// folded query (not empty); initials are wordInitials(entry), which rule
// most entries out with one AND.
func strongMatch(entry string, initials uint64, query string) bool {
	bit := initialBit(query[0])
	switch {
	case bit != 0 && initials&bit == 0:
		return false // no word of the entry starts with the query's first letter
	case bit != 0 && len(query) == 1:
		return true
	}
	return data.WordPrefixFold(entry, query)
}

// Text is the string of r that matched: its entry, or the vendor's name.
func (x *Index) Text(r Result) string {
	if r.Entry < 0 {
		return x.vendors[r.Vendor].Name
	}
	x.entries()
	return x.where[r.Entry].show(&x.vendors[x.owner[r.Entry]])
}

// Matched is the byte offsets of the characters of r's entry that query
// matched, as fuzzy gives them.
func (x *Index) Matched(query string, r Result) []int {
	if r.Entry < 0 || strings.TrimSpace(query) == "" {
		return nil
	}
	x.entries()
	if x.where[r.Entry].ascii {
		return nil // the ASCII form matched: nothing of the shown form to mark
	}
	return unfoldOffsets(x.Text(r), x.fuzzy.MatchedIndexes(data.Fold(query), int(r.Entry)))
}
