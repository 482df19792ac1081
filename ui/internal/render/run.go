package render

import (
	"fmt"
	"io"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// What Bubble Tea v1 writes when a program with the alternate screen, cell
// motion mouse and focus reports starts, and when it ends: the terminal is
// set up and restored exactly as before, only the frames come sooner.
const (
	setUp = ansi.HideCursor +
		ansi.SetModeAltScreenSaveCursor + ansi.EraseEntireScreen + ansi.CursorHomePosition + ansi.HideCursor +
		ansi.SetModeBracketedPaste +
		ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr +
		ansi.SetModeFocusEvent
	tearDown = ansi.EraseEntireLine + "\r" +
		ansi.ResetModeBracketedPaste +
		ansi.ShowCursor +
		ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr +
		ansi.ResetModeFocusEvent +
		ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor
)

// Run runs m full-screen on the terminal, reading keys from in (in raw
// mode while it runs) and drawing on s, which writes to the terminal out;
// it returns when m quits, with the terminal as it found it.
func Run(m tea.Model, s *Screen, in, out *os.File) error {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return fmt.Errorf("put the terminal in raw mode: %w", err)
	}
	s.restore = func() {
		_, _ = io.WriteString(s.out, tearDown)
		_ = term.Restore(in.Fd(), state)
	}
	s.write(setUp)
	s.Start()
	p := tea.NewProgram(Wrap(m, s), tea.WithoutRenderer(), tea.WithInput(in))
	if CanSuspend {
		s.reopen = func() {
			_, _ = term.MakeRaw(in.Fd())
			_, _ = io.WriteString(s.out, setUp)
			go sendSize(p, out) // the terminal may have been resized meanwhile
		}
	}
	// Without its renderer Bubble Tea does not watch the terminal's size.
	stop := watchSize(p, out)
	_, err = p.Run()
	stop()
	s.Stop()
	s.giveBack()
	// As Bubble Tea does: give the terminal a moment to leave the
	// alternate screen before the shell writes to it.
	time.Sleep(10 * time.Millisecond)
	return err
}

// sendSize sends p the size of terminal out.
func sendSize(p *tea.Program, out *os.File) {
	if w, h, err := term.GetSize(out.Fd()); err == nil {
		p.Send(tea.WindowSizeMsg{Width: w, Height: h})
	}
}
