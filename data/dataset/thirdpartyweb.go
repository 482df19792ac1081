package dataset

import (
	"cmp"
	"fmt"

	"github.com/vendex/vendex/data"
)

// third-party-web "category" (data/categories.json).
var tpwCategories = categoryTable{
	"ad": data.Marketing, "analytics": data.Analytics, "marketing": data.Marketing, "social": data.Marketing,
	"customer-success": data.Functional, "consent-provider": data.StrictlyNecessary,
	"tag-manager": data.Functional, "utility": data.Functional, "hosting": data.Functional,
	"content": data.Functional, "cdn": data.Functional, "video": data.Functional,
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
func (rd *reader) thirdPartyWeb(s *jsonStream) ([][]data.Vendor, error) {
	c := newCollector()
	err := s.elements("", func(i int) error {
		var e tpwEntity
		if err := s.decode(pathIndex("", i), &e); err != nil {
			return err
		}
		if text(e.Name) == "" {
			rd.warn(0, fmt.Sprintf("[%d]", i), "skipped an entity with no name")
			return nil
		}
		v := c.get(e.Name, e.Name)
		if co := text(e.Company); co != "" && co != v.Name {
			v.Owner = cmp.Or(v.Owner, co)
		}
		v.Website = cmp.Or(v.Website, text(e.Homepage))
		tpwCategories.addCategory(v, e.Category)
		for j, d := range e.Domains {
			rd.addDomain(v, d, func() string { return fmt.Sprintf("[%d].domains[%d]", i, j) })
		}
		for _, p := range e.Products {
			addAlias(v, p.Name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c.chunks(), nil
}
