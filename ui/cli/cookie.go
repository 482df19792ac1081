package cli

import (
	"slices"
	"strings"
)

func cmdCookie(c *cli, args []string) error {
	fs := c.flags("cookie")
	asJSON := fs.Bool("json", false, "one JSON object per line: each owner of each name (as lookup --json)")
	all := fs.Bool("all", false, "list every vendor that sets each name, not only the first")
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
	// One name asks who sets it: every vendor. Several are answered as
	// lookup answers several hosts, a line each, unless --all.
	one := len(pos) == 1 && pos[0] != "-"
	return cookieBatch(c, s, pos, *asJSON, *all || one)
}
