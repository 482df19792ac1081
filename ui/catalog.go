package ui

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// Catalog is what the browser needs from the store; a *store.Store is one,
// and tests pass a fake.
type Catalog interface {
	All() ([]data.Vendor, error)
	ByDomain(data.Target) (store.DomainMatch, error)
}

// field says which of a vendor's strings an entry is.
type field uint8

const (
	fieldName field = iota
	fieldAlias
	fieldDomain
)

// vendorIndex is the search over vendors: every name, alias and domain is
// an entry of one SearchIndex, and a vendor ranks by its best entry.
type vendorIndex struct {
	vendors []data.Vendor // sorted by name, cleaned for display
	byID    map[string]int
	search  *SearchIndex
	owner   []int32 // entry -> vendor
	field   []field // entry -> which string it is
	// imported marks vendors that only imported datasets know; they list
	// after the curated ones.
	imported    []bool
	anyImported bool
	// initials holds, for each entry, a bit for each letter or digit that
	// starts one of its words (data.WordPrefixFold's words): most entries
	// are ruled out of a strong match by one AND.
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

func wordInitials(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		if i == 0 || wordBreak[s[i-1]] {
			m |= initialBit(s[i])
		}
	}
	return m
}

// newVendorIndex cleans every vendor's text (it comes from data files and
// imports, so it may hold terminal escapes) and indexes it.
func newVendorIndex(vs []data.Vendor) *vendorIndex {
	x := &vendorIndex{vendors: make([]data.Vendor, len(vs)), byID: make(map[string]int, len(vs))}
	var entries []string
	// Cleaning 37,000 vendors (every dataset imported) is most of the
	// indexing: on every core.
	workers := min(runtime.GOMAXPROCS(0), 1+len(vs)/2000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(vs); i += workers {
				x.vendors[i] = vs[i].Cleaned()
			}
		})
	}
	wg.Wait()
	// Entries in name order, so fuzzy's ties fall by name; each name
	// lowered once, not twice a comparison.
	lower := make([]string, len(x.vendors))
	order := make([]int, len(x.vendors))
	for i := range x.vendors {
		order[i], lower[i] = i, strings.ToLower(x.vendors[i].Name)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := strings.Compare(lower[a], lower[b]); c != 0 {
			return c
		}
		return strings.Compare(x.vendors[a].ID, x.vendors[b].ID)
	})
	sorted := make([]data.Vendor, len(order))
	for i, o := range order {
		sorted[i] = x.vendors[o]
	}
	x.vendors = sorted
	x.imported = make([]bool, len(x.vendors))
	for i := range x.vendors {
		x.imported[i] = x.vendors[i].FromImportsOnly()
		x.anyImported = x.anyImported || x.imported[i]
	}
	for i, v := range x.vendors {
		x.byID[v.ID] = i
		add := func(s string, f field) {
			if s == "" {
				return
			}
			entries = append(entries, s)
			x.owner = append(x.owner, int32(i))
			x.field = append(x.field, f)
		}
		add(v.Name, fieldName)
		for _, a := range v.Aliases {
			add(a, fieldAlias)
		}
		for _, d := range v.Domains {
			add(d.Host, fieldDomain)
		}
	}
	x.search = NewSearchIndex(entries)
	if x.anyImported {
		x.initials = make([]uint64, len(entries))
		for i, e := range entries {
			x.initials[i] = wordInitials(e)
		}
	}
	return x
}

// result is one vendor in the list: which vendor, and which entry matched
// (-1 when there is no query). Small and free of pointers: a one-letter
// query at scale ranks tens of thousands of them, and only the rows on
// screen ever need their matched offsets (vendorIndex.matched).
type result struct {
	vendor int32
	entry  int32
	score  int32
	field  field
}

// find ranks vendors for query: best entry score first, ties by name.
// An empty query lists every vendor by name.
func (x *vendorIndex) find(query string) []result {
	if strings.TrimSpace(query) == "" {
		out := make([]result, len(x.vendors))
		for i := range x.vendors {
			out[i] = result{vendor: int32(i), entry: -1, field: fieldName}
		}
		return x.curatedFirst(out, "")
	}
	r := x.search.FindRanked(query)
	seen := make([]bool, len(x.vendors))
	out := make([]result, 0, min(r.Len(), len(x.vendors)))
	// Entries come best first, ties in entry order; a vendor's entries sit
	// together and vendors are indexed in name order, so keeping each
	// vendor's first entry ranks vendors by best score, ties by name.
	for i := range r.Len() {
		e := r.Index(i)
		v := x.owner[e]
		if seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, result{vendor: v, entry: int32(e), score: int32(r.Score(i)), field: x.field[e]})
	}
	return x.curatedFirst(out, strings.TrimSpace(query))
}

// curatedFirst moves the vendors that only imported datasets know after
// the ones the embedded catalogue or the user's files describe, keeping the
// order within each: after importing Tracker Radar, "twi" should still put
// Twilio before thirty thousand loosely matching imported names. A vendor
// whose matched name, alias or domain has a word that starts with the
// query comes before both, though: "adara" finds the imported ADARA
// MEDIA UNLIMITED before the catalogue's Sportradar.
func (x *vendorIndex) curatedFirst(rs []result, query string) []result {
	if !x.anyImported {
		return rs
	}
	out := make([]result, 0, len(rs))
	strong := make([]bool, len(rs))
	if query != "" {
		bit := initialBit(query[0])
		for i, r := range rs {
			switch {
			case r.entry < 0:
			case bit != 0 && x.initials[r.entry]&bit == 0:
				// No word of the entry starts with the query's first letter.
			case bit != 0 && len(query) == 1:
				strong[i] = true
			default:
				strong[i] = data.WordPrefixFold(x.text(r), query)
			}
		}
	}
	for _, pass := range []struct{ strong, imported bool }{{true, false}, {true, true}, {false, false}, {false, true}} {
		for i, r := range rs {
			if strong[i] == pass.strong && x.imported[r.vendor] == pass.imported {
				out = append(out, r)
			}
		}
	}
	return out
}

// text is the string of r that matched: its entry, or the vendor's name.
func (x *vendorIndex) text(r result) string {
	if r.entry < 0 {
		return x.vendors[r.vendor].Name
	}
	return x.search.Entry(int(r.entry))
}

// matched is the byte offsets of the characters of r's entry that query
// matched, as fuzzy gives them.
func (x *vendorIndex) matched(query string, r result) []int {
	if r.entry < 0 || strings.TrimSpace(query) == "" {
		return nil
	}
	return x.search.MatchedIndexes(query, int(r.entry))
}

// ErrorText says what a store error means for the person at the terminal.
func ErrorText(err error) string {
	switch {
	case errors.Is(err, store.ErrLocked):
		return "The catalogue is locked by another vendex that is writing to it; try again in a moment."
	case errors.Is(err, store.ErrNewerSchema):
		return "The catalogue was written by a newer vendex; upgrade vendex to read it."
	case errors.Is(err, store.ErrNotFound):
		return "Not in the catalogue."
	}
	return "Could not read the catalogue: " + data.CleanLine(err.Error())
}

// The store is a Catalog.
var _ Catalog = (*store.Store)(nil)
