package data

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
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

// ValidID reports whether id is a vendor id: lower-case letters, digits and
// inner hyphens.
func ValidID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
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
// malformed hosts and URLs, missing summaries.
func Validate(vendors []Vendor) Problems {
	var ps Problems
	add := func(id, field, format string, args ...any) {
		ps = append(ps, Problem{VendorID: id, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	ids := make(map[string]int, len(vendors))
	for _, v := range vendors {
		ids[v.ID]++
	}
	type claim struct {
		id     string
		shared bool
	}
	claims := map[string][]claim{}

	for _, v := range vendors {
		id := v.ID
		switch {
		case id == "":
			add(id, "id", "missing id (vendor %q)", v.Name)
		case !ValidID(id):
			add(id, "id", "malformed id: use lower-case letters, digits and hyphens")
		case ids[id] > 1:
			add(id, "id", "duplicate id: %d vendors use it", ids[id])
		}
		if strings.TrimSpace(v.Name) == "" {
			add(id, "name", "missing name")
		}
		if strings.TrimSpace(v.Summary) == "" {
			add(id, "summary", "missing summary")
		}
		if !v.Category.Valid() {
			add(id, "category", "unknown category %q (want one of %s)", v.Category, CategoryNames())
		}
		for i, c := range v.Categories {
			if !c.Valid() {
				add(id, fmt.Sprintf("categories[%d]", i), "unknown category %q", c)
			}
		}
		if !v.SetsCookies.Valid() {
			add(id, "sets_cookies", "want yes, no or unknown, got %q", v.SetsCookies)
		}
		checkVerdict := func(field string, vd Verdict) {
			if !vd.Value.Valid() {
				add(id, field+".value", "want yes, no or conditional, got %q", vd.Value)
			}
			if strings.TrimSpace(vd.Reason) == "" {
				add(id, field+".reason", "missing reason")
			}
		}
		checkVerdict("consent_required", v.ConsentRequired)
		checkVerdict("block_before_consent", v.BlockBeforeConsent)
		if !v.Compliance.Role.Valid() {
			add(id, "compliance.role", "unknown role %q", v.Compliance.Role)
		}
		checkURL := func(field, s string) {
			if s == "" {
				return
			}
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				add(id, field, "malformed URL %q (want http:// or https:// and a host)", s)
			}
		}
		checkURL("website", v.Website)
		checkURL("privacy_policy", v.PrivacyPolicy)
		for i, s := range v.Sources {
			checkURL(fmt.Sprintf("sources[%d].url", i), s.URL)
			if strings.TrimSpace(s.Name) == "" {
				add(id, fmt.Sprintf("sources[%d].name", i), "missing name")
			}
		}
		seenHost := map[string]bool{}
		for i, d := range v.Domains {
			field := fmt.Sprintf("domains[%d]", i)
			h, err := NormalizeHost(d.Host)
			if err != nil || h != d.Host {
				add(id, field, "malformed domain %q (want a lower-case host such as example.com)", d.Host)
				continue
			}
			if d.Category != "" && !d.Category.Valid() {
				add(id, field+".category", "unknown category %q", d.Category)
			}
			if seenHost[h] {
				add(id, field, "domain %q listed twice", h)
				continue
			}
			seenHost[h] = true
			claims[h] = append(claims[h], claim{id, d.Shared})
		}
		for i, s := range v.Scripts {
			field := fmt.Sprintf("scripts[%d]", i)
			h, err := NormalizeHost(s.Host)
			if err != nil || h != s.Host {
				add(id, field, "malformed script host %q", s.Host)
			}
			if s.Path != "" && !strings.HasPrefix(s.Path, "/") {
				add(id, field+".path", "path %q must start with /", s.Path)
			}
		}
		for i, st := range v.Storage {
			field := fmt.Sprintf("storage[%d]", i)
			if !st.Kind.Valid() {
				add(id, field+".kind", "unknown storage kind %q", st.Kind)
			}
			if strings.TrimSpace(st.Name) == "" {
				add(id, field+".name", "missing name")
			}
			if !st.Party.Valid() {
				add(id, field+".party", "want first or third, got %q", st.Party)
			}
			if st.Category != "" && !st.Category.Valid() {
				add(id, field+".category", "unknown category %q", st.Category)
			}
			if strings.TrimSpace(st.Purpose) == "" {
				add(id, field+".purpose", "missing purpose")
			}
		}
		if v.SetsCookies == No {
			for _, st := range v.Storage {
				if st.Kind == Cookie {
					add(id, "sets_cookies", "says no but storage lists cookie %q", st.Name)
					break
				}
			}
		}
		for i, u := range v.Unpublished {
			switch u {
			case "storage":
				if v.SetsCookies != Yes || len(v.Storage) > 0 {
					add(id, fmt.Sprintf("unpublished[%d]", i), "\"storage\" is for a vendor that sets cookies (sets_cookies yes) but names none")
				}
			case "privacy_policy":
				if v.PrivacyPolicy != "" {
					add(id, fmt.Sprintf("unpublished[%d]", i), "says the privacy policy is unpublished but gives one")
				}
			default:
				add(id, fmt.Sprintf("unpublished[%d]", i), "unknown section %q (want storage or privacy_policy)", u)
			}
		}
		for i, p := range v.Permissions {
			if !p.Name.Valid() {
				add(id, fmt.Sprintf("permissions[%d]", i), "unknown permission %q", p.Name)
			}
		}
		for i, f := range v.FAQ {
			if f.Short != "" && !f.Short.Valid() {
				add(id, fmt.Sprintf("faq[%d].short", i), "want yes, no or conditional, got %q", f.Short)
			}
			if strings.TrimSpace(f.Question) == "" || strings.TrimSpace(f.Answer) == "" {
				add(id, fmt.Sprintf("faq[%d]", i), "question and answer are both needed")
			}
		}
		for i, r := range v.Related {
			field := fmt.Sprintf("related[%d]", i)
			switch {
			case r == id:
				add(id, field, "links to itself")
			case ids[r] == 0:
				add(id, field, "links to missing vendor %q", r)
			}
		}
	}
	hosts := make([]string, 0, len(claims))
	for h := range claims {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	for _, h := range hosts {
		cs := claims[h]
		if len(cs) < 2 {
			continue
		}
		for _, c := range cs {
			if !c.shared {
				var others []string
				for _, o := range cs {
					if o.id != c.id {
						others = append(others, o.id)
					}
				}
				add(c.id, "domains", "domain %q is also claimed by %s (mark it shared on every vendor if that is right)", h, strings.Join(others, ", "))
			}
		}
	}
	return ps
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
