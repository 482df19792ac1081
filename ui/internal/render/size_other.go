//go:build !unix

package render

import (
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// Supported reports whether Run can drive this system's terminal: raw
// mode and escape sequences as a Unix terminal takes them. A Windows
// console needs the set-up Bubble Tea's own renderer does (virtual
// terminal output, mouse input), which tea.WithoutRenderer skips.
const Supported = false

// CanSuspend says whether ctrl+z can stop the process and the shell
// resume it (job control, SIGTSTP and SIGCONT).
const CanSuspend = false

// watchSize sends p the terminal's size once: there is no SIGWINCH here.
func watchSize(p *tea.Program, out *os.File) (stop func()) {
	go sendSize(p, out)
	return func() {}
}
