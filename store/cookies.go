package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// CookieMatch is one vendor's storage item that a name matches.
type CookieMatch struct {
	VendorID   string
	VendorName string
	// Category is the item's own category, or its vendor's where the card
	// gives the item none: a functional vendor's analytics cookie is
	// analytics.
	Category data.Category
	Item     data.StorageItem
	// Pattern reports that Item.Name is a wildcard pattern.
	Pattern bool
	// Source is the layer that recorded Item, as provenance names it:
	// data.EmbeddedSource, "user:FILE" or "import:FORMAT:FILE".
	Source string
	// SelfHosted reports that the vendor is software the site runs itself
	// (Django, Laravel): see data.Vendor.SelfHosted.
	SelfHosted bool
}

// Imported reports whether only an imported dataset recorded the item.
func (m CookieMatch) Imported() bool { return data.ImportedSource(m.Source) }

// ByCookie finds the vendors that set a cookie or storage key called name:
// what the catalogue and the user's files say before what imports say,
// then exact names before wildcard patterns (_hjSession_123 matches
// _hjSession_*), then the cookie's owner before a card that says it sets
// another product's cookie (Keywee's sp purpose names Snowplow, whose
// collector cookie sp is, so Snowplow answers first), then software the
// site runs itself before a company that uses the same name (a sessionid
// on a site is Django's before it is Instagram's, an XSRF-TOKEN the web
// framework card's before Wix's), then by vendor name.
func (s *Store) ByCookie(name string) ([]CookieMatch, error) {
	var all []CookieMatch
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		all, err = newCookieReader(tx).byCookie(name)
		return err
	})
	return all, err
}

// Cookies runs fn with a lookup that answers as ByCookie does, all in one
// read transaction: a batch of names (`vendex cookie -`) decodes each
// vendor it meets once, not once a name, and reads the patterns once. The
// lookup must not be used after fn returns.
func (s *Store) Cookies(fn func(byCookie func(name string) ([]CookieMatch, error)) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return fn(newCookieReader(tx).byCookie)
	})
}

// cookieReader answers cookie names in one transaction.
type cookieReader struct {
	tx      *bolt.Tx
	vendors map[string]*data.Vendor // decoded so far
	// patterns are the pattern index's keys and values, read on the
	// second name (a single name reads them as it goes).
	patterns []cookiePattern
	n        int
	name     string // the name being answered
	cookies  *bolt.Bucket
}

type cookiePattern struct {
	pattern string
	prefix  string // what comes before the first '*': a name without it cannot match
	raw     []byte // valid while the transaction is open
}

func newCookieReader(tx *bolt.Tx) *cookieReader {
	return &cookieReader{tx: tx, vendors: map[string]*data.Vendor{}}
}

// vendor is the vendor with this id, decoded once.
func (r *cookieReader) vendor(id string) (*data.Vendor, error) {
	if v, ok := r.vendors[id]; ok {
		return v, nil
	}
	v, err := getVendor(r.tx, id)
	if err != nil {
		return nil, err
	}
	r.vendors[id] = &v
	return &v, nil
}

func (r *cookieReader) resolve(raw []byte, pattern bool, out *[]CookieMatch) error {
	refs, err := decodeRefs(raw)
	if err != nil {
		return fmt.Errorf("%w: cookie index: %v", ErrCorrupt, err)
	}
	for _, ref := range refs {
		v, err := r.vendor(ref.ID)
		if err != nil {
			return err
		}
		if ref.Index < 0 || ref.Index >= len(v.Storage) {
			return fmt.Errorf("%w: cookie index points past vendor %s's storage", ErrCorrupt, data.Quote(ref.ID))
		}
		it := v.Storage[ref.Index]
		cat := it.Category
		if cat == "" {
			cat = v.Category
		}
		*out = append(*out, CookieMatch{VendorID: v.ID, VendorName: v.Name, Category: cat, Item: it, Pattern: pattern, Source: v.StorageSource(ref.Index), SelfHosted: v.SelfHosted()})
	}
	return nil
}

// eachPattern calls fn with each key and value of the pattern index.
func (r *cookieReader) eachPattern(fn func(pattern string, raw []byte) error) error {
	b := r.tx.Bucket(bucketPatterns)
	if b == nil {
		return nil
	}
	if r.n++; r.n == 1 {
		return b.ForEach(func(k, raw []byte) error { return fn(string(k), raw) })
	}
	if r.patterns == nil {
		r.patterns = []cookiePattern{}
		b.ForEach(func(k, raw []byte) error {
			prefix, _, _ := strings.Cut(string(k), "*")
			r.patterns = append(r.patterns, cookiePattern{string(k), prefix, raw})
			return nil
		})
	}
	for _, p := range r.patterns {
		if !strings.HasPrefix(r.name, p.prefix) {
			continue
		}
		if err := fn(p.pattern, p.raw); err != nil {
			return err
		}
	}
	return nil
}

func (r *cookieReader) byCookie(name string) ([]CookieMatch, error) {
	var exact, pats []CookieMatch
	r.name = name
	if r.cookies == nil {
		r.cookies = r.tx.Bucket(bucketCookies)
	}
	err := func() error {
		if b := r.cookies; b != nil {
			if raw := b.Get([]byte(name)); raw != nil {
				if err := r.resolve(raw, false, &exact); err != nil {
					return err
				}
			}
		}
		return r.eachPattern(func(pattern string, raw []byte) error {
			if data.MatchPattern(pattern, name) {
				return r.resolve(raw, true, &pats)
			}
			return nil
		})
	}()
	all := append(exact, pats...)
	type ranked struct {
		CookieMatch
		borrowed bool // see namesAnotherOwner
	}
	rs := make([]ranked, len(all))
	for i, m := range all {
		rs[i] = ranked{m, namesAnotherOwner(m, all)}
	}
	slices.SortStableFunc(rs, func(x, y ranked) int {
		return cmp.Or(falseFirst(x.Imported(), y.Imported()), falseFirst(x.Pattern, y.Pattern), falseFirst(x.borrowed, y.borrowed),
			falseFirst(!x.SelfHosted, !y.SelfHosted), strings.Compare(strings.ToLower(x.VendorName), strings.ToLower(y.VendorName)))
	})
	for i := range rs {
		all[i] = rs[i].CookieMatch
	}
	return all, err
}

// Believed is the claims of ms, ranked as ByCookie ranks them, that an
// answer goes by: the catalogue's and the user's files' when there is one,
// else the imported datasets'. An imported claim never takes a name from
// a curated one (README: lookups prefer what the catalogue and your files
// say over an imported claim), whatever other evidence points to it.
func Believed(ms []CookieMatch) []CookieMatch {
	if i := slices.IndexFunc(ms, CookieMatch.Imported); i > 0 {
		return ms[:i]
	}
	return ms
}

// falseFirst orders false before true.
func falseFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// namesAnotherOwner reports whether m's purpose names, as a whole word,
// another vendor that matched the same cookie: the card says it sets that
// vendor's cookie (a product built on the other's tracker), so the other
// is the cookie's owner.
func namesAnotherOwner(m CookieMatch, all []CookieMatch) bool {
	purpose := strings.ToLower(m.Item.Purpose)
	for _, o := range all {
		if o.VendorID != m.VendorID && o.VendorName != "" && containsWord(purpose, strings.ToLower(o.VendorName)) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in s with no letter or digit
// either side.
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = start + 1
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
