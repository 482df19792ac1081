package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// One table per format maps the source's categories onto ours. Names not
// in a table are kept in Vendor.SeenCategories; names mapped to "" carry no
// consent meaning and are dropped.
var (
	// Open Cookie Database "Category" column.
	ocdCategories = categoryTable{
		"functional": Functional, "marketing": Marketing, "analytics": Analytics,
		"security": StrictlyNecessary, "necessary": StrictlyNecessary,
		"personalization": Personalisation, "personalisation": Personalisation,
		"preferences": Functional,
	}
	// third-party-web "category" (data/categories.json).
	tpwCategories = categoryTable{
		"ad": Marketing, "analytics": Analytics, "marketing": Marketing, "social": Marketing,
		"customer-success": Functional, "consent-provider": StrictlyNecessary,
		"tag-manager": Functional, "utility": Functional, "hosting": Functional,
		"content": Functional, "cdn": Functional, "video": Functional,
	}
	// Tracker Radar and the tracker blocklist "categories".
	trCategories = categoryTable{
		"advertising": Marketing, "ad motivated tracking": Marketing, "action pixels": Marketing,
		"third-party analytics marketing": Marketing, "social network": Marketing,
		"social - share": Marketing, "social - comment": Marketing,
		"analytics": Analytics, "audience measurement": Analytics, "session replay": Analytics,
		"ad fraud": StrictlyNecessary, "fraud prevention": StrictlyNecessary,
		"consent management platform": StrictlyNecessary, "federated login": StrictlyNecessary,
		"sso": StrictlyNecessary, "online payment": StrictlyNecessary,
		"embedded content": Functional, "cdn": Functional, "content delivery": Functional,
		"support chat widget": Functional, "tag manager": Functional, "badge": Functional,
		"non-tracking": "",
	}
	// Disconnect services.json categories.
	disconnectCategories = categoryTable{
		"advertising": Marketing, "social": Marketing, "email": Marketing, "emailaggressive": Marketing,
		"analytics": Analytics, "content": Functional,
		"consentmanagers": StrictlyNecessary, "anti-fraud": StrictlyNecessary,
	}
	// Ghostery trackerdb categories.
	ghosteryCategories = categoryTable{
		"advertising": Marketing, "pornvertising": Marketing, "social_media": Marketing,
		"site_analytics": Analytics, "consent": StrictlyNecessary,
		"audio_video_player": Functional, "customer_interaction": Functional,
		"hosting": Functional, "utilities": Functional,
	}
)

// tcfPurposeCategory maps IAB TCF purpose ids onto our categories. A vendor
// (or a disclosed storage item) takes the first of these, in this order,
// that it declares: advertising purposes (2, 3, 4) -> marketing; content
// personalisation (5, 6, 11) -> personalisation; measurement and research
// (7, 8, 9) -> analytics; developing products (10) and storing information
// (1) alone -> functional.
var tcfPurposeCategory = []struct {
	purposes []int
	category Category
}{
	{[]int{2, 3, 4}, Marketing},
	{[]int{5, 6, 11}, Personalisation},
	{[]int{7, 8, 9}, Analytics},
	{[]int{10, 1}, Functional},
}

var tcfPurposeNames = map[int]string{
	1: "store and/or access information on a device", 2: "use limited data to select advertising",
	3: "create profiles for personalised advertising", 4: "use profiles to select personalised advertising",
	5: "create profiles to personalise content", 6: "use profiles to select personalised content",
	7: "measure advertising performance", 8: "measure content performance",
	9: "understand audiences", 10: "develop and improve services", 11: "use limited data to select content",
}

func tcfCategory(purposes ...[]int) Category {
	for _, row := range tcfPurposeCategory {
		for _, ps := range purposes {
			for _, p := range ps {
				for _, want := range row.purposes {
					if p == want {
						return row.category
					}
				}
			}
		}
	}
	return ""
}

// collector gathers records by a key (a platform, an owner, a pattern) in
// the order first seen.
type collector struct {
	n     int // vendors handed out
	byKey map[string]*Vendor
	// Vendors are handed out in order from slabs, each twice the size of
	// the one before: one allocation for many vendors. When the first slab
	// holds them all it is the result as it stands, not copied.
	slab  []Vendor   // where the next vendors go
	slabs [][]Vendor // every slab made, in order
	last  int        // the size of the last
	first int        // the first slab's size, from reserve
}

// reserve makes the first slab room for n vendors: the caller's best
// guess. Too small costs a copy of every vendor at the end (with
// 100,000 vendors, a third of a second of write barriers); too large
// costs zeroed memory.
func (c *collector) reserve(n int) {
	if c.n == 0 && n > 0 {
		c.first = n
		c.byKey = make(map[string]*Vendor, n)
	}
}

func newCollector() *collector { return &collector{byKey: map[string]*Vendor{}} }

func (c *collector) get(key, name string) *Vendor {
	return c.getNormal(NormalizeName(key), name)
}

// getNormal is get of a key already normalised.
func (c *collector) getNormal(k, name string) *Vendor {
	if v, ok := c.byKey[k]; ok {
		return v
	}
	if len(c.slab) == 0 {
		size := max(256, 2*c.last)
		if len(c.slabs) == 0 && c.first > 0 {
			size = c.first
		}
		c.slab = make([]Vendor, size)
		c.slabs = append(c.slabs, c.slab)
		c.last = size
	}
	v := &c.slab[0]
	c.slab = c.slab[1:]
	v.Name = text(name)
	c.byKey[k] = v
	c.n++
	return v
}

func (c *collector) vendors() []Vendor {
	n := c.n
	if len(c.slabs) == 1 {
		first := c.slabs[0]
		out := first[:0:n]
		for i := range first[:n] {
			switch {
			case first[i].Name == "":
			case len(out) == i:
				out = out[:i+1] // already in place
			default:
				out = append(out, first[i])
			}
		}
		return out
	}
	out := make([]Vendor, 0, n)
	for _, slab := range c.slabs {
		for i := range slab[:min(n, len(slab))] {
			if slab[i].Name != "" {
				out = append(out, slab[i])
			}
		}
		n -= min(n, len(slab))
	}
	return out
}

// vendex reads vendex's own JSON, strictly (unknown fields are errors), and
// checks what the store relies on: ids, enums and hosts.
func (rd *reader) vendex(b []byte) ([]Vendor, error) {
	vs, err := DecodeVendors(bytes.NewReader(b))
	if err != nil {
		var je *JSONError
		if errors.As(err, &je) {
			return nil, rd.fail(je.Line, je.Path, je.Err)
		}
		return nil, &ImportError{File: rd.file, Err: err}
	}
	list := bytes.HasPrefix(bytes.TrimSpace(b), []byte("["))
	for i := range vs {
		v := &vs[i]
		at := ""
		if list {
			at = fmt.Sprintf("[%d]", i)
		}
		bad := func(field, format string, args ...any) error {
			return rd.fail(0, strings.TrimPrefix(at+"."+field, "."), fmt.Errorf(format, args...))
		}
		if v.ID != "" && !ValidID(v.ID) {
			return nil, bad("id", "malformed id %q: use lower-case letters, digits and hyphens", v.ID)
		}
		if v.ID == "" && strings.TrimSpace(v.Name) == "" {
			return nil, bad("id", "a vendor needs an id or a name")
		}
		if v.Category != "" && !v.Category.Valid() {
			return nil, bad("category", "unknown category %q (want one of %s)", v.Category, categoryList())
		}
		for j, c := range v.Categories {
			if !c.Valid() {
				return nil, bad(fmt.Sprintf("categories[%d]", j), "unknown category %q", c)
			}
		}
		if v.SetsCookies != "" && !v.SetsCookies.Valid() {
			return nil, bad("sets_cookies", "want yes, no or unknown, got %q", v.SetsCookies)
		}
		for _, f := range []struct {
			name string
			vd   Verdict
		}{{"consent_required", v.ConsentRequired}, {"block_before_consent", v.BlockBeforeConsent}} {
			if f.vd.Value != "" && !f.vd.Value.Valid() {
				return nil, bad(f.name+".value", "want yes, no or conditional, got %q", f.vd.Value)
			}
		}
		for j, d := range v.Domains {
			h, err := NormalizeHost(d.Host)
			if err != nil {
				return nil, bad(fmt.Sprintf("domains[%d].host", j), "malformed domain %q", d.Host)
			}
			v.Domains[j].Host = h
		}
		for j, st := range v.Storage {
			if !st.Kind.Valid() {
				return nil, bad(fmt.Sprintf("storage[%d].kind", j), "unknown storage kind %q", st.Kind)
			}
			if strings.TrimSpace(st.Name) == "" {
				return nil, bad(fmt.Sprintf("storage[%d].name", j), "missing name")
			}
		}
		v.Provenance = nil // the store writes provenance; a file cannot claim it
	}
	return vs, nil
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

// ocd turns Open Cookie Database rows into one record per Platform: the
// platform is the vendor, the data controller its owner, each row a
// cookie (the database does not say which names are localStorage keys).
// The vendor's category is the one most of its rows have.
func (rd *reader) ocd(rows []ocdRow, paths []string) []Vendor {
	ob := rd.newOCDBuilder()
	ob.c.reserve(len(rows))
	for i := range rows {
		ob.add(&rows[i], 0, paths[i])
	}
	return ob.vendors()
}

// ocdBuilder gathers Open Cookie Database rows into vendors, one row at a
// time, so that a large CSV file need not be held as rows first.
type ocdBuilder struct {
	rd     *reader
	c      *collector
	counts map[*Vendor]*categoryCounts
	// A vendor's rows usually come together: the last row's platform and
	// domain, and what they gave, save normalising them again.
	lastPlatform, lastDomain string
	lastVendor               *Vendor
	lastHost                 string
	lastHostOK               bool
	// The last row's category and retention as written, and what they
	// mapped to: most rows repeat a few of each.
	lastRawCat, lastRetention string
	lastCat                   Category
	lastCatOK                 bool
	lastLifetime              Lifetime
}

func (rd *reader) newOCDBuilder() *ocdBuilder {
	return &ocdBuilder{rd: rd, c: newCollector(), counts: map[*Vendor]*categoryCounts{}}
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
		v.Owner = text(r.DataController)
	}
	if v.PrivacyPolicy == "" {
		if u := text(r.PrivacyLink); strings.HasPrefix(u, "http") {
			v.PrivacyPolicy = u
		}
	}
	rawCat := text(r.Category)
	if rawCat != ob.lastRawCat || ob.lastRawCat == "" {
		ob.lastCat, ob.lastCatOK = ocdCategories[strings.ToLower(rawCat)]
		ob.lastRawCat = rawCat
	}
	cat, ok := ob.lastCat, ob.lastCatOK
	if !ok && rawCat != "" && !ContainsFold(v.SeenCategories, rawCat) {
		v.SeenCategories = append(v.SeenCategories, rawCat)
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
	if r.RetentionPeriod != ob.lastRetention || r.RetentionPeriod == "" {
		ob.lastLifetime, ob.lastRetention = parseRetention(r.RetentionPeriod), r.RetentionPeriod
	}
	addStorage(v, StorageItem{Kind: Cookie, Name: name, Lifetime: ob.lastLifetime, Purpose: text(r.Description), Category: cat})
	if d := text(r.Domain); d != "" {
		if d != ob.lastDomain {
			ob.lastDomain = d
			ob.lastHost, ob.lastHostOK = importHost(d)
		}
		if h := ob.lastHost; ob.lastHostOK && !HasDomain(v.Domains, h) {
			v.Domains = append(v.Domains, Domain{Host: h})
		}
	}
}

// fold takes into ob's vendors what later, read from the rows after ob's,
// holds on the same platforms, as if ob had read those rows itself (ob's
// owner and policy stand; cookies and domains are added in order;
// category counts add up), and drops them from later: later's other
// vendors then follow ob's.
func (ob *ocdBuilder) fold(later *ocdBuilder) {
	for k, lv := range later.c.byKey {
		v, ok := ob.c.byKey[k]
		if !ok {
			continue
		}
		if v.Owner == "" {
			v.Owner = lv.Owner
		}
		if v.PrivacyPolicy == "" {
			v.PrivacyPolicy = lv.PrivacyPolicy
		}
		for _, sc := range lv.SeenCategories {
			if !ContainsFold(v.SeenCategories, sc) {
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
			addStorage(v, st)
		}
		for _, d := range lv.Domains {
			if !HasDomain(v.Domains, d.Host) {
				v.Domains = append(v.Domains, d)
			}
		}
		*lv = Vendor{} // no name: vendors() leaves it out
	}
}

func (ob *ocdBuilder) vendors() []Vendor {
	for v, cs := range ob.counts {
		setCategories(v, cs)
	}
	return ob.c.vendors()
}

// categoryCounts counts a vendor's rows per category, in the order of
// Categories: an array, not a map, as there is one per vendor of a large
// file.
type categoryCounts [8]int

func (c *categoryCounts) add(cat Category) {
	for i, k := range Categories {
		if k == cat && i < len(c) {
			c[i]++
			return
		}
	}
}

// setCategories makes the most frequent category the vendor's and the
// others its further categories, in banner order on a tie.
func setCategories(v *Vendor, counts *categoryCounts) {
	type counted struct {
		cat Category
		n   int
	}
	var buf [len(categoryCounts{})]counted
	cs := buf[:0]
	for i, k := range Categories {
		if i < len(counts) && counts[i] > 0 {
			cs = append(cs, counted{k, counts[i]})
		}
	}
	switch len(cs) {
	case 0:
		return
	case 1:
		// Most vendors: nothing to sort.
		v.Category, v.Categories = cs[0].cat, []Category{}
		return
	}
	slices.SortStableFunc(cs, func(a, b counted) int { return b.n - a.n })
	v.Category = cs[0].cat
	v.Categories = make([]Category, len(cs)-1)
	for i, c := range cs[1:] {
		v.Categories[i] = c.cat
	}
}

// ocdCSV reads the Open Cookie Database CSV (header: ID, Platform,
// Category, Cookie / Data Key name, Domain, Description, Retention period,
// Data Controller, User Privacy & GDPR Rights Portals, Wildcard match);
// columns are found by header name, so their order may change.
//
// A large file is read in two halves at once, split at a row boundary,
// and the second half's vendors are folded into the first's as if it had
// been read after it: the same records, warnings and first error as one
// pass, in about half the time on two cores.
func (rd *reader) ocdCSV(b []byte) ([]Vendor, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	header, err := cr.Read()
	if err != nil {
		return nil, rd.csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	need := []string{"platform", "category", "cookie / data key name"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, rd.fail(1, "", fmt.Errorf("missing column %q (the header has %s)", n, strings.Join(header, ", ")))
		}
	}
	body := b[cr.InputOffset():]
	cols := ocdColumns{header: header, clean: noEscapes(b)}
	// Each column's index, looked up once rather than once a row; -1 for
	// a column the file lacks.
	for i, name := range ocdColumnNames {
		cols.at[i] = -1
		if c, ok := col[name]; ok {
			cols.at[i] = c
		}
	}
	// How many rows a platform has, from the first rows: it sizes the
	// vendor slabs, and says whether reading in halves pays (folding the
	// second half's vendors in costs as much as reading them when each
	// row is a vendor of its own).
	perVendor := sampleRowsPerVendor(body, &cols)
	parts := [][]byte{body}
	if cut := csvSplit(body); cut > 0 && perVendor >= csvSplitPerVendor {
		parts = [][]byte{body[:cut], body[cut:]}
	}
	type result struct {
		ob  *ocdBuilder
		rd  *reader
		err error
	}
	results := make([]result, len(parts))
	var wg sync.WaitGroup
	line := 2 // the header is line 1
	for i, part := range parts {
		first := line
		line += bytes.Count(part, []byte{'\n'})
		prd := &reader{file: rd.file}
		rows := bytes.Count(part, []byte{'\n'}) + 1
		vendors := min(rows, int(float64(rows)/perVendor*1.25)+256)
		wg.Go(func() {
			ob, err := prd.ocdCSVRows(part, first, &cols, vendors)
			results[i] = result{ob, prd, err}
		})
	}
	wg.Wait()
	for _, r := range results {
		if r.err != nil {
			// Warnings about rows before the error go, as they did when
			// every row was read before any was used.
			return nil, r.err
		}
	}
	if len(results) == 1 {
		rd.warnings = append(rd.warnings, results[0].rd.warnings...)
		return results[0].ob.vendors(), nil
	}
	first, second := results[0], results[1]
	rd.warnings = append(append(rd.warnings, first.rd.warnings...), second.rd.warnings...)
	first.ob.fold(second.ob)
	va, vb := first.ob.vendors(), second.ob.vendors()
	return append(append(make([]Vendor, 0, len(va)+len(vb)), va...), vb...), nil
}

// ocdColumnNames are the OCD CSV columns vendex reads, in ocdColumns.at
// order.
var ocdColumnNames = [...]string{"id", "platform", "category", "cookie / data key name", "domain", "description",
	"retention period", "data controller", "user privacy & gdpr rights portals", "wildcard match"}

const (
	colID = iota
	colPlatform
	colCategory
	colCookie
	colDomain
	colDescription
	colRetention
	colController
	colPrivacy
	colWildcard
)

type ocdColumns struct {
	header []string
	at     [len(ocdColumnNames)]int
	clean  bool // noEscapes holds for the whole file
}

// csvMinSplit is the smallest CSV body read in two halves, and
// csvSplitPerVendor the fewest rows a platform must average for it
// (variables so that tests can read any file both ways).
var (
	csvMinSplit       = 1 << 20
	csvSplitPerVendor = 2.0
)

// csvSplit is where to cut a CSV body into two halves of about the same
// size, at the start of a row (not inside a quoted field), or 0 if it is
// too small to be worth it.
func csvSplit(body []byte) int {
	if len(body) < csvMinSplit {
		return 0
	}
	mid := len(body) / 2
	// Quotes come in pairs ("" escapes one inside a quoted field): an
	// even number of them before a newline puts it outside any field.
	quotes := bytes.Count(body[:mid], []byte{'"'})
	for i := mid; i < len(body); i++ {
		switch body[i] {
		case '"':
			quotes++
		case '\n':
			if quotes%2 == 0 && i+1 < len(body) {
				return i + 1
			}
		}
	}
	return 0
}

// sampleRowsPerVendor reads up to 2,000 rows from the start of body and
// says how many rows a platform has there, on average (1 if it cannot
// tell).
func sampleRowsPerVendor(body []byte, cols *ocdColumns) float64 {
	at := cols.at[colPlatform]
	cr := csv.NewReader(bytes.NewReader(body))
	cr.ReuseRecord = true
	seen := map[string]bool{}
	rows := 0
	for rows < 2000 {
		rec, err := cr.Read()
		if err != nil {
			break
		}
		rows++
		if at >= 0 && at < len(rec) {
			seen[rec[at]] = true
		}
	}
	if len(seen) == 0 {
		return 1
	}
	return float64(rows) / float64(len(seen))
}

// ocdCSVRows reads rows of the OCD CSV whose first is on line first,
// into slabs sized for about vendors vendors.
func (rd *reader) ocdCSVRows(b []byte, first int, cols *ocdColumns, vendors int) (*ocdBuilder, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = len(cols.header)
	get := func(rec []string, c int) string {
		if i := cols.at[c]; i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	ob := rd.newOCDBuilder()
	ob.c.reserve(vendors)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, rd.fail(pe.Line+first-1, "", pe.Err)
			}
			return nil, rd.fail(0, "", err)
		}
		line, _ := cr.FieldPos(0)
		line += first - 1
		for i, f := range rec {
			if err := checkField(f, cols.clean); err != nil {
				l, _ := cr.FieldPos(i)
				return nil, rd.fail(l+first-1, fmt.Sprintf("column %q", cols.header[i]), err)
			}
		}
		w := strings.TrimSpace(get(rec, colWildcard))
		wild := 0
		switch w {
		case "", "0", "false":
		case "1", "true":
			wild = 1
		default:
			return nil, rd.fail(line, `column "Wildcard match"`, fmt.Errorf("want 0 or 1, got %q", w))
		}
		ob.add(&ocdRow{
			ID: get(rec, colID), Platform: get(rec, colPlatform), Category: get(rec, colCategory),
			Cookie: get(rec, colCookie), Domain: get(rec, colDomain),
			Description: get(rec, colDescription), RetentionPeriod: get(rec, colRetention),
			DataController: get(rec, colController), PrivacyLink: get(rec, colPrivacy),
			WildcardMatch: flexInt(wild),
		}, line, "")
	}
	return ob, nil
}

func (rd *reader) csvError(err error) error {
	if errors.Is(err, io.EOF) {
		return rd.fail(0, "", errors.New("the file is empty"))
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rd.fail(pe.Line, "", pe.Err)
	}
	return rd.fail(0, "", err)
}

// ocdJSON reads the Open Cookie Database JSON: {"<Platform>": [{id,
// category, cookie, domain, description, retentionPeriod, dataController,
// privacyLink, wildcardMatch}]}.
func (rd *reader) ocdJSON(b []byte) ([]Vendor, error) {
	var m map[string][]ocdRow
	if err := rd.decodeJSON(b, 0, &m); err != nil {
		return nil, err
	}
	var rows []ocdRow
	var paths []string
	for _, k := range sortedKeys(m) {
		for i, r := range m[k] {
			path := fmt.Sprintf("%s[%d]", strconv.Quote(k), i)
			if r.WildcardMatch != 0 && r.WildcardMatch != 1 {
				return nil, rd.fail(0, path+".wildcardMatch", fmt.Errorf("want 0 or 1, got %d", r.WildcardMatch))
			}
			r.Platform = k
			rows = append(rows, r)
			paths = append(paths, path)
		}
	}
	return rd.ocd(rows, paths), nil
}

// tpwEntity is one third-party-web entity.
type tpwEntity struct {
	Name     string   `json:"name"`
	Company  string   `json:"company"`
	Homepage string   `json:"homepage"`
	Category string   `json:"category"`
	Domains  []string `json:"domains"`
	Products []struct {
		Name string `json:"name"`
	} `json:"products"`
}

// thirdPartyWeb reads third-party-web's entities as JSON: the array that
// data/entities.js exports, as converted to JSON or as the npm package's
// dist/entities.json ships it. Domain patterns ("*.hotjar.com") become
// hosts; the company becomes the owner; product names become aliases.
func (rd *reader) thirdPartyWeb(b []byte) ([]Vendor, error) {
	var es []tpwEntity
	if err := rd.decodeJSON(b, 0, &es); err != nil {
		return nil, err
	}
	c := newCollector()
	for i, e := range es {
		if text(e.Name) == "" {
			rd.warn(0, fmt.Sprintf("[%d]", i), "skipped an entity with no name")
			continue
		}
		v := c.get(e.Name, e.Name)
		if co := text(e.Company); co != "" && co != v.Name {
			fill(&v.Owner, co)
		}
		fill(&v.Website, text(e.Homepage))
		tpwCategories.addCategory(v, e.Category)
		for j, d := range e.Domains {
			rd.addDomain(v, d, fmt.Sprintf("[%d].domains[%d]", i, j))
		}
		for _, p := range e.Products {
			addAlias(v, p.Name)
		}
	}
	return c.vendors(), nil
}

// trEntity is a Tracker Radar entity file.
type trEntity struct {
	Name        string   `json:"name"`
	DisplayName string   `json:"displayName"`
	Properties  []string `json:"properties"`
	Parent      string   `json:"parent"`
}

// trEntities reads Tracker Radar entities: one entity file
// (entities/<name>.json upstream) or a JSON array of them. The display name
// is the vendor's name, the legal name an alias, properties its domains.
func (rd *reader) trEntities(b []byte) ([]Vendor, error) {
	var es []trEntity
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		var e trEntity
		if err := rd.decodeJSON(b, 0, &e); err != nil {
			return nil, err
		}
		es = []trEntity{e}
	} else if err := rd.decodeJSON(b, 0, &es); err != nil {
		return nil, err
	}
	c := newCollector()
	for i, e := range es {
		name := firstNonEmpty(e.DisplayName, e.Name)
		if text(name) == "" {
			rd.warn(0, fmt.Sprintf("[%d]", i), "skipped an entity with no name")
			continue
		}
		v := c.get(e.Name+"\x00"+name, name)
		addAlias(v, e.Name)
		fill(&v.Owner, text(e.Parent))
		for j, d := range e.Properties {
			rd.addDomain(v, d, fmt.Sprintf("[%d].properties[%d]", i, j))
		}
	}
	return c.vendors(), nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// trDomain is a Tracker Radar domain file (the parts vendex uses).
type trDomain struct {
	Domain string `json:"domain"`
	Owner  struct {
		Name          string `json:"name"`
		DisplayName   string `json:"displayName"`
		PrivacyPolicy string `json:"privacyPolicy"`
		URL           string `json:"url"`
	} `json:"owner"`
	Categories []string `json:"categories"`
	Resources  []struct {
		FirstPartyCookies map[string]struct {
			TTL float64 `json:"ttl"`
		} `json:"firstPartyCookies"`
	} `json:"resources"`
}

// trDomains reads Tracker Radar domain files: one (domains/<region>/<domain>.json
// upstream) or JSON lines of them, or the domain index CSV derived from
// them (see trDomainCSV). Domains group by owner; a domain with no
// owner is a vendor of its own, named after the domain. First-party
// cookies the owner's scripts set become cookies with their observed TTL.
func (rd *reader) trDomains(b []byte) ([]Vendor, error) {
	if bytes.HasPrefix(b, []byte("domain,")) {
		return rd.trDomainCSV(b)
	}
	c := newCollector()
	line := 0
	for len(b) > 0 {
		var chunk []byte
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			chunk, b = b, nil
		} else {
			chunk, b = b[:i], b[i+1:]
		}
		line++
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		if line == 1 && len(b) > 0 && !bytes.HasSuffix(bytes.TrimSpace(chunk), []byte("}")) {
			// One pretty-printed domain file, not JSON lines.
			chunk, b = append(append(chunk, '\n'), b...), nil
		}
		var d trDomain
		if err := rd.decodeJSON(chunk, line-1, &d); err != nil {
			return nil, err
		}
		rd.addTRDomain(c, line, d)
	}
	return c.vendors(), nil
}

// addTRDomain adds one Tracker Radar domain record to its owner's vendor.
func (rd *reader) addTRDomain(c *collector, line int, d trDomain) {
	host, ok := importHost(d.Domain)
	if !ok {
		rd.warn(line, "domain", "skipped %q: not a host name", text(d.Domain))
		return
	}
	owner := firstNonEmpty(d.Owner.DisplayName, d.Owner.Name)
	var v *Vendor
	if text(owner) == "" {
		v = c.get("\x00"+host, host)
	} else {
		v = c.get(d.Owner.Name+"\x00"+owner, owner)
		addAlias(v, d.Owner.Name)
	}
	if !HasDomain(v.Domains, host) {
		v.Domains = append(v.Domains, Domain{Host: host})
	}
	fill(&v.PrivacyPolicy, text(d.Owner.PrivacyPolicy))
	fill(&v.Website, text(d.Owner.URL))
	for _, cat := range d.Categories {
		trCategories.addCategory(v, cat)
	}
	for _, r := range d.Resources {
		names := make([]string, 0, len(r.FirstPartyCookies))
		for n := range r.FirstPartyCookies {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if text(n) == "" {
				continue
			}
			addStorage(v, StorageItem{Kind: Cookie, Name: text(n), Party: FirstParty, Lifetime: secondsLifetime(r.FirstPartyCookies[n].TTL)})
		}
	}
}

// trDomainCSV reads the domain index CSV (domain, owner, displayName,
// categories separated by "|", ...): a table derived from the per-domain
// files, one row per domain.
func (rd *reader) trDomainCSV(b []byte) ([]Vendor, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	clean := noEscapes(b)
	header, err := cr.Read()
	if err != nil {
		return nil, rd.csvError(err)
	}
	header = append([]string(nil), header...)
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if _, ok := col["domain"]; !ok {
		return nil, rd.fail(1, "", errors.New(`missing column "domain"`))
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	c := newCollector()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rd.csvError(err)
		}
		line, _ := cr.FieldPos(0)
		for i, f := range rec {
			if err := checkField(f, clean); err != nil {
				return nil, rd.fail(line, fmt.Sprintf("column %q", header[i]), err)
			}
		}
		var d trDomain
		d.Domain = get(rec, "domain")
		d.Owner.Name, d.Owner.DisplayName = get(rec, "owner"), get(rec, "displayName")
		if cats := get(rec, "categories"); cats != "" {
			d.Categories = strings.Split(cats, "|")
		}
		rd.addTRDomain(c, line, d)
	}
	return c.vendors(), nil
}

// tdsFile is the DuckDuckGo tracker blocklist (extension-tds.json).
type tdsFile struct {
	Trackers map[string]struct {
		Owner struct {
			Name        string `json:"name"`
			DisplayName string `json:"displayName"`
		} `json:"owner"`
		Categories []string `json:"categories"`
	} `json:"trackers"`
	Entities map[string]struct {
		Domains     []string `json:"domains"`
		DisplayName string   `json:"displayName"`
	} `json:"entities"`
	Domains map[string]string `json:"domains"`
}

// tds reads the tracker blocklist: each entity is a vendor with its
// domains; each tracker domain adds its categories to its owner (or, with
// no known owner, is a vendor of its own).
func (rd *reader) tds(b []byte) ([]Vendor, error) {
	var f tdsFile
	if err := rd.decodeJSON(b, 0, &f); err != nil {
		return nil, err
	}
	c := newCollector()
	for _, key := range sortedKeys(f.Entities) {
		e := f.Entities[key]
		v := c.get(key, firstNonEmpty(e.DisplayName, key))
		addAlias(v, key)
		for j, d := range e.Domains {
			rd.addDomain(v, d, fmt.Sprintf("entities[%q].domains[%d]", key, j))
		}
	}
	for _, host := range sortedKeys(f.Trackers) {
		t := f.Trackers[host]
		owner := t.Owner.Name
		if owner == "" {
			owner = f.Domains[host]
		}
		var v *Vendor
		if text(owner) == "" {
			h, ok := importHost(host)
			if !ok {
				rd.warn(0, fmt.Sprintf("trackers[%q]", host), "skipped: not a host name")
				continue
			}
			v = c.get("\x00"+h, h)
		} else {
			v = c.get(owner, firstNonEmpty(t.Owner.DisplayName, owner))
			addAlias(v, owner)
		}
		rd.addDomain(v, host, fmt.Sprintf("trackers[%q]", host))
		for _, cat := range t.Categories {
			trCategories.addCategory(v, cat)
		}
	}
	return c.vendors(), nil
}

// disconnect reads Disconnect's services.json ({categories: {Advertising:
// [{"<Entity>": {"<homepage>": [domains], "session-replay": "true"}}]}})
// and its entities.json ({entities: {"<Entity>": {properties, resources}}}).
func (rd *reader) disconnect(b []byte) ([]Vendor, error) {
	var f struct {
		Categories map[string][]map[string]map[string]json.RawMessage `json:"categories"`
		Entities   map[string]struct {
			Properties []string `json:"properties"`
			Resources  []string `json:"resources"`
		} `json:"entities"`
	}
	if err := rd.decodeJSON(b, 0, &f); err != nil {
		return nil, err
	}
	c := newCollector()
	for _, cat := range sortedKeys(f.Categories) {
		for i, group := range f.Categories[cat] {
			for _, ent := range sortedKeys(group) {
				v := c.get(ent, ent)
				disconnectCategories.addCategory(v, cat)
				for _, site := range sortedKeys(group[ent]) {
					path := fmt.Sprintf("categories[%q][%d][%q][%q]", cat, i, ent, site)
					raw := bytes.TrimSpace(group[ent][site])
					switch {
					case len(raw) > 0 && raw[0] == '[':
						var ds []string
						if err := json.Unmarshal(raw, &ds); err != nil {
							return nil, rd.fail(0, path, fmt.Errorf("want a list of domains: %v", err))
						}
						if strings.HasPrefix(site, "http") {
							fill(&v.Website, text(site))
						}
						for j, d := range ds {
							rd.addDomain(v, d, fmt.Sprintf("%s[%d]", path, j))
						}
					case len(raw) > 0 && raw[0] == '"':
						// A flag such as "session-replay": "true".
					default:
						return nil, rd.fail(0, path, fmt.Errorf("want a list of domains or a flag string, got %.40s", raw))
					}
				}
			}
		}
	}
	for _, key := range sortedKeys(f.Entities) {
		e := f.Entities[key]
		v := c.get(key, key)
		for j, d := range e.Properties {
			rd.addDomain(v, d, fmt.Sprintf("entities[%q].properties[%d]", key, j))
		}
		for j, d := range e.Resources {
			rd.addDomain(v, d, fmt.Sprintf("entities[%q].resources[%d]", key, j))
		}
	}
	return c.vendors(), nil
}

// ghosteryFile is trackerdb's export-json shape.
type ghosteryFile struct {
	Organizations map[string]struct {
		Name             string `json:"name"`
		WebsiteURL       string `json:"website_url"`
		PrivacyPolicyURL string `json:"privacy_policy_url"`
	} `json:"organizations"`
	Patterns map[string]struct {
		Name         string   `json:"name"`
		Category     string   `json:"category"`
		Organization string   `json:"organization"`
		WebsiteURL   string   `json:"website_url"`
		Domains      []string `json:"domains"`
	} `json:"patterns"`
	Domains map[string]string `json:"domains"`
}

// ghostery reads Ghostery's trackerdb as its export-json writes it
// ({categories, organizations, patterns, domains}): each pattern (a
// product, such as "Google Analytics") is a vendor; its organization is the
// owner and lends its website and privacy policy.
func (rd *reader) ghostery(b []byte) ([]Vendor, error) {
	var f ghosteryFile
	if err := rd.decodeJSON(b, 0, &f); err != nil {
		return nil, err
	}
	byPattern := map[string][]string{}
	for d, p := range f.Domains {
		byPattern[p] = append(byPattern[p], d)
	}
	c := newCollector()
	for _, key := range sortedKeys(f.Patterns) {
		p := f.Patterns[key]
		name := firstNonEmpty(p.Name, key)
		v := c.get("\x00"+key, name)
		addAlias(v, key)
		org, ok := f.Organizations[p.Organization]
		if ok && text(org.Name) != v.Name {
			fill(&v.Owner, text(org.Name))
		}
		fill(&v.Website, text(p.WebsiteURL))
		fill(&v.Website, text(org.WebsiteURL))
		fill(&v.PrivacyPolicy, text(org.PrivacyPolicyURL))
		ghosteryCategories.addCategory(v, p.Category)
		for j, d := range p.Domains {
			rd.addDomain(v, d, fmt.Sprintf("patterns[%q].domains[%d]", key, j))
		}
		extra := byPattern[key]
		sort.Strings(extra)
		for _, d := range extra {
			rd.addDomain(v, d, fmt.Sprintf("domains[%q]", d))
		}
	}
	return c.vendors(), nil
}

// gvlVendor is one vendor of the IAB TCF global vendor list (v3), or of a
// vendor-id-to-domains list ({id, name, domains}) such as OVK's.
type gvlVendor struct {
	ID                  int      `json:"id"`
	Name                string   `json:"name"`
	Purposes            []int    `json:"purposes"`
	LegIntPurposes      []int    `json:"legIntPurposes"`
	CookieMaxAgeSeconds *float64 `json:"cookieMaxAgeSeconds"`
	UsesCookies         *bool    `json:"usesCookies"`
	UsesNonCookieAccess *bool    `json:"usesNonCookieAccess"`
	URLs                []struct {
		LangID  string `json:"langId"`
		Privacy string `json:"privacy"`
	} `json:"urls"`
	PolicyURL                  string   `json:"policyUrl"` // GVL v2
	DeviceStorageDisclosureURL string   `json:"deviceStorageDisclosureUrl"`
	DeletedDate                string   `json:"deletedDate"`
	Domains                    []string `json:"domains"`
}

// gvl reads the IAB TCF global vendor list: v3 vendor-list.json
// ({vendors: {"<id>": {...}}}); v2 lists read the same way (policyUrl).
// A list whose vendors are an array of {id, name, domains} (OVK's
// vendorinfo) is read too and gives the vendors' domains. Deleted vendors
// are skipped with a warning. The TCF vendor id and cookie facts with no
// cookie name go into the vendor's sources.
func (rd *reader) gvl(b []byte) ([]Vendor, error) {
	var f struct {
		VendorListVersion int             `json:"vendorListVersion"`
		Vendors           json.RawMessage `json:"vendors"`
	}
	if err := rd.decodeJSON(b, 0, &f); err != nil {
		return nil, err
	}
	var list []gvlVendor
	var paths []string // where each vendor is in the file, for warnings
	raw := bytes.TrimSpace(f.Vendors)
	switch {
	case len(raw) > 0 && raw[0] == '{':
		var m map[string]gvlVendor
		if err := rd.decodeJSON(raw, rd.lineOf(b, raw), &m); err != nil {
			return nil, rd.prefixPath(err, "vendors")
		}
		keys := sortedKeys(m)
		sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]].ID < m[keys[j]].ID })
		for _, k := range keys {
			list, paths = append(list, m[k]), append(paths, fmt.Sprintf("vendors.%s", k))
		}
	case len(raw) > 0 && raw[0] == '[':
		if err := rd.decodeJSON(raw, rd.lineOf(b, raw), &list); err != nil {
			return nil, rd.prefixPath(err, "vendors")
		}
		for i := range list {
			paths = append(paths, fmt.Sprintf("vendors[%d]", i))
		}
	default:
		return nil, rd.fail(0, "vendors", errors.New("want an object or a list of vendors"))
	}
	c := newCollector()
	nameOnly, warned := 0, len(rd.warnings)
	for i, g := range list {
		path := paths[i]
		if g.DeletedDate != "" {
			rd.warn(0, path, "skipped %q: deleted from the list on %s", text(g.Name), text(g.DeletedDate))
			continue
		}
		if text(g.Name) == "" {
			rd.warn(0, path, "skipped a vendor with no name")
			continue
		}
		if len(g.Domains) == 0 && len(g.Purposes) == 0 && len(g.LegIntPurposes) == 0 && len(g.URLs) == 0 &&
			g.PolicyURL == "" && g.UsesCookies == nil && g.DeviceStorageDisclosureURL == "" {
			nameOnly++ // a vendor info file's vendor with no domains: nothing to add
			continue
		}
		v := c.get(g.Name, g.Name)
		for _, u := range g.URLs {
			if u.LangID == "en" || v.PrivacyPolicy == "" {
				if p := text(u.Privacy); p != "" {
					v.PrivacyPolicy = p
				}
			}
		}
		fill(&v.PrivacyPolicy, text(g.PolicyURL))
		if cat := tcfCategory(g.Purposes, g.LegIntPurposes); cat != "" {
			(categoryTable{"x": cat}).addCategory(v, "x")
		}
		if g.UsesCookies != nil {
			if *g.UsesCookies {
				v.SetsCookies = Yes
			} else if g.UsesNonCookieAccess != nil && !*g.UsesNonCookieAccess {
				v.SetsCookies = No
			}
		}
		var notes []string
		if g.UsesCookies != nil && *g.UsesCookies && g.CookieMaxAgeSeconds != nil {
			if l := secondsLifetime(*g.CookieMaxAgeSeconds); !l.IsZero() {
				notes = append(notes, "cookies live up to "+l.String())
			} else {
				notes = append(notes, "cookies are session cookies")
			}
		}
		if g.UsesNonCookieAccess != nil && *g.UsesNonCookieAccess {
			notes = append(notes, "also uses non-cookie storage")
		}
		src := Source{Name: fmt.Sprintf("IAB TCF vendor %d", g.ID), Note: strings.Join(notes, "; ")}
		if u := text(g.DeviceStorageDisclosureURL); strings.HasPrefix(u, "http") {
			src.URL = u
		}
		if g.ID > 0 && !hasSource(v.Sources, src) {
			v.Sources = append(v.Sources, src)
		}
		if g.ID > 0 {
			// The TCF id as an alias joins the records of other IAB files
			// (a vendor info file's names often differ from the list's)
			// and finds the vendor by the id consent strings carry.
			addAlias(v, iabAlias(g.ID))
		}
		for j, d := range g.Domains {
			rd.addDomain(v, d, fmt.Sprintf("%s.domains[%d]", path, j))
		}
	}
	if nameOnly > 0 {
		// First: the one warning that says much, before the many that
		// say little.
		rd.warn(0, "vendors", "skipped %d vendors that have nothing but a name and an id", nameOnly)
		last := rd.warnings[len(rd.warnings)-1]
		copy(rd.warnings[warned+1:], rd.warnings[warned:len(rd.warnings)-1])
		rd.warnings[warned] = last
	}
	return c.vendors(), nil
}

// IABAliasPrefix starts the alias an IAB TCF vendor gets from its id.
const IABAliasPrefix = "IAB TCF vendor "

func iabAlias(id int) string { return IABAliasPrefix + strconv.Itoa(id) }

// lineOf is the number of lines in b before sub, a copy of part of it.
func (rd *reader) lineOf(b, sub []byte) int {
	off := bytes.Index(b, sub)
	if off < 0 {
		return 0
	}
	return bytes.Count(b[:off], []byte("\n"))
}

func (rd *reader) prefixPath(err error, prefix string) error {
	var ie *ImportError
	if errors.As(err, &ie) {
		ie.Path = strings.TrimSuffix(prefix+"."+ie.Path, ".")
	}
	return err
}

// disclosureFile is the IAB TCF device storage disclosure
// (deviceStorageDisclosureUrl).
type disclosureFile struct {
	Disclosures []struct {
		Identifier    string   `json:"identifier"`
		Type          string   `json:"type"`
		MaxAgeSeconds *float64 `json:"maxAgeSeconds"`
		Domain        string   `json:"domain"`
		Domains       []string `json:"domains"`
		Purposes      []int    `json:"purposes"`
	} `json:"disclosures"`
	Domains []struct {
		Domain string `json:"domain"`
	} `json:"domains"`
}

// disclosure reads a device storage disclosure: {disclosures: [{identifier,
// type: cookie|web|app, maxAgeSeconds, domain, domains, purposes}],
// domains: [{domain, use}]}. It names no vendor: the record is named after
// its first domain, and the store joins it to the vendor that owns its
// domains. "web" storage becomes localStorage; "app" storage is skipped.
func (rd *reader) disclosure(b []byte) ([]Vendor, error) {
	var f disclosureFile
	if err := rd.decodeJSON(b, 0, &f); err != nil {
		return nil, err
	}
	v := &Vendor{}
	for i, d := range f.Domains {
		rd.addDomain(v, d.Domain, fmt.Sprintf("domains[%d].domain", i))
	}
	for i, d := range f.Disclosures {
		path := fmt.Sprintf("disclosures[%d]", i)
		var kind StorageKind
		switch strings.ToLower(strings.TrimSpace(d.Type)) {
		case "cookie":
			kind = Cookie
		case "web":
			kind = LocalStorage
		case "app":
			rd.warn(0, path, "skipped %q: app storage is not browser storage", text(d.Identifier))
			continue
		default:
			return nil, rd.fail(0, path+".type", fmt.Errorf("want cookie, web or app, got %q", d.Type))
		}
		if d.Domain != "" && d.Domain != "*" {
			rd.addDomain(v, d.Domain, path+".domain")
		}
		for j, h := range d.Domains {
			if h != "*" {
				rd.addDomain(v, h, fmt.Sprintf("%s.domains[%d]", path, j))
			}
		}
		st := StorageItem{Kind: kind, Name: text(d.Identifier), Category: tcfCategory(d.Purposes)}
		if d.MaxAgeSeconds != nil {
			if *d.MaxAgeSeconds <= 0 && kind == Cookie {
				st.Lifetime = SessionLifetime
			} else {
				st.Lifetime = secondsLifetime(*d.MaxAgeSeconds)
			}
		}
		var ps []string
		for _, p := range d.Purposes {
			if n, ok := tcfPurposeNames[p]; ok {
				ps = append(ps, n)
			}
		}
		if len(ps) > 0 {
			st.Purpose = "TCF purposes: " + strings.Join(ps, "; ") + "."
		}
		if st.Name == "" {
			rd.warn(0, path, "skipped an item with no identifier")
			continue
		}
		addStorage(v, st)
		if st.Category != "" {
			(categoryTable{"x": st.Category}).addCategory(v, "x")
		}
	}
	if len(v.Domains) == 0 {
		return nil, rd.fail(0, "domains", errors.New("the disclosure names no domain, so vendex cannot tell whose it is"))
	}
	v.Name = v.Domains[0].Host
	return []Vendor{*v}, nil
}

// sortedKeys gives a map's keys in order, so that records come out the
// same way every time.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
