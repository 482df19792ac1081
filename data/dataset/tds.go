package dataset

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/vendex/vendex/data"
)

// tdsTracker and tdsEntity are the DuckDuckGo tracker blocklist's
// (extension-tds.json) records.
type tdsTracker struct {
	Owner struct {
		Name        string `json:"name"`
		DisplayName string `json:"displayName"`
	} `json:"owner"`
	Categories []string `json:"categories"`
}

type tdsEntity struct {
	Domains     []string `json:"domains"`
	DisplayName string   `json:"displayName"`
}

// tdsFile is what tds reads of the file, a record at a time.
type tdsFile struct {
	Trackers map[string]tdsTracker
	Entities map[string]tdsEntity
	Domains  map[string]string
}

func readTDSFile(s *jsonStream) (tdsFile, error) {
	f := tdsFile{map[string]tdsTracker{}, map[string]tdsEntity{}, map[string]string{}}
	err := s.members("", func(key string) error {
		switch key {
		case "trackers":
			return decodeMembers(s, key, f.Trackers)
		case "entities":
			return decodeMembers(s, key, f.Entities)
		case "domains":
			return decodeMembers(s, key, f.Domains)
		}
		return s.skip(strconv.Quote(key))
	})
	return f, err
}

// tds reads the tracker blocklist: each entity is a vendor with its
// domains; each tracker domain adds its categories to its owner (or, with
// no known owner, is a vendor of its own).
func (rd *reader) tds(s *jsonStream) ([][]data.Vendor, error) {
	f, err := readTDSFile(s)
	if err != nil {
		return nil, err
	}
	c := newCollector()
	for _, key := range slices.Sorted(maps.Keys(f.Entities)) {
		e := f.Entities[key]
		v := c.get(key, firstNonEmpty(e.DisplayName, key))
		addAlias(v, key)
		for j, d := range e.Domains {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("entities[%q].domains[%d]", key, j) })
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
		rd.addDomain(v, host, func() string { return fmt.Sprintf("trackers[%q]", host) })
		for _, cat := range t.Categories {
			trCategories.addCategory(v, cat)
		}
	}
	return c.chunks(), nil
}
