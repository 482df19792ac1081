package cli

import (
	"fmt"
	"io"

	"github.com/vendex/vendex/data"
)

func cmdCoverage(c *cli, args []string) error {
	fs := c.flags("coverage")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	top := fs.Int("top", 20, "list this many of the heaviest unattributed hosts")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("coverage needs one file of hosts (or - for stdin)")
	}
	if *top < 0 {
		return usagef("--top must be 0 or more") // as search's --limit
	}
	var r io.Reader = c.stdin
	if pos[0] != "-" {
		f, err := openInput(pos[0], "a file of hosts in it (one a line, or a CSV or JSON list), or - to read stdin")
		if err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
		defer f.Close()
		r = f
	}
	hosts, err := data.ReadHostCounts(r)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if len(hosts) == 0 {
		return fmt.Errorf("%s: no hosts in the file", pos[0])
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.Coverage(hosts, *top)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.printJSON(rep)
	}
	fmt.Fprintf(c.stdout, "Hosts:       %d (%d attributed, %d not)\n", rep.Hosts, rep.HostsFound, rep.Hosts-rep.HostsFound)
	fmt.Fprintf(c.stdout, "Weighted:    %.2f%% of %d occurrences\n", rep.Weighted, rep.Occurrences)
	fmt.Fprintf(c.stdout, "Unweighted:  %.2f%% of hosts\n", rep.Unweighted)
	if rep.DomainNamed > 0 {
		fmt.Fprintf(c.stdout, "No owner:    %.2f%% weighted, %s of these: attributed only to a vendor\n", rep.WeightedDomainNamed, data.Plural(rep.DomainNamed, "host"))
		fmt.Fprintf(c.stdout, "             an import names after its own domain (a record with no owner)\n")
	}
	fmt.Fprintf(c.stdout, "Vendors hit: %d\n", rep.Vendors)
	if len(rep.Missing) > 0 {
		fmt.Fprintf(c.stdout, "\nHeaviest unattributed hosts:\n")
		for _, m := range rep.Missing {
			fmt.Fprintf(c.stdout, "  %-50s %10d  %.3f%%\n", data.CleanLine(m.Host), m.Count, m.Share)
		}
	}
	return nil
}
