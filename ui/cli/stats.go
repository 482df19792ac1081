package cli

import (
	"fmt"

	"github.com/vendex/vendex/data"
)

func cmdStats(c *cli, args []string) error {
	fs := c.flags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := c.parse(fs, args); err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats()
	if err != nil {
		return err
	}
	layers, err := s.Layers()
	if err != nil {
		return err
	}
	vendors, domains := 0, 0
	for _, x := range st {
		vendors += x.Vendors
		domains += x.Domains
	}
	if *asJSON {
		type cat struct {
			Category string `json:"category"`
			Vendors  int    `json:"vendors"`
			Domains  int    `json:"domains"`
		}
		out := struct {
			Database   string `json:"database"`
			Size       int64  `json:"size_bytes"`
			Catalogue  string `json:"catalogue_version"`
			Vendors    int    `json:"vendors"`
			Domains    int    `json:"domains"`
			Categories []cat  `json:"categories"`
			Layers     int    `json:"layers"`
		}{s.Path(), s.Size(), s.CatalogueVersion(), vendors, domains, nil, len(layers)}
		for _, x := range st {
			out.Categories = append(out.Categories, cat{x.Category.Slug(), x.Vendors, x.Domains})
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "%-20s %8s %8s\n", "Category", "Vendors", "Domains")
	for _, x := range st {
		fmt.Fprintf(c.stdout, "%-20s %8d %8d\n", x.Category.Title(), x.Vendors, x.Domains)
	}
	fmt.Fprintf(c.stdout, "%-20s %8d %8d\n\n", "Total", vendors, domains)
	fmt.Fprintf(c.stdout, "Database:  %s (%s)\n", data.EscapeControls(s.Path()), humanBytes(s.Size()))
	fmt.Fprintf(c.stdout, "Catalogue: %s (embedded %s, vendex %s)\n", s.CatalogueVersion(), data.CatalogueVersion(), Version())
	fmt.Fprintf(c.stdout, "Layers:    %d (vendex sources lists them)\n", len(layers))
	tw := &table{w: c.stdout}
	for _, l := range layers {
		name := l.Name
		if l.File != "" {
			name = string(l.Kind) + ": " + l.File
			if l.Format != "" {
				name += " (" + l.Format + ")" // three datasets ship an entities.json
			}
		}
		noun := "vendors"
		if l.Vendors == 1 {
			noun = "vendor"
		}
		tw.row("  "+truncate(data.CleanLine(name), 60), fmt.Sprintf("%7d %s", l.Vendors, noun))
	}
	return tw.flush()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
