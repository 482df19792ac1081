package cli

import (
	"errors"
	"os"
	"strings"
	"sync"

	"github.com/charmbracelet/x/term"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui"
)

// isTerminal reports whether the stream is a terminal: only an *os.File can
// be one.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func cmdBrowse(c *cli, args []string) error {
	fs := c.flags("browse")
	onScan := fs.Bool("scan", false, "open on a site audit of the capture files named")
	sf := addScanFlags(fs)
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if !isTerminal(c.stdout) || !isTerminal(c.stdin) {
		return errors.New("the browser needs a terminal; when piping, use 'vendex search QUERY', 'vendex show VENDOR', 'vendex lookup HOST' or 'vendex scan FILE'")
	}
	if *onScan {
		a, err := sf.args()
		if err != nil {
			return err
		}
		r, s, err := c.audit(a, pos)
		if err != nil {
			return err
		}
		defer s.Close()
		return ui.Run(s, "", ui.WithScan(r))
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	var mu sync.Mutex // reopen runs in a command's goroutine
	opened := []*store.Store{s}
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range opened {
			s.Close()
		}
	}()
	// An import or forget in another terminal lands as a new file: the
	// browser opens it then, and every handle is closed when it quits.
	reopen := func() (ui.Catalog, error) {
		s, err := c.open()
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		opened = append(opened, s)
		return s, nil
	}
	return ui.Run(s, strings.Join(pos, " "), ui.WithReopen(reopen))
}
