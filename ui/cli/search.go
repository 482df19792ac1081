package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/sahilm/fuzzy"
	"github.com/vendex/vendex/data"
)

func cmdSearch(c *cli, args []string) error {
	fs := c.flags("search")
	limit := fs.Int("limit", 10, "at most this many results (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search needs a query")
	}
	if *limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	vs, err := s.All()
	if err != nil {
		return err
	}
	hits := searchVendors(vs, strings.Join(pos, " "))
	if *limit > 0 && len(hits) > *limit {
		hits = hits[:*limit]
	}
	if *asJSON {
		type hit struct {
			ID       string        `json:"id"`
			Name     string        `json:"name"`
			Category data.Category `json:"category"`
			Matched  string        `json:"matched"`
			Score    int           `json:"score"`
		}
		out := make([]hit, 0, len(hits))
		for _, h := range hits {
			out = append(out, hit{h.v.ID, h.v.Name, h.v.Category, h.matched, h.score})
		}
		return c.printJSON(out)
	}
	if len(hits) == 0 {
		fmt.Fprintf(c.stderr, "vendex: no vendor matches %q\n", strings.Join(pos, " "))
		return exitError{1}
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VENDOR\tCATEGORY\tID\tMATCHED")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", truncate(data.CleanLine(h.v.Name), 40), h.v.Category.Title(), h.v.ID, truncate(data.CleanLine(h.matched), 40))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return nil
}

// truncate cuts s to n runes, ending in an ellipsis when it was longer.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

type searchHit struct {
	v       data.Vendor
	matched string
	score   int
}

// searchVendors ranks vendors by their best-scoring name or alias
// (sahilm/fuzzy), ties broken by name.
func searchVendors(vs []data.Vendor, q string) []searchHit {
	var strs []string
	var owner []int
	for i, v := range vs {
		for _, n := range append([]string{v.Name}, v.Aliases...) {
			strs = append(strs, n)
			owner = append(owner, i)
		}
	}
	best := map[int]searchHit{}
	for _, m := range fuzzy.Find(q, strs) {
		i := owner[m.Index]
		if h, ok := best[i]; !ok || m.Score > h.score {
			best[i] = searchHit{vs[i], strs[m.Index], m.Score}
		}
	}
	hits := make([]searchHit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	q = strings.TrimSpace(q)
	sort.Slice(hits, func(i, j int) bool {
		// As in the browser: a name or alias with a word that starts with
		// the query first, then the catalogue's vendors before those only
		// imports know.
		if a, b := data.WordPrefixFold(hits[i].matched, q), data.WordPrefixFold(hits[j].matched, q); a != b {
			return a
		}
		if a, b := hits[i].v.FromImportsOnly(), hits[j].v.FromImportsOnly(); a != b {
			return b
		}
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return strings.ToLower(hits[i].v.Name) < strings.ToLower(hits[j].v.Name)
	})
	return hits
}
