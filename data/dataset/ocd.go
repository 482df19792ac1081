package dataset

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// Open Cookie Database "Category" column.
var ocdCategories = categoryTable{
	"functional": data.Functional, "marketing": data.Marketing, "analytics": data.Analytics,
	"security": data.StrictlyNecessary, "necessary": data.StrictlyNecessary,
	"personalization": data.Personalisation, "personalisation": data.Personalisation,
	"preferences": data.Functional,
}

// ocdRow is one Open Cookie Database record, as a CSV row or a JSON object.
type ocdRow struct {
	ID              string  `json:"id"`
	Platform        string  `json:"-"`
	Category        string  `json:"category"`
	Cookie          string  `json:"cookie"`
	Domain          string  `json:"domain"`
	Description     string  `json:"description"`
	RetentionPeriod string  `json:"retentionPeriod"`
	DataController  string  `json:"dataController"`
	PrivacyLink     string  `json:"privacyLink"`
	WildcardMatch   flexInt `json:"wildcardMatch"`
}

// flexInt reads 0/1 written as a number or a string ("0", "1", "").
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string " + string(b), Type: reflect.TypeOf(0)}
	}
	*f = flexInt(n)
	return nil
}

// ocdBuilder gathers Open Cookie Database rows into vendors, one row at a
// time, so that a large file need not be held as rows first: one record
// per Platform, the platform the vendor, the data controller its owner,
// each row a cookie (the database does not say which names are
// localStorage keys), the vendor's category the one most of its rows have.
type ocdBuilder struct {
	rd     *reader
	c      *collector
	counts map[*data.Vendor]*categoryCounts
	later  []*collector // the vendors of chunks read after c's, adopted
	// purposes holds each description once (intern).
	purposes map[string]string
	// A vendor's rows usually come together: the last row's platform and
	// domain, and what they gave, save normalising them again.
	lastPlatform, lastDomain string
	lastVendor               *data.Vendor
	lastHost                 string
	lastHostOK               bool
	// The last row's category and retention as written, and what they
	// mapped to: most rows repeat a few of each.
	lastRawCat, lastRetention string
	lastCat                   data.Category
	lastCatOK                 bool
	lastLifetime              data.Lifetime
	storage                   storageSets
}

func (rd *reader) newOCDBuilder() *ocdBuilder {
	return &ocdBuilder{rd: rd, c: newCollector(), counts: map[*data.Vendor]*categoryCounts{}, purposes: map[string]string{}, storage: storageSets{}}
}

// intern is a copy of s, one for every row that has the same: descriptions
// repeat ("Used by Google Analytics to ..."), and each copy would stay for
// as long as the records do.
func (ob *ocdBuilder) intern(s string) string {
	if t, ok := ob.purposes[s]; ok {
		return t
	}
	t := strings.Clone(s)
	ob.purposes[t] = t
	return t
}

// add files one row, found at line (a CSV file's) or path (a JSON file's).
func (ob *ocdBuilder) add(r *ocdRow, line int, path string) {
	c, counts := ob.c, ob.counts
	name := text(r.Cookie)
	if text(r.Platform) == "" || name == "" {
		ob.rd.warn(line, path, "skipped a row with no platform or no cookie name")
		return
	}
	v := ob.lastVendor
	if v == nil || r.Platform != ob.lastPlatform {
		v = c.get(r.Platform, r.Platform)
		ob.lastPlatform, ob.lastVendor = r.Platform, v
	}
	if v.Owner == "" {
		v.Owner = strings.Clone(text(r.DataController))
	}
	ocdLink(v, text(r.PrivacyLink))
	rawCat := text(r.Category)
	if rawCat != ob.lastRawCat || ob.lastRawCat == "" {
		ob.lastCat, ob.lastCatOK = ocdCategories[strings.ToLower(rawCat)]
		ob.lastRawCat = rawCat
	}
	cat, ok := ob.lastCat, ob.lastCatOK
	if !ok && rawCat != "" && !data.ContainsFold(v.SeenCategories, rawCat) {
		v.SeenCategories = append(v.SeenCategories, strings.Clone(rawCat))
	}
	if cat != "" {
		cs := counts[v]
		if cs == nil {
			cs = &categoryCounts{}
			counts[v] = cs
		}
		cs.add(cat)
	}
	if r.WildcardMatch == 1 && !strings.HasSuffix(name, "*") {
		name += "*"
	}
	if productRow(r) {
		// The platform stands (its owner, policy and category above);
		// the row names no cookie to add to it.
		ob.rd.warn(line, path, "%s: %s with lifetime %q describes the product, not a cookie; not imported as a cookie", v.Name, data.Quote(name), text(r.RetentionPeriod))
		return
	}
	if data.IsPattern(name) && data.ShortName(name) {
		// The OCD's _s*, SR*, CT*, tp*: every site's _session_id, SRV_ID
		// and CTX_token would be that vendor's.
		ob.rd.warn(line, path, "%s: the pattern %s is too short to tell the vendor's cookies from any other's; not imported", v.Name, data.Quote(name))
		return
	}
	if r.RetentionPeriod != ob.lastRetention || r.RetentionPeriod == "" {
		ob.lastLifetime, ob.lastRetention = data.ParseRetention(r.RetentionPeriod), r.RetentionPeriod
	}
	// A CSV row's fields share one string: a field kept as it is would
	// keep the whole row, ID and all, for as long as the records live.
	ob.storage.add(v, data.StorageItem{Kind: data.Cookie, Name: strings.Clone(name), Party: ocdParty(r), Lifetime: ob.lastLifetime, Purpose: ob.intern(text(r.Description)), Category: cat})
	if d := text(r.Domain); d != "" {
		if d != ob.lastDomain {
			ob.lastDomain = d
			ob.lastHost, ob.lastHostOK = importHost(d)
		}
		if h := ob.lastHost; ob.lastHostOK && !data.HasDomain(v.Domains, h) {
			v.Domains = append(v.Domains, data.Domain{Host: strings.Clone(h)})
		}
	}
}

// ocdParty is the party the OCD gives a row's cookie. Its Domain column
// names where the cookie is set: the vendor's own domain
// ("facebook.com (3rd party)", ".twitter.com", "events.newsroom.bi"),
// third party from any site that uses the vendor (X's auth_token on
// .twitter.com is not a site's own auth_token). With no domain, a
// description that calls it a first party cookie ("Our first party cookie
// set via headers") makes it first party; else the OCD does not say (its
// "third party" in a description is most often about other cookies:
// "checks whether third party cookies are accepted").
func ocdParty(r *ocdRow) data.Party {
	if text(r.Domain) != "" {
		return data.ThirdParty
	}
	d := strings.ToLower(text(r.Description))
	for _, w := range []string{"first party cookie", "first-party cookie", "1st party cookie"} {
		if strings.Contains(d, w) {
			return data.FirstParty
		}
	}
	return ""
}

// productRow reports whether r names a family of cookies it neither times
// nor places: a wildcard with no domain whose retention "varies". The OCD's
// six such rows describe the product ("Open-source privacy-friendly web
// analytics alternative.") and three are for analytics documented as
// cookieless (Plausible, Fathom, Umami): imported as cookies, they made
// those vendors set cookies.
func productRow(r *ocdRow) bool {
	return r.WildcardMatch == 1 && text(r.Domain) == "" && strings.EqualFold(text(r.RetentionPeriod), "varies")
}

// fold takes into ob's vendors what later, read from the rows after ob's,
// holds on the same platforms, as if ob had read those rows itself (ob's
// owner and policy stand; cookies and domains are added in order;
// category counts add up), and drops them from later. Later's other
// vendors become ob's, following its own, so that the rows of chunks read
// after later's fold into them too; fold says how many there were.
func (ob *ocdBuilder) fold(later *ocdBuilder) int {
	adopted := 0
	for k, lv := range later.c.byKey {
		v, ok := ob.c.byKey[k]
		if !ok {
			adopted++
			ob.c.byKey[k] = lv
			if cs := later.counts[lv]; cs != nil {
				ob.counts[lv] = cs
			}
			continue
		}
		if v.Owner == "" {
			v.Owner = lv.Owner
		}
		if v.PrivacyPolicy == "" {
			v.PrivacyPolicy = lv.PrivacyPolicy
		}
		if v.Website == "" {
			v.Website = lv.Website
		}
		for _, s := range lv.Sources {
			ocdLink(v, s.URL)
		}
		for _, sc := range lv.SeenCategories {
			if !data.ContainsFold(v.SeenCategories, sc) {
				v.SeenCategories = append(v.SeenCategories, sc)
			}
		}
		if cs := later.counts[lv]; cs != nil {
			mine := ob.counts[v]
			if mine == nil {
				mine = &categoryCounts{}
				ob.counts[v] = mine
			}
			for i := range cs {
				mine[i] += cs[i]
			}
			delete(later.counts, lv)
		}
		for _, st := range lv.Storage {
			ob.storage.add(v, st)
		}
		for _, d := range lv.Domains {
			if !data.HasDomain(v.Domains, d.Host) {
				v.Domains = append(v.Domains, d)
			}
		}
		*lv = data.Vendor{} // no name: chunks() leaves it out
	}
	ob.later = append(ob.later, later.c)
	return adopted
}

// chunks are the vendors built, in order, in the collectors' chunks.
func (ob *ocdBuilder) chunks() [][]data.Vendor {
	for v, cs := range ob.counts {
		setCategories(v, cs)
	}
	out := ob.c.chunks()
	for _, c := range ob.later {
		out = append(out, c.chunks()...)
	}
	return out
}

// categoryCounts counts a vendor's rows per category, in the order of
// Categories: an array, not a map, as there is one per vendor of a large
// file.
type categoryCounts [8]int

func (c *categoryCounts) add(cat data.Category) {
	for i, k := range data.Categories {
		if k == cat && i < len(c) {
			c[i]++
			return
		}
	}
}

// setCategories makes the most frequent category the vendor's and the
// others its further categories, in banner order on a tie.
func setCategories(v *data.Vendor, counts *categoryCounts) {
	type counted struct {
		cat data.Category
		n   int
	}
	var buf [len(categoryCounts{})]counted
	cs := buf[:0]
	for i, k := range data.Categories {
		if i < len(counts) && counts[i] > 0 {
			cs = append(cs, counted{k, counts[i]})
		}
	}
	switch len(cs) {
	case 0:
		return
	case 1:
		// Most vendors: nothing to sort.
		v.Category, v.Categories = cs[0].cat, []data.Category{}
		return
	}
	slices.SortStableFunc(cs, func(a, b counted) int { return b.n - a.n })
	v.Category = cs[0].cat
	v.Categories = make([]data.Category, len(cs)-1)
	for i, c := range cs[1:] {
		v.Categories[i] = c.cat
	}
}
