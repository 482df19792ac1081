package dataset

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

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
func (rd *reader) gvl(s *jsonStream) ([][]data.Vendor, error) {
	list, paths, err := rd.gvlVendors(s)
	if err != nil {
		return nil, err
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
		if g.nameOnly() {
			nameOnly++ // a vendor info file's vendor with no domains: nothing to add
			continue
		}
		// The TCF id tells vendors apart: names alone would join
		// "Fabrikam Ltd." (vendor 7) and "Fabrikam" (vendor 8), which
		// compare equal without their legal forms.
		key := g.Name
		if g.ID > 0 {
			key = iabAlias(g.ID)
		}
		rd.addGVLVendor(c.get(key, g.Name), g, path)
	}
	if nameOnly > 0 {
		// First: the one warning that says much, before the many that
		// say little.
		rd.warn(0, "vendors", "skipped %d vendors that have nothing but a name and an id", nameOnly)
		last := rd.warnings[len(rd.warnings)-1]
		copy(rd.warnings[warned+1:], rd.warnings[warned:len(rd.warnings)-1])
		rd.warnings[warned] = last
	}
	return c.chunks(), nil
}

// gvlVendors decodes the list's vendors, an object by id or a list, one
// at a time, in id order, with where each is in the file (for warnings).
func (rd *reader) gvlVendors(s *jsonStream) ([]gvlVendor, []string, error) {
	var list []gvlVendor
	var paths []string
	found := false
	err := s.members("", func(key string) error {
		if key != "vendors" {
			return s.skip(strconv.Quote(key))
		}
		found = true
		byID := map[string]gvlVendor{}
		err := s.open(key, "an object or a list of vendors", func(id string) error {
			var g gvlVendor
			if err := s.decode(pathKey("vendors", id), &g); err != nil {
				return err
			}
			byID[id] = g
			return nil
		}, func(i int) error {
			var g gvlVendor
			path := fmt.Sprintf("vendors[%d]", i)
			if err := s.decode(pathAt(path), &g); err != nil {
				return err
			}
			list, paths = append(list, g), append(paths, path)
			return nil
		})
		keys := slices.Sorted(maps.Keys(byID))
		slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(byID[a].ID, byID[b].ID) })
		for _, k := range keys {
			list, paths = append(list, byID[k]), append(paths, fmt.Sprintf("vendors.%s", k))
		}
		return err
	})
	if err == nil && !found {
		err = rd.fail(0, "vendors", errors.New("want an object or a list of vendors"))
	}
	return list, paths, err
}

// nameOnly reports whether g says nothing but its name and id.
func (g *gvlVendor) nameOnly() bool {
	return len(g.Domains) == 0 && len(g.Purposes) == 0 && len(g.LegIntPurposes) == 0 && len(g.URLs) == 0 &&
		g.PolicyURL == "" && g.UsesCookies == nil && g.DeviceStorageDisclosureURL == ""
}

// addGVLVendor adds what g, found at path, says to v.
func (rd *reader) addGVLVendor(v *data.Vendor, g gvlVendor, path string) {
	for _, u := range g.URLs {
		if u.LangID == "en" || v.PrivacyPolicy == "" {
			if p := text(u.Privacy); p != "" {
				v.PrivacyPolicy = p
			}
		}
	}
	v.PrivacyPolicy = cmp.Or(v.PrivacyPolicy, text(g.PolicyURL))
	if cat := tcfCategory(g.Purposes, g.LegIntPurposes); cat != "" {
		(categoryTable{"x": cat}).addCategory(v, "x")
	}
	if g.UsesCookies != nil {
		if *g.UsesCookies {
			v.SetsCookies = data.Yes
		} else if g.UsesNonCookieAccess != nil && !*g.UsesNonCookieAccess {
			v.SetsCookies = data.No
		}
	}
	src := g.source()
	if g.ID > 0 && !slices.ContainsFunc(v.Sources, func(s data.Source) bool { return s.Name == src.Name && s.URL == src.URL }) {
		v.Sources = append(v.Sources, src)
	}
	if g.ID > 0 {
		// The TCF id as an alias joins the records of other IAB files
		// (a vendor info file's names often differ from the list's)
		// and finds the vendor by the id consent strings carry.
		addAlias(v, iabAlias(g.ID))
	}
	for j, d := range g.Domains {
		rd.addDomain(v, d, func() string { return fmt.Sprintf("%s.domains[%d]", path, j) })
	}
}

// source is g's entry in the vendor's sources: its TCF id, its disclosure
// and the cookie facts that name no cookie.
func (g *gvlVendor) source() data.Source {
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
	// Named as the vendor's alias is: the import's join reads the
	// disclosure's host off the source of that name.
	src := data.Source{Name: iabAlias(g.ID), Note: strings.Join(notes, "; ")}
	if u := text(g.DeviceStorageDisclosureURL); strings.HasPrefix(u, "http") {
		src.URL = u
	}
	return src
}

// IABAliasPrefix starts the alias an IAB TCF vendor gets from its id.
const IABAliasPrefix = "IAB TCF vendor "

func iabAlias(id int) string { return IABAliasPrefix + strconv.Itoa(id) }
