package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/vendex/vendex/data"
)

func cmdCookie(c *cli, args []string) error {
	fs := c.flags("cookie")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("cookie needs a cookie or storage key name, or - to read names from stdin")
	}
	if len(pos) > 1 && slices.Contains(pos, "-") {
		return usagef("cookie reads stdin (-) alone, not with names")
	}
	for _, p := range pos {
		if strings.TrimSpace(p) == "" {
			// No vendor sets a nameless cookie: an empty argument is a slip
			// (an unset shell variable), as search's empty query is.
			return usagef("cookie needs a cookie or storage key name; the name given is empty")
		}
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if len(pos) > 1 || pos[0] == "-" {
		// Several names are answered as lookup answers several hosts: a
		// line each.
		return cookieBatch(c, s, pos, *asJSON)
	}
	ms, err := s.ByCookie(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		type hit struct {
			VendorID string        `json:"vendor_id"`
			Name     string        `json:"name"`
			Category data.Category `json:"category"`
			Key      string        `json:"key"`
			Kind     string        `json:"kind"`
			Lifetime string        `json:"lifetime"`
			Purpose  string        `json:"purpose"`
			Source   string        `json:"source"`
		}
		out := make([]hit, 0, len(ms))
		for _, m := range ms {
			out = append(out, hit{m.VendorID, m.VendorName, m.Category, m.Item.Name, string(m.Item.Kind), m.Item.Lifetime.Code(), m.Item.Purpose, m.Source})
		}
		if err := c.printJSON(out); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		if len(ms) > 0 {
			fmt.Fprintln(tw, "VENDOR\tKIND\tNAME\tLIFETIME\tCATEGORY\tSOURCE\tPURPOSE")
		}
		for _, m := range ms {
			fmt.Fprintf(tw, "%s (%s)\t%s\t%s\t%s\t%s\t%s\t%s\n", data.CleanLine(m.VendorName), m.VendorID, data.CleanLine(string(m.Item.Kind)),
				data.CleanLine(m.Item.Name), m.Item.Lifetime, m.Category.Title(), data.CleanLine(m.Source), data.CleanLine(m.Item.Purpose))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(ms) == 0 {
		fmt.Fprintf(c.stderr, "vendex: no vendor is known to set %s\n", data.Quote(pos[0]))
		return exitError{code: 1}
	}
	return nil
}
