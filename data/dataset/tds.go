package dataset

import (
	"fmt"
	"maps"
	"slices"

	"github.com/vendex/vendex/data"
)

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
func (rd *reader) tds(b []byte) ([]data.Vendor, error) {
	var f tdsFile
	if err := rd.decodeJSON(b, &f); err != nil {
		return nil, err
	}
	c := newCollector()
	for _, key := range slices.Sorted(maps.Keys(f.Entities)) {
		e := f.Entities[key]
		v := c.get(key, firstNonEmpty(e.DisplayName, key))
		addAlias(v, key)
		for j, d := range e.Domains {
			rd.addDomain(v, d, fmt.Sprintf("entities[%q].domains[%d]", key, j))
		}
	}
	for _, host := range slices.Sorted(maps.Keys(f.Trackers)) {
		t := f.Trackers[host]
		owner := t.Owner.Name
		if owner == "" {
			owner = f.Domains[host]
		}
		var v *data.Vendor
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
