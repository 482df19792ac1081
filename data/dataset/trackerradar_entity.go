package dataset

import (
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
func (rd *reader) trEntities(s *jsonStream, one bool) ([][]data.Vendor, error) {
	c := newCollector()
	if one {
		var e trEntity
		if err := s.decode(pathAt(""), &e); err != nil {
			return nil, err
		}
		rd.addTREntity(c, 0, e)
		return c.chunks(), nil
	}
	err := s.elements("", func(i int) error {
		var e trEntity
		if err := s.decode(pathIndex("", i), &e); err != nil {
			return err
		}
		rd.addTREntity(c, i, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c.chunks(), nil
}

// addTREntity adds the entity e, the file's i-th, to c.
func (rd *reader) addTREntity(c *collector, i int, e trEntity) {
	name := firstNonEmpty(e.DisplayName, e.Name)
	if text(name) == "" {
		rd.warn(0, fmt.Sprintf("[%d]", i), "skipped an entity with no name")
		return
	}
	v := c.get(e.Name+"\x00"+name, name)
	addAlias(v, e.Name)
	v.Owner = cmp.Or(v.Owner, text(e.Parent))
	for j, d := range e.Properties {
		rd.addDomain(v, d, func() string { return fmt.Sprintf("[%d].properties[%d]", i, j) })
	}
}
