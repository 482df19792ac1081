package dataset

import (
	"bytes"
	"cmp"
	"fmt"

	"github.com/vendex/vendex/data"
)

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
func (rd *reader) trEntities(b []byte) ([]data.Vendor, error) {
	var es []trEntity
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		var e trEntity
		if err := rd.decodeJSON(b, &e); err != nil {
			return nil, err
		}
		es = []trEntity{e}
	} else if err := rd.decodeJSON(b, &es); err != nil {
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
		v.Owner = cmp.Or(v.Owner, text(e.Parent))
		for j, d := range e.Properties {
			rd.addDomain(v, d, fmt.Sprintf("[%d].properties[%d]", i, j))
		}
	}
	return c.vendors(), nil
}
