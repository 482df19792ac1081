// Package declare is a site's cookie declaration: every cookie and storage
// key the site sets, grouped by consent category, each with its provider,
// purpose, lifetime, kind, party and the provider's privacy policy. Build
// makes one from vendors' cards and what a scan saw; Markdown, HTML, CSV
// and JSON write it out, each escaping for its own target.
package declare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

// Declaration is what a cookie policy's table says. Its JSON field names
// are stable (vendex declare --format json).
type Declaration struct {
	Site   string  `json:"site"`
	Groups []Group `json:"groups"`
}

// Group is one consent category's cookies.
type Group struct {
	Category     string `json:"category"` // a slug; "unclassified" for those not yet classified
	Title        string `json:"title"`
	About        string `json:"about"`
	NeedsConsent bool   `json:"needs_consent"`
	Rows         []Row  `json:"rows"`
	// Unnamed are providers that set storage of this category but publish
	// no names for it: they are said, not left out.
	Unnamed []Provider `json:"providers_without_named_cookies,omitempty"`
}

// Row is one cookie or storage key, or one pattern of them.
type Row struct {
	Name     string   `json:"name"`
	Pattern  bool     `json:"pattern"` // Name holds '*' for any run of characters
	Kind     string   `json:"kind"`    // "HTTP cookie", "localStorage", "sessionStorage", "IndexedDB"
	Party    string   `json:"party,omitempty"`
	Provider Provider `json:"provider"`
	Purpose  string   `json:"purpose"`
	Lifetime string   `json:"lifetime"` // as declared; "session" for a session cookie
	Observed string   `json:"observed_lifetime,omitempty"`
	// Advice says what to do about a row nobody has classified.
	Advice string `json:"advice,omitempty"`
}

// Provider is who sets a cookie.
type Provider struct {
	ID            string `json:"id,omitempty"`
	Name          string `json:"name"`
	Owner         string `json:"owner,omitempty"`
	PrivacyPolicy string `json:"privacy_policy,omitempty"`
	Note          string `json:"note,omitempty"`
}

// Use is one vendor on the site: its card, and what a scan saw of it
// (nil when the declaration is made from a list of vendors, which declares
// every item of the card its script sets on a customer's site).
//
// A declaration made from evidence lists what the capture saw stored, and
// nothing it did not: a vendor seen with none of its cookies is named with
// NotSeenNote, its card's cookies are not listed as the site's.
// An item set on the vendor's own website (data.StorageItem.OwnSite) is
// never listed.
type Use struct {
	Vendor data.Vendor
	Seen   []Seen
}

// Seen is a cookie or key a scan saw. Item is the card's entry it matched
// (its name may be a pattern), or "" when the vendor's card does not list
// it.
type Seen struct {
	Name, Item, Kind, Party, Observed string
}

// Unknown is a cookie or key no vendor claims.
type Unknown struct {
	Name, Kind, Domain, Party, Observed string
}

// NotSeenNote is said of a vendor the capture saw (its requests) with
// none of the cookies its card names.
const NotSeenNote = "seen in the capture, but none of the cookies its card names was: check with a cookie export of the same visit ('vendex show' lists them)"

// noStorageNote is what a declaration says of a vendor on the site whose
// card names no cookie or storage key it sets there.
func noStorageNote(v data.Vendor, seen bool) string {
	var note string
	switch {
	case v.NamesNoStorage():
		note = "its card names no cookie or storage key it sets on the site yet, so what it stores is not listed: check the vendor's own cookie policy"
	case v.SetsCookies == data.No:
		note = "sets no cookies or storage on the site, its card says"
	default: // it sets cookies, or says it does, and names none
		note = "sets cookies; its card names none it sets on the site: check the vendor's own cookie disclosure"
	}
	if seen {
		return "seen in the capture; " + note
	}
	return note
}

// ImportedPurpose is the purpose a declaration gives an item that only an
// imported dataset describes (the Open Cookie Database's rows): never the
// dataset's own words.
const ImportedPurpose = "Not described in vendex's words: the name comes from an imported dataset; check the provider's cookie policy."

// UnknownAdvice is what to do about a cookie nobody has classified;
// OwnAdvice about one on the site's own domain that no vendor claims: the
// site's own code may set it, or a vendor's script, or a vendor's host
// the site names under its own domain (Webtrends' collector on
// wt.o.nytimes.com), so it says only that no card names it.
const (
	UnknownAdvice = "Find what sets it (the browser's developer tools show a cookie's domain; a HAR shows the Set-Cookie response), then classify it in a vendor file of your own (vendex import --user) or stop setting it."
	OwnAdvice     = "Set on the site's own domain under a name no card in the catalogue gives: the site's own code may set it, or a vendor's script or collection host working under the site's name. Find which, then say in your own words what it does and whether it is strictly necessary."
)

// AdviceNotes says to the site owner, once for each piece of advice, the
// items it is given for (Row.Advice): the Markdown and HTML pages a
// visitor reads leave it out (verify10: "Find which, then say in your own
// words..." stood in the visitor's cookie table), CSV and JSON keep it in
// its column, and vendex declare prints these on stderr.
func (d Declaration) AdviceNotes() []string {
	var order []string
	names := map[string][]string{}
	for _, g := range d.Groups {
		for _, r := range g.Rows {
			if r.Advice == "" {
				continue
			}
			if _, ok := names[r.Advice]; !ok {
				order = append(order, r.Advice)
			}
			names[r.Advice] = append(names[r.Advice], r.Name)
		}
	}
	notes := make([]string, len(order))
	for i, a := range order {
		n := names[a]
		what := fmt.Sprintf("%d items are", len(n))
		if len(n) == 1 {
			what = "1 item is"
		}
		shown := n
		if len(n) > 8 { // a long list is the declaration's to give
			shown = append(slices.Clip(n[:8]), fmt.Sprintf("%d more", len(n)-8))
		}
		notes[i] = fmt.Sprintf("%s declared as not known (%s): %s", what, data.JoinAnd(shown), a)
	}
	return notes
}

// Build makes the declaration of site from the vendors it uses and the
// cookies nobody claims.
func Build(site string, uses []Use, unknown []Unknown) Declaration {
	groups := map[data.Category]*Group{}
	group := func(c data.Category) *Group {
		g, ok := groups[c]
		if !ok {
			g = &Group{Category: c.Slug(), Title: c.Title(), About: c.About(), NeedsConsent: c.NeedsConsent(), Rows: []Row{}}
			if c == "" {
				g.Title = "Not yet classified"
			}
			groups[c] = g
		}
		return g
	}
	done := map[string]bool{}
	for _, u := range uses {
		v := u.Vendor.Cleaned()
		p := Provider{ID: v.ID, Name: v.Name, Owner: v.Owner, PrivacyPolicy: v.PrivacyPolicy}
		if p.Owner == p.Name {
			p.Owner = ""
		}
		if done[v.ID] {
			continue // a vendor named twice is declared once
		}
		done[v.ID] = true
		rows := rowsOf(v, u.Seen, p)
		for _, r := range rows {
			g := group(r.category)
			g.Rows = append(g.Rows, r.Row)
		}
		switch {
		case len(rows) > 0:
		case u.Seen != nil && slices.ContainsFunc(v.Storage, func(it data.StorageItem) bool { return !it.OwnSite }):
			p.Note = NotSeenNote
			g := group(v.Category)
			g.Unnamed = append(g.Unnamed, p)
		default:
			// Never silence: a vendor on the site is declared even when its
			// card names nothing it stores.
			p.Note = noStorageNote(v, u.Seen != nil)
			g := group(v.Category)
			g.Unnamed = append(g.Unnamed, p)
		}
	}
	for _, u := range unknown {
		g := group("")
		advice := UnknownAdvice
		if u.Party == string(data.FirstParty) {
			advice = OwnAdvice
		}
		g.Rows = append(g.Rows, Row{
			Name: data.CleanLine(u.Name), Kind: kindTitle(u.Kind), Party: partyOf(u.Party),
			Provider: Provider{Name: data.CleanLine(u.Domain)}, Purpose: "Not known.", Observed: data.CleanLine(u.Observed), Advice: advice,
		})
	}
	d := Declaration{Site: data.CleanLine(site), Groups: []Group{}}
	for _, c := range append(slices.Clone(data.Categories), "") {
		if g, ok := groups[c]; ok {
			sortRows(g.Rows)
			d.Groups = append(d.Groups, *g)
			delete(groups, c)
		}
	}
	// Categories an import brought that are not ours come last, by name.
	var rest []data.Category
	for c := range groups {
		rest = append(rest, c)
	}
	slices.Sort(rest)
	for _, c := range rest {
		sortRows(groups[c].Rows)
		d.Groups = append(d.Groups, *groups[c])
	}
	return d
}

type categorised struct {
	Row
	category data.Category
}

// rowsOf is a vendor's rows: what the scan saw of it (a pattern once,
// however many names it matched), or, when the scan saw none or there was
// no scan, every item its card declares.
func rowsOf(v data.Vendor, seen []Seen, p Provider) []categorised {
	// item is the card's item for what the scan saw, and its place in
	// v.Storage (-1 if the card has no such name). A card may list a name
	// twice, for each party (Webtrends' ACOOKIE on its collection domain
	// and under the site's) or for each kind (a cookie and a localStorage
	// key may share a name): the seen item's party and kind pick the
	// entry, else the first of the name.
	item := func(s Seen) (data.StorageItem, int) {
		at, score := -1, -1
		for i, it := range v.Storage {
			if it.Name != s.Item {
				continue
			}
			n := 0
			if s.Party != "" && string(it.Party) == s.Party {
				n += 2
			}
			if s.Kind != "" && string(it.Kind) == s.Kind {
				n++
			}
			if n > score {
				at, score = i, n
			}
		}
		if at < 0 {
			return data.StorageItem{}, -1
		}
		return v.Storage[at], at
	}
	// An item an imported dataset brought (at, its place in v.Storage)
	// has that dataset's words for a purpose: a declaration is the
	// site's to publish, and says so instead of copying them.
	row := func(it data.StorageItem, at int, party string) categorised {
		if at >= 0 && data.ImportedSource(v.StorageSource(at)) {
			it.Purpose = ImportedPurpose
		}
		c := it.Category
		if c == "" {
			c = v.Category
		}
		if party == "" {
			party = partyOf(string(it.Party))
		}
		return categorised{Row{
			Name: it.Name, Pattern: data.IsPattern(it.Name), Kind: kindTitle(string(it.Kind)), Party: party,
			Provider: p, Purpose: it.Purpose, Lifetime: it.Lifetime.String(),
		}, c}
	}
	var out []categorised
	done := map[string]int{}
	for _, s := range seen {
		it, at := item(s)
		ok := at >= 0
		if ok && s.Kind != "" && string(it.Kind) != s.Kind {
			// The name is the card's, for another kind of storage (a
			// cookie's name kept in localStorage): the purpose holds, the
			// lifetime is the kind's own.
			it.Kind, it.Lifetime = data.StorageKind(s.Kind), kindLifetime(s.Kind)
		}
		if !ok {
			// The scan gave the vendor a name its card does not list (by
			// its domain or setter): declared with the vendor's category.
			it = data.StorageItem{Name: data.CleanLine(s.Name), Kind: data.StorageKind(s.Kind), Purpose: "Not described by the vendor's card.", Category: v.Category}
		}
		key := it.Name + "\x00" + string(it.Kind)
		if i, ok := done[key]; ok {
			if out[i].Observed == "" {
				out[i].Observed = data.CleanLine(s.Observed)
			}
			continue
		}
		r := row(it, at, partyOf(s.Party))
		r.Observed = data.CleanLine(s.Observed)
		done[key] = len(out)
		out = append(out, r)
	}
	if seen == nil { // from a list of vendors: what their scripts set on a customer's site
		for i, it := range v.Storage {
			if !it.OwnSite {
				out = append(out, row(it, i, ""))
			}
		}
	}
	return out
}

// kindLifetime is how long a kind of storage keeps a key its vendor gives
// no lifetime for: localStorage and IndexedDB persistent (they keep a key
// until it is cleared), sessionStorage for the session.
func kindLifetime(kind string) data.Lifetime {
	switch kind {
	case "localStorage", "indexedDB":
		return data.Lifetime{Persistent: true}
	case "sessionStorage":
		return data.SessionLifetime
	}
	return data.Lifetime{}
}

func sortRows(rs []Row) {
	slices.SortStableFunc(rs, func(a, b Row) int {
		if c := strings.Compare(strings.ToLower(a.Provider.Name), strings.ToLower(b.Provider.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// kindTitle is a storage kind as a declaration names it.
func kindTitle(k string) string {
	switch k {
	case "cookie", "":
		return "HTTP cookie"
	case "indexedDB":
		return "IndexedDB"
	}
	return data.CleanLine(k)
}

// partyOf is "first party", "third party" or "" for a party's value.
func partyOf(p string) string { return data.Party(p).Title() }
