package data

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// SourcedVendor is one layer's record of a vendor, with the layer it came
// from ("user:vendors.json", "embedded", "import:tracker-radar:entities.json").
type SourcedVendor struct {
	Source string
	Vendor Vendor
}

// EmbeddedSource names the embedded catalogue in provenance records.
const EmbeddedSource = "embedded"

// CaptureSource is the provenance of a record a scan makes for a host no
// card names: it holds what the capture showed, and vouches for nothing
// else (permissions, storage).
const CaptureSource = "capture"

// ImportedSource reports whether a provenance source is an imported
// dataset's ("import:FORMAT:FILE"), not the embedded catalogue or the
// user's files.
func ImportedSource(source string) bool { return strings.HasPrefix(source, "import:") }

// UserSource reports whether a provenance source is one of the user's
// files ("user:FILE"): a fact the user wrote, not the catalogue's or a
// dataset's.
func UserSource(source string) bool { return strings.HasPrefix(source, "user:") }

// Traced is v with its Provenance filled as Merge fills it, every fact
// noted as source's, even when v is one layer's record alone (Merge notes
// none for the embedded catalogue's alone): what an exported card needs
// for an import to tell the catalogue's facts from the user's.
func Traced(v Vendor, source string) Vendor {
	if len(v.Provenance) > 0 {
		return v
	}
	m := merger{track: true}
	m.noteFirst(&v, source)
	out := cloneVendor(v)
	out.Provenance = m.prov
	return out
}

// mergeMapFrom is how many key comparisons a list merge may make along
// the lists before it finds the repeats in a map instead (fields_gen.go).
const mergeMapFrom = 256

// Merge combines the records of one vendor, given highest precedence first.
// The first record's facts stand; later records only fill fields it leaves
// empty and add list items it does not have (domains, scripts, storage
// keys, aliases, ...). They never overwrite. When more than one layer, or a
// layer other than the embedded catalogue, contributes, each domain,
// script, storage key, alias and category is recorded in Provenance.
// Each field's policy is its merge tag (see fields.go).
func Merge(records []SourcedVendor) Vendor {
	if len(records) == 0 {
		return Vendor{}
	}
	records = followUsersCategory(records)
	out := cloneVendor(records[0].Vendor)
	out.Provenance = nil
	m := merger{track: len(records) > 1 || records[0].Source != EmbeddedSource}
	m.noteFirst(&records[0].Vendor, records[0].Source)
	for i := range records[1:] {
		r := &records[1+i]
		m.mergeFields(&out, &r.Vendor, r.Source)
	}
	out.FillVerdicts()
	out.Provenance = m.prov
	return out
}

// followUsersCategory is records with the storage items of the layers
// below a user's file that changes the vendor's category following that
// category: an item that gave its layer's category for the vendor (Hotjar's
// _hjSession_* analytics, as Hotjar was) was the vendor's, and is the
// vendor's as the user files it (functional), in the cookie answers, the
// declaration and the banner alike; an item with a category of its own
// (Hotjar's functional _hjOptOut on an analytics card, Akamai's strictly
// necessary bot-manager cookies) keeps it. Only the records that change
// are copied, and only their storage.
func followUsersCategory(records []SourcedVendor) []SourcedVendor {
	cat := records[0].Vendor.Category
	if cat == "" || !UserSource(records[0].Source) {
		return records
	}
	var out []SourcedVendor
	for i := 1; i < len(records); i++ {
		r := &records[i].Vendor
		if r.Category == "" || r.Category == cat || !slices.ContainsFunc(r.Storage, func(st StorageItem) bool { return st.Category == r.Category }) {
			continue
		}
		if out == nil {
			out = slices.Clone(records)
		}
		st := slices.Clone(r.Storage)
		for j := range st {
			if st[j].Category == r.Category {
				st[j].Category = cat
			}
		}
		out[i].Vendor.Storage = st
	}
	if out == nil {
		return records
	}
	return out
}

// Clone is a deep copy of v: nothing of it shares memory with v.
func (v *Vendor) Clone() Vendor { return cloneVendor(*v) }

// Fill adds v's facts to dst as Merge adds a later record's (dst's stand,
// its lists gain what they lack), in place and noting no provenance: a
// file's later record of a vendor joining its earlier one. It appends to
// dst's lists, which must be dst's own (see Clone).
func Fill(dst, v *Vendor) {
	var m merger
	m.mergeFields(dst, v, "")
}

// merger gathers the Provenance of a merge, if it tracks one.
type merger struct {
	track bool
	prov  []Provenance
}

func (m *merger) note(field, value, source string) {
	if m.track {
		m.prov = append(m.prov, Provenance{Field: field, Value: value, Source: source})
	}
}

// noteFirst notes the first record's traced facts: its name, category
// and further categories, the items of the lists with a prov tag, and aliases, in that order.
func (m *merger) noteFirst(v *Vendor, src string) {
	if !m.track {
		return
	}
	m.note("name", v.Name, src)
	if v.Category != "" {
		m.note("category", string(v.Category), src)
	}
	for _, c := range v.Categories {
		m.note("categories", string(c), src)
	}
	m.noteLists(v, src)
	for _, a := range v.Aliases {
		m.note("aliases", a, src)
	}
	m.noteLinks(v, src)
}

// noteLinks notes a record's website and privacy policy: a link is a
// fact a declaration publishes, so `show` and an exported card say whose
// it is (an imported dataset's policy is the dataset's word, not ours).
func (m *merger) noteLinks(v *Vendor, src string) {
	if v.Website != "" {
		m.note("website", v.Website, src)
	}
	if v.PrivacyPolicy != "" {
		m.note("privacy_policy", v.PrivacyPolicy, src)
	}
}

// mergeCategory takes v's category where out has none; another one joins
// out's further categories.
func (m *merger) mergeCategory(out, v *Vendor, src string) {
	switch {
	case v.Category == "":
	case out.Category == "":
		out.Category = v.Category
		m.note("category", string(v.Category), src)
	case v.Category != out.Category && !hasCategory(out.Categories, v.Category):
		out.Categories = append(out.Categories, v.Category)
		m.note("categories", string(v.Category), src)
	}
}

func (m *merger) mergeCategories(out, v *Vendor, src string) {
	for _, c := range v.Categories {
		if c != out.Category && !hasCategory(out.Categories, c) {
			out.Categories = append(out.Categories, c)
			m.note("categories", string(c), src)
		}
	}
}

// mergeAliases adds v's aliases out lacks, ignoring case, other than its
// name.
func (m *merger) mergeAliases(out, v *Vendor, src string) {
	for _, a := range v.Aliases {
		if !ContainsFold(out.Aliases, a) && !strings.EqualFold(a, out.Name) {
			out.Aliases = append(out.Aliases, a)
			m.note("aliases", a, src)
		}
	}
}

// mergeWebsite and mergePrivacyPolicy fill an empty link, except on a
// card of software the site runs itself (SelfHosted): its provider is the
// site operator, whose own policy applies, and a dataset's link for the
// software (Microsoft's privacy page for ASP.NET, Django's i18n docs from
// a cookie row) would name someone else in a site's declaration.
func (m *merger) mergeWebsite(out, v *Vendor, src string) {
	if !out.SelfHosted() && out.Website == "" && v.Website != "" {
		out.Website = v.Website
		m.note("website", v.Website, src)
	}
}

// A privacy policy is its owner's: a record joined to the card whose owner
// is another company (Ghostery files Reinvigorate, which Disconnect lists
// under Webtrends, under Media Temple) does not give Webtrends Media
// Temple's policy, unless the policy is on a site the card already names
// (its website or a domain).
func (m *merger) mergePrivacyPolicy(out, v *Vendor, src string) {
	if !out.SelfHosted() && out.PrivacyPolicy == "" && v.PrivacyPolicy != "" &&
		(sameOwner(out.Owner, v.Owner) || linkOnCard(out, v.PrivacyPolicy)) {
		out.PrivacyPolicy = v.PrivacyPolicy
		m.note("privacy_policy", v.PrivacyPolicy, src)
	}
}

// mergeSetsCookies lets a known answer replace an unknown one.
func (m *merger) mergeSetsCookies(out, v *Vendor, _ string) {
	if (out.SetsCookies == "" || out.SetsCookies == Unknown) && v.SetsCookies != "" && v.SetsCookies != Unknown {
		out.SetsCookies = v.SetsCookies
	}
}

// mergeSources lists the same source from two records (the IAB list and a
// vendor info file both name "IAB TCF vendor 57") once, with what either
// says of it.
func (m *merger) mergeSources(out, v *Vendor, _ string) {
	for _, s := range v.Sources {
		if i := sameSource(out.Sources, s); i >= 0 {
			fill(&out.Sources[i].URL, s.URL)
			fill(&out.Sources[i].Checked, s.Checked)
			fill(&out.Sources[i].Note, s.Note)
			continue
		}
		out.Sources = append(out.Sources, s)
	}
}

// sameOwner reports whether two records' owners may be one company: one
// of them unknown, or the first word of each the same, ignoring case,
// punctuation and a leading "the" ("Google LLC" and "Google", not
// "Webtrends" and "Media Temple").
func sameOwner(a, b string) bool {
	first := func(s string) string {
		ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		if len(ws) > 1 && ws[0] == "the" {
			ws = ws[1:]
		}
		if len(ws) == 0 {
			return ""
		}
		return ws[0]
	}
	fa, fb := first(a), first(b)
	return fa == "" || fb == "" || fa == fb
}

// linkOnCard reports whether link is on the site of v's website or of one
// of its domains.
func linkOnCard(v *Vendor, link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Hostname() == "" {
		return false
	}
	site := Site(strings.ToLower(u.Hostname()))
	if site == "" {
		return false
	}
	if w, err := url.Parse(v.Website); err == nil && Site(strings.ToLower(w.Hostname())) == site {
		return true
	}
	return slices.ContainsFunc(v.Domains, func(d Domain) bool { return InDomain(d.Host, site) })
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// ContainsFold reports whether list has s, ignoring case.
func ContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func addStrings(dst, src []string) []string {
	for _, s := range src {
		if !ContainsFold(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

func hasCategory(list []Category, c Category) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// HasDomain reports whether list has host.
func HasDomain(list []Domain, host string) bool {
	for _, d := range list {
		if d.Host == host {
			return true
		}
	}
	return false
}

// StorageKey is what makes two storage items one: their kind and name.
type StorageKey struct {
	Kind StorageKind
	Name string
}

// Key is st's StorageKey.
func (st StorageItem) Key() StorageKey { return StorageKey{st.Kind, st.Name} }

// StorageSet is the keys of a list of storage items, for adding items to
// it once each in constant time: a vendor of thousands of cookies, joined
// a row at a time, would otherwise compare each row with every item.
type StorageSet map[StorageKey]struct{}

// NewStorageSet is the set of list's keys.
func NewStorageSet(list []StorageItem) StorageSet {
	s := make(StorageSet, 2*len(list))
	for _, st := range list {
		s[st.Key()] = struct{}{}
	}
	return s
}

// Add appends st to *list unless the set holds its key, as HasStorage
// would decide, and reports whether it did; the set keeps in step.
func (s StorageSet) Add(list *[]StorageItem, st StorageItem) bool {
	if _, ok := s[st.Key()]; ok {
		return false
	}
	s[st.Key()] = struct{}{}
	*list = append(*list, st)
	return true
}

// HasStorage reports whether list has an item of st's kind and name.
func HasStorage(list []StorageItem, st StorageItem) bool {
	for _, x := range list {
		if x.Kind == st.Kind && x.Name == st.Name { // st.Key(), field by field: a reader asks this of every item
			return true
		}
	}
	return false
}

// sameSource is the index in list of a source of the same name whose URL,
// if both have one, is the same; or -1.
func sameSource(list []Source, s Source) int {
	for i, x := range list {
		if x.Name == s.Name && (x.URL == s.URL || x.URL == "" || s.URL == "") {
			return i
		}
	}
	return -1
}

// FromImportsOnly reports whether every fact of a merged record came from
// imported datasets: neither the embedded catalogue nor the user's files
// know the vendor. Lists put such vendors after the curated ones.
func (v *Vendor) FromImportsOnly() bool {
	if len(v.Provenance) == 0 {
		return false // the embedded catalogue alone records no provenance
	}
	for _, p := range v.Provenance {
		if !ImportedSource(p.Source) {
			return false
		}
	}
	return true
}

// CategoriesByOrigin splits the further categories into the card's own
// (the embedded catalogue's or the user's) and those only an imported
// dataset added (its Provenance says so).
func (v *Vendor) CategoriesByOrigin() (own, imported []Category) {
	for _, c := range v.Categories {
		if slices.ContainsFunc(v.Provenance, func(p Provenance) bool {
			return p.Field == "categories" && p.Value == string(c) && ImportedSource(p.Source)
		}) {
			imported = append(imported, c)
		} else {
			own = append(own, c)
		}
	}
	return own, imported
}

// WordPrefixFold reports whether a word of s starts with q, ignoring
// case: "ADARA MEDIA" and "x-adara.com" have a word starting with
// "adara", "Sportradar" does not. Words start at the beginning and after
// a space or punctuation. Searches rank such a match above a looser one.
func WordPrefixFold(s, q string) bool {
	if q == "" || len(q) > len(s) {
		return false
	}
	ascii := true
	for i := 0; i < len(q); i++ {
		ascii = ascii && q[i] < 0x80 && !('A' <= q[i] && q[i] <= 'Z')
	}
	for i := 0; i+len(q) <= len(s); i++ {
		if i > 0 {
			switch s[i-1] {
			case ' ', '.', '-', '_', '(', '/', ',', '&', ':':
			default:
				continue
			}
		}
		if ascii {
			// The common case, checked on every result of a keystroke: a
			// lower-case ASCII query against s byte by byte.
			j := 0
			for ; j < len(q); j++ {
				c := s[i+j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if c != q[j] {
					break
				}
			}
			if j == len(q) {
				return true
			}
		} else if strings.EqualFold(s[i:i+len(q)], q) {
			return true
		}
	}
	return false
}
