package cli

import (
	"errors"
	"os"
	"strings"

	"github.com/vendex/vendex/ui"
)

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func cmdBrowse(c *cli, args []string) error {
	fs := c.flags("browse")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if !isTerminal(c.stdout) || !isTerminal(c.stdin) {
		return errors.New("the browser needs a terminal; when piping, use 'vendex search QUERY', 'vendex show VENDOR' or 'vendex lookup HOST'")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	return ui.Run(s, strings.Join(pos, " "))
}
