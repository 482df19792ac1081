package dataset

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/vendex/vendex/data"
)

// Ghostery trackerdb categories.
var ghosteryCategories = categoryTable{
	"advertising": data.Marketing, "pornvertising": data.Marketing, "social_media": data.Marketing,
	"site_analytics": data.Analytics, "consent": data.StrictlyNecessary,
	"audio_video_player": data.Functional, "customer_interaction": data.Functional,
	"hosting": data.Functional, "utilities": data.Functional,
}

// ghosteryOrg and ghosteryPattern are trackerdb's export-json records.
type ghosteryOrg struct {
	Name             string `json:"name"`
	WebsiteURL       string `json:"website_url"`
	PrivacyPolicyURL string `json:"privacy_policy_url"`
}

type ghosteryPattern struct {
	Name         string   `json:"name"`
	Category     string   `json:"category"`
	Organization string   `json:"organization"`
	WebsiteURL   string   `json:"website_url"`
	Domains      []string `json:"domains"`
}

// ghosteryFile is what ghostery reads of the file, a record at a time.
type ghosteryFile struct {
	Organizations map[string]ghosteryOrg
	Patterns      map[string]ghosteryPattern
	Domains       map[string]string
}

func (rd *reader) readGhosteryFile(s *jsonStream) (ghosteryFile, error) {
	f := ghosteryFile{map[string]ghosteryOrg{}, map[string]ghosteryPattern{}, map[string]string{}}
	err := s.members("", func(key string) error {
		switch key {
		case "organizations":
			return decodeMembers(s, key, f.Organizations)
		case "patterns":
			return decodeMembers(s, key, f.Patterns)
		case "domains":
			return decodeMembers(s, key, f.Domains)
		}
		return s.skip(strconv.Quote(key))
	})
	return f, err
}

// ghostery reads Ghostery's trackerdb as its export-json writes it
// ({categories, organizations, patterns, domains}): each pattern (a
// product, such as "Google Analytics") is a vendor; its organization is the
// owner and lends its website and privacy policy.
func (rd *reader) ghostery(s *jsonStream) ([][]data.Vendor, error) {
	f, err := rd.readGhosteryFile(s)
	if err != nil {
		return nil, err
	}
	byPattern := map[string][]string{}
	for d, p := range f.Domains {
		byPattern[p] = append(byPattern[p], d)
	}
	c := newCollector()
	for _, key := range slices.Sorted(maps.Keys(f.Patterns)) {
		p := f.Patterns[key]
		name := firstNonEmpty(p.Name, key)
		v := c.get("\x00"+key, name)
		addAlias(v, key)
		org, ok := f.Organizations[p.Organization]
		if ok && text(org.Name) != v.Name {
			v.Owner = cmp.Or(v.Owner, text(org.Name))
		}
		v.Website = cmp.Or(v.Website, text(p.WebsiteURL))
		v.Website = cmp.Or(v.Website, text(org.WebsiteURL))
		v.PrivacyPolicy = cmp.Or(v.PrivacyPolicy, text(org.PrivacyPolicyURL))
		ghosteryCategories.addCategory(v, p.Category)
		for j, d := range p.Domains {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("patterns[%q].domains[%d]", key, j) })
		}
		extra := byPattern[key]
		slices.Sort(extra)
		for _, d := range extra {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("domains[%q]", d) })
		}
	}
	return c.chunks(), nil
}
