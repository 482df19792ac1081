package data

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Problem is one thing wrong with one vendor record.
type Problem struct {
	VendorID string
	Field    string
	Message  string
}

func (p Problem) String() string {
	id := p.VendorID
	if id == "" {
		id = "(no id)"
	}
	return fmt.Sprintf("%s: %s: %s", id, p.Field, p.Message)
}

// Problems is every problem found in a catalogue; as an error it lists them
// all, one a line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s) in the catalogue:\n%s", len(ps), strings.Join(lines, "\n"))
}

// MaxIDLen bounds an id: "<id>-999.md" must be a file name every file
// system takes (255 bytes), and Slug makes ids of at most 60.
const MaxIDLen = 64

// ValidID reports whether id is a vendor id: lower-case letters, digits and
// inner hyphens, at most MaxIDLen of them.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Validate checks a whole catalogue at once and returns every problem, in
// vendor order: unknown enums, duplicate ids, hosts claimed by two vendors
// (unless both declare the host shared), related links to missing vendors,
// malformed hosts and URLs, missing summaries. Each vendor's fields are
// checked in the struct's order by the generated checkFields.
func Validate(vendors []Vendor) Problems {
	c := vendorCheck{ids: make(map[string]int, len(vendors)), claims: map[string][]claim{}}
	for i := range vendors {
		c.ids[vendors[i].ID]++
	}
	for i := range vendors {
		c.id = vendors[i].ID
		c.checkFields(&vendors[i])
	}
	c.checkClaims()
	return c.ps
}

// ValidateImported checks v, one record an import adds, by the
// catalogue's rules that hold for any record, whatever it leaves out: a
// card's text (summary, verdicts' reasons), an id (the store gives one),
// an enum it does not say, links to vendors the file does not hold. What
// it does say must be right: a placeholder for a cookie name (acme_NNN),
// a malformed URL, host or id, cookies on a vendor that says it sets none.
func ValidateImported(v *Vendor) Problems {
	// No ids or claims: they are what one card says of the others, which
	// an imported record is not checked against (Validate's).
	c := vendorCheck{imported: true, id: v.ID}
	c.checkFields(v)
	return c.ps
}

// vendorCheck is Validate's state: the problems so far, the vendor being
// checked, and what the checks of one vendor need to know of the others.
type vendorCheck struct {
	ps       Problems
	id       string
	ids      map[string]int     // how many vendors have each id (Validate's)
	claims   map[string][]claim // the vendors that list each host (Validate's)
	imported bool               // ValidateImported's: what a record does not say is not checked
}

// unsaid reports whether a check is of something an imported record
// leaves out: then it has nothing to check.
func (c *vendorCheck) unsaid(s string) bool { return c.imported && s == "" }

type claim struct {
	id     string
	shared bool
}

func (c *vendorCheck) add(field, format string, args ...any) {
	c.ps = append(c.ps, Problem{VendorID: c.id, Field: field, Message: fmt.Sprintf(format, args...)})
}

// index is the path of item i of the list field.
func index(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

func (c *vendorCheck) required(field, s string) {
	if c.imported {
		return // a dataset's record has no card text
	}
	if strings.TrimSpace(s) == "" {
		c.add(field, "missing %s", field[strings.LastIndexByte(field, '.')+1:])
	}
}

func (c *vendorCheck) checkURL(field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		c.add(field, "malformed URL %q (want http:// or https:// and a host)", s)
	}
}

// The enums: the generated walk calls check<Type> for every field of the
// type.

func (c *vendorCheck) checkCategory(field string, x Category) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "unknown category %q", x)
	}
}

func (c *vendorCheck) checkTristate(field string, x Tristate) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "want yes, no or unknown, got %q", x)
	}
}

func (c *vendorCheck) checkAnswer(field string, x Answer) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "want yes, no or conditional, got %q", x)
	}
}

func (c *vendorCheck) checkStorageKind(field string, x StorageKind) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "unknown storage kind %q", x)
	}
}

func (c *vendorCheck) checkParty(field string, x Party) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "want first or third, got %q", x)
	}
}

func (c *vendorCheck) checkPermissionName(field string, x PermissionName) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "unknown permission %q", x)
	}
}

func (c *vendorCheck) checkRole(field string, x Role) {
	if !x.Valid() && !c.unsaid(string(x)) {
		c.add(field, "unknown role %q", x)
	}
}

// The checks that see a whole record, named by validate tags.

func (c *vendorCheck) checkID(v *Vendor) {
	switch {
	case c.unsaid(v.ID):
	case v.ID == "":
		c.add("id", "missing id (vendor %q)", v.Name)
	case !ValidID(v.ID):
		c.add("id", "malformed id: use lower-case letters, digits and hyphens")
	case c.ids[v.ID] > 1:
		c.add("id", "duplicate id: %d vendors use it", c.ids[v.ID])
	}
}

// checkMainCategory also lists the categories: a record must have one.
func (c *vendorCheck) checkMainCategory(v *Vendor) {
	if !v.Category.Valid() && !c.unsaid(string(v.Category)) {
		c.add("category", "unknown category %q (want one of %s)", v.Category, CategoryNames())
	}
}

// checkDomains checks each host and notes its claim for checkClaims, in a
// whole catalogue (an imported record's hosts are the store's to settle).
func (c *vendorCheck) checkDomains(v *Vendor) {
	// A few hosts are compared with those before them; a map for a long
	// list only (an import checks 100,000 records of one or two hosts).
	var seenHost map[string]bool
	if len(v.Domains) > 16 {
		seenHost = make(map[string]bool, len(v.Domains))
	}
	for i, d := range v.Domains {
		h, err := NormalizeHost(d.Host)
		if err != nil || h != d.Host {
			c.add(index("domains", i), "malformed domain %q (want a lower-case host such as example.com)", d.Host)
			continue
		}
		if d.Category != "" {
			c.checkCategory(index("domains", i)+".category", d.Category)
		}
		// An earlier entry of the same host was well formed (its host is
		// h), so it was seen: as the map holds the hosts seen.
		seen := seenHost[h]
		if seenHost == nil {
			seen = slices.ContainsFunc(v.Domains[:i], func(e Domain) bool { return e.Host == h })
		}
		if seen {
			c.add(index("domains", i), "domain %q listed twice", h)
			continue
		}
		if seenHost != nil {
			seenHost[h] = true
		}
		if c.claims != nil {
			c.claims[h] = append(c.claims[h], claim{c.id, d.Shared})
		}
	}
}

func (c *vendorCheck) checkScripts(v *Vendor) {
	for i, s := range v.Scripts {
		field := index("scripts", i)
		h, err := NormalizeHost(s.Host)
		if err != nil || h != s.Host {
			c.add(field, "malformed script host %q", s.Host)
		}
		if s.Path != "" && !strings.HasPrefix(s.Path, "/") {
			c.add(field+".path", "path %q must start with /", s.Path)
		}
	}
}

func (c *vendorCheck) checkCookies(v *Vendor) {
	for i, st := range v.Storage {
		if placeholder(st.Name) {
			c.add(index("storage", i)+".name", "%q holds a placeholder no browser sets (NNN, XXX, <id>): write the varying part as '*'", st.Name)
		}
	}
	if v.SetsCookies != No {
		return
	}
	for _, st := range v.Storage {
		if st.Kind == Cookie {
			c.add("sets_cookies", "says no but storage lists cookie %q", st.Name)
			return
		}
	}
}

func (c *vendorCheck) checkUnpublished(v *Vendor) {
	for i, u := range v.Unpublished {
		switch u {
		case "storage":
			if v.SetsCookies != Yes || len(v.Storage) > 0 {
				c.add(index("unpublished", i), "\"storage\" is for a vendor that sets cookies (sets_cookies yes) but names none")
			}
		case "privacy_policy":
			if v.PrivacyPolicy != "" {
				c.add(index("unpublished", i), "says the privacy policy is unpublished but gives one")
			}
		default:
			c.add(index("unpublished", i), "unknown section %q (want storage or privacy_policy)", u)
		}
	}
}

func (c *vendorCheck) checkFAQAnswers(v *Vendor) {
	for i, f := range v.FAQ {
		if strings.TrimSpace(f.Question) == "" || strings.TrimSpace(f.Answer) == "" {
			c.add(index("faq", i), "question and answer are both needed")
		}
	}
}

func (c *vendorCheck) checkRelated(v *Vendor) {
	for i, r := range v.Related {
		switch {
		case r == v.ID:
			c.add(index("related", i), "links to itself")
		case c.imported:
			// The catalogue it joins may hold the vendor.
		case c.ids[r] == 0:
			c.add(index("related", i), "links to missing vendor %q", r)
		}
	}
}

// checkClaims reports each host that several vendors list, on every one
// of them that does not mark it shared.
func (c *vendorCheck) checkClaims() {
	hosts := make([]string, 0, len(c.claims))
	for h := range c.claims {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	for _, h := range hosts {
		cs := c.claims[h]
		if len(cs) < 2 {
			continue
		}
		for _, cl := range cs {
			if cl.shared {
				continue
			}
			var others []string
			for _, o := range cs {
				if o.id != cl.id {
					others = append(others, o.id)
				}
			}
			c.id = cl.id
			c.add("domains", "domain %q is also claimed by %s (mark it shared on every vendor if that is right)", h, strings.Join(others, ", "))
		}
	}
}

// MissingSections names the sections of a full vendor card that v leaves
// empty. The most prevalent vendors must have none missing.
func (v *Vendor) MissingSections() []string {
	var miss []string
	check := func(name string, ok bool) {
		if !ok {
			miss = append(miss, name)
		}
	}
	check("summary", v.Summary != "")
	check("overview", v.Overview != "")
	check("website", v.Website != "")
	check("privacy_policy", v.PrivacyPolicy != "" || v.IsUnpublished("privacy_policy"))
	check("aliases", len(v.Aliases) > 0)
	check("domains", len(v.Domains) > 0)
	check("scripts", len(v.Scripts) > 0)
	check("data_collected", len(v.DataCollected) > 0)
	check("sets_cookies", v.SetsCookies == Yes || v.SetsCookies == No)
	check("storage", len(v.Storage) > 0 || v.SetsCookies == No || v.IsUnpublished("storage"))
	check("compliance.gdpr", v.Compliance.GDPR != "")
	check("compliance.ccpa", v.Compliance.CCPA != "")
	check("compliance.role", v.Compliance.Role != "")
	check("consent_required", v.ConsentRequired.Reason != "")
	check("block_before_consent", v.BlockBeforeConsent.Reason != "")
	check("faq", len(v.FAQ) >= 2)
	check("related", len(v.Related) >= 2)
	check("sources", len(v.Sources) > 0)
	return miss
}

// IsUnpublished reports whether the vendor does not publish a section.
func (v *Vendor) IsUnpublished(section string) bool {
	for _, u := range v.Unpublished {
		if u == section {
			return true
		}
	}
	return false
}

// placeholder reports whether a storage name holds a documentation
// placeholder for its varying part ("pm_sess_NNN", "_pk_id.<id>"; '<',
// '>', '{' and '}' are not allowed in a cookie's name): no cookie has
// that name, and a banner's cookie list cannot match by it. A pattern
// says the same with '*'.
func placeholder(name string) bool {
	return strings.Contains(name, "NNN") || strings.Contains(name, "XXX") || strings.ContainsAny(name, "<>{}")
}

// placeholderRE matches each placeholder that placeholder finds; compiled
// the first time a placeholder is found, not in every command's start-up.
var placeholderRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`N{3,}|X{3,}|<[^<>{}]*>|\{[^<>{}]*\}`)
})

// PlaceholderPattern is name, a storage name a dataset writes with a
// placeholder for its varying part (the Open Cookie Database's
// "pm_sess_NNN", after Google's cookie page), as the pattern that says the
// same ("pm_sess_*"); ok is false when name holds no placeholder, or one
// that stays (a lone '<').
func PlaceholderPattern(name string) (pattern string, ok bool) {
	if !placeholder(name) {
		return name, false
	}
	pattern = placeholderRE().ReplaceAllString(name, "*")
	return pattern, !placeholder(pattern)
}
