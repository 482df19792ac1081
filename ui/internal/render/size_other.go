//go:build !unix

package render

import (
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// watchSize sends p the terminal's size once: there is no SIGWINCH here.
func watchSize(p *tea.Program, out *os.File) (stop func()) {
	go sendSize(p, out)
	return func() {}
}
