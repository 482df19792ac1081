//go:build unix

package render

import (
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
)

// Supported reports whether Run can drive this system's terminal.
const Supported = true

// CanSuspend says whether ctrl+z can stop the process and the shell
// resume it (job control, SIGTSTP and SIGCONT).
const CanSuspend = true

// watchSize sends p the terminal's size now and after every change, until
// the returned function is called.
func watchSize(p *tea.Program, out *os.File) (stop func()) {
	changed := make(chan os.Signal, 1)
	signal.Notify(changed, syscall.SIGWINCH)
	done := make(chan struct{})
	go func() {
		sendSize(p, out)
		for {
			select {
			case <-changed:
				sendSize(p, out)
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(changed)
		close(done)
	}
}
