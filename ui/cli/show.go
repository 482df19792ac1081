package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/ui"
)

func cmdShow(c *cli, args []string) error {
	fs := c.flags("show")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	v, names, err := c.vendorArg(pos, "show")
	if err != nil {
		return err
	}
	_, err = io.WriteString(c.stdout, renderShow(c.stdout, card.Build(v, names)))
	return err
}

// renderShow is the card for `vendex show`: styled to the terminal's width
// on a terminal, plain text when piped.
func renderShow(w io.Writer, cd card.Card) string {
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		width, _, err := term.GetSize(f.Fd())
		if err != nil || width <= 0 {
			width = 80
		}
		if _, ok := os.LookupEnv("NO_COLOR"); ok {
			lipgloss.SetColorProfile(termenv.Ascii)
		}
		return ui.RenderCard(cd, width) + "\n"
	}
	return card.Text(cd, 80)
}
