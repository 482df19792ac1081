package dataset

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// Disconnect services.json categories.
var disconnectCategories = categoryTable{
	"advertising": data.Marketing, "social": data.Marketing, "email": data.Marketing, "emailaggressive": data.Marketing,
	"analytics": data.Analytics, "content": data.Functional,
	"consentmanagers": data.StrictlyNecessary, "anti-fraud": data.StrictlyNecessary,
}

// disconnect reads Disconnect's services.json ({categories: {Advertising:
// [{"<Entity>": {"<homepage>": [domains], "session-replay": "true"}}]}})
// and its entities.json ({entities: {"<Entity>": {properties, resources}}}).
func (rd *reader) disconnect(s *jsonStream) ([][]data.Vendor, error) {
	var f struct {
		Categories map[string][]map[string]map[string]json.RawMessage
		Entities   map[string]struct {
			Properties []string `json:"properties"`
			Resources  []string `json:"resources"`
		}
	}
	f.Categories, f.Entities = map[string][]map[string]map[string]json.RawMessage{}, map[string]struct {
		Properties []string `json:"properties"`
		Resources  []string `json:"resources"`
	}{}
	err := s.members("", func(key string) error {
		switch key {
		case "categories":
			// A category's list of groups, each entity's sites: small
			// records, read one at a time.
			return s.members(key, func(cat string) error {
				groups := f.Categories[cat]
				err := decodeElements(s, fmt.Sprintf("categories[%q]", cat), &groups)
				f.Categories[cat] = groups
				return err
			})
		case "entities":
			return decodeMembers(s, key, f.Entities)
		}
		return s.skip(strconv.Quote(key))
	})
	if err != nil {
		return nil, err
	}
	c := newCollector()
	for _, cat := range slices.Sorted(maps.Keys(f.Categories)) {
		for i, group := range f.Categories[cat] {
			for _, ent := range slices.Sorted(maps.Keys(group)) {
				v := c.get(ent, ent)
				disconnectCategories.addCategory(v, cat)
				for _, site := range slices.Sorted(maps.Keys(group[ent])) {
					path := fmt.Sprintf("categories[%q][%d][%q][%q]", cat, i, ent, site)
					raw := bytes.TrimSpace(group[ent][site])
					switch {
					case len(raw) > 0 && raw[0] == '[':
						var ds []string
						if err := json.Unmarshal(raw, &ds); err != nil {
							return nil, rd.fail(0, path, fmt.Errorf("want a list of domains: %v", err))
						}
						if strings.HasPrefix(site, "http") {
							v.Website = cmp.Or(v.Website, text(site))
						}
						for j, d := range ds {
							rd.addDomain(v, d, func() string { return fmt.Sprintf("%s[%d]", path, j) })
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
	for _, key := range slices.Sorted(maps.Keys(f.Entities)) {
		e := f.Entities[key]
		v := c.get(key, key)
		for j, d := range e.Properties {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("entities[%q].properties[%d]", key, j) })
		}
		for j, d := range e.Resources {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("entities[%q].resources[%d]", key, j) })
		}
	}
	return c.chunks(), nil
}
