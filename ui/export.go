package ui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// exportCard writes c's Markdown card to dir/<id>.md, or to the first free
// "<id>-2.md"... when that exists: never over an existing file. The write is
// atomic (temporary file, then a link that fails if the name was taken
// meanwhile).
func exportCard(c card.Card, dir string) tea.Cmd {
	return func() tea.Msg {
		want := filepath.Join(dir, c.ID+".md")
		doc := []byte(card.Markdown(c))
		for range 5 {
			path, err := data.FreeName(want)
			if err == nil {
				err = data.WriteFileAtomic(path, doc, false)
			}
			if errors.Is(err, data.ErrExists) {
				continue // taken between the check and the write: try the next name
			}
			if err != nil {
				return statusMsg{text: "Export failed: " + data.CleanLine(err.Error()), err: true}
			}
			text := "Wrote " + shownPath(path)
			if path != want {
				text += fmt.Sprintf(" (%s exists, left as it was)", filepath.Base(want))
			}
			return statusMsg{text: text}
		}
		return statusMsg{text: "Export failed: no free file name next to " + want, err: true}
	}
}

// shownPath is path as a person can type it back: a relative path starts
// with ./ so that "twilio.md" reads as a file here, not as a bare word.
func shownPath(path string) string {
	if filepath.IsAbs(path) || strings.HasPrefix(path, ".."+string(filepath.Separator)) {
		return path
	}
	return "." + string(filepath.Separator) + path
}

// copyCard puts c's Markdown card on the clipboard with OSC 52, which the
// terminal (even over ssh) carries to the system clipboard.
func copyCard(c card.Card, w io.Writer) tea.Cmd {
	return func() tea.Msg {
		doc := card.Markdown(c)
		termenv.NewOutput(w).Copy(doc)
		return statusMsg{text: fmt.Sprintf("Copied the %s card to the clipboard (Markdown, %d bytes, OSC 52)", c.Name, len(doc))}
	}
}
