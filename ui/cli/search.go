package cli

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/search"
)

func cmdSearch(c *cli, args []string) error {
	fs := c.flags("search")
	limit := fs.Int("limit", 10, "at most this many results (0: all)")
	asJSON := fs.Bool("json", false, "one JSON object a line, a vendor each (as lookup --json)")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(strings.Join(pos, " ")) == "" {
		return usagef("search needs a query")
	}
	if *limit < 0 {
		return usagef("search: --limit must be 0 or more (0 shows every match)")
	}
	// Everything allocated here lives until the answer is printed: with
	// every dataset, the collector's default pace ran three times for
	// nothing, a sixth of the command.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	sc := search.NewScan(strings.Join(pos, " "))
	if err := s.EachBrief(sc.Skips, sc.Add); err != nil {
		return err
	}
	hits := sc.Results()
	if *limit > 0 && len(hits) > *limit {
		hits = hits[:*limit]
	}
	if *asJSON {
		// One object a line, as lookup --json and cookie --json print
		// theirs: a script reads every command's answers the same way.
		type hit struct {
			ID       string        `json:"id"`
			Name     string        `json:"name"`
			Category data.Category `json:"category"`
			Matched  string        `json:"matched"`
			Score    int           `json:"score"`
		}
		enc := json.NewEncoder(jsonEscaper{c.stdout})
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			if err := enc.Encode(hit{h.Vendor.ID, h.Vendor.Name, data.Category(h.Vendor.Category.Slug()), h.Text, h.Score}); err != nil {
				return err
			}
		}
		if len(hits) > 0 {
			return nil
		}
	}
	if len(hits) == 0 {
		// As with cookie and lookup, --json or not: 1 when nothing is found.
		fmt.Fprintf(c.stderr, "vendex: no vendor matches %s\n", data.Quote(strings.Join(pos, " ")))
		return exitError{code: 1}
	}
	tw := &table{w: c.stdout}
	tw.row("VENDOR", "CATEGORY", "ID", "MATCHED")
	for _, h := range hits {
		tw.row(truncate(data.CleanLine(h.Vendor.Name), 40), h.Vendor.Category.Title(), h.Vendor.ID, truncate(data.CleanLine(h.Text), 40))
	}
	return tw.flush()
}
