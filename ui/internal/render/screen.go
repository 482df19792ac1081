package render

import (
	"bytes"
	"io"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// Screen writes a program's views to the terminal from a goroutine of its
// own: Frame hands it a view and returns at once, and the views handed in
// while a frame is being written are coalesced into the next one.
type Screen struct {
	// mu guards the frame waiting to be written; the painter is the
	// writer's alone.
	mu      sync.Mutex
	next    string
	waiting bool
	size    *[2]int // a new size, taken with the next frame

	// out is the terminal; outMu is held for every write to it, the
	// frames' and those of Writer, so that no sequence lands inside a
	// frame.
	outMu sync.Mutex
	out   io.Writer
	paint painter
	buf   bytes.Buffer
	// restore gives the terminal back (set by Run); once it has, the
	// screen writes nothing more.
	restore  func()
	restored bool
	// reopen takes the terminal again after a suspend (set by Run, where
	// the system can suspend a process); nil where it cannot.
	reopen func()

	wake chan struct{}
	stop chan struct{}
	done chan struct{}
}

// NewScreen returns a screen writing to out; Start sets it going.
func NewScreen(out io.Writer) *Screen {
	return &Screen{out: out, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// Start starts the goroutine that writes frames.
func (s *Screen) Start() {
	go func() {
		defer close(s.done)
		for {
			select {
			case <-s.wake:
				s.flush()
			case <-s.stop:
				return
			}
		}
	}()
}

// Stop writes the last view handed in, if not yet written, and stops the
// writer.
func (s *Screen) Stop() {
	close(s.stop)
	<-s.done
	s.flush()
}

// Frame hands the screen the program's latest view.
func (s *Screen) Frame(view string) {
	s.mu.Lock()
	s.next, s.waiting = view, true
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // the writer is already woken: it will take this view
	}
}

// Resize tells the screen the terminal's size: the next frame is cut to
// it and draws every line.
func (s *Screen) Resize(w, h int) {
	s.mu.Lock()
	s.size = &[2]int{w, h}
	s.mu.Unlock()
}

// flush writes the waiting view, if any, as the difference from the one
// shown.
func (s *Screen) flush() {
	s.mu.Lock()
	if !s.waiting {
		s.mu.Unlock()
		return
	}
	view, size := s.next, s.size
	s.waiting, s.size = false, nil
	s.mu.Unlock()
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if s.restored {
		return
	}
	if size != nil {
		s.paint.resize(size[0], size[1])
	}
	s.buf.Reset()
	s.paint.paint(&s.buf, view)
	if s.buf.Len() > 0 {
		_, _ = s.out.Write(s.buf.Bytes())
	}
}

// write sends a sequence to the terminal between frames.
func (s *Screen) write(seq string) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	_, _ = io.WriteString(s.out, seq)
}

// giveBack restores the terminal, once: at the end, or at once on a panic
// so that Bubble Tea's report of it lands on the person's screen, not on
// the alternate one about to be left.
func (s *Screen) giveBack() {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if s.restored || s.restore == nil {
		return
	}
	s.restore()
	s.restored = true
}

// suspend gives the terminal back for a while (ctrl+z), reporting
// whether it did: frames wait until resume.
func (s *Screen) suspend() bool {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if s.restored || s.restore == nil || s.reopen == nil {
		return false
	}
	s.restore()
	s.restored = true
	return true
}

// resume takes the terminal again after suspend; the next frame draws
// every line, on a screen the shell has written over meanwhile.
func (s *Screen) resume() {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if !s.restored || s.reopen == nil {
		return
	}
	s.reopen()
	s.restored = false
	s.paint.repaint()
}

// givesBackOnPanic is deferred around the program's code: a panic gives
// the terminal back and goes on.
func (s *Screen) givesBackOnPanic() {
	if r := recover(); r != nil {
		s.giveBack()
		panic(r)
	}
}

// Writer returns w writing between frames, never inside one: for
// sequences bound for the same terminal by another stream (OSC 52 on
// standard error).
func (s *Screen) Writer(w io.Writer) io.Writer { return lockedWriter{s, w} }

type lockedWriter struct {
	s *Screen
	w io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.s.outMu.Lock()
	defer l.s.outMu.Unlock()
	return l.w.Write(b)
}

// Wrap returns m drawn on s: every view m makes is handed to s, and the
// size of every tea.WindowSizeMsg told to it first. The wrapper's own View
// is empty, for a program running without Bubble Tea's renderer.
func Wrap(m tea.Model, s *Screen) tea.Model { return drawn{m, s} }

type drawn struct {
	m tea.Model
	s *Screen
}

func (d drawn) Init() tea.Cmd {
	defer d.s.givesBackOnPanic()
	return d.guard(d.m.Init())
}

func (d drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer d.s.givesBackOnPanic()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.s.Resize(msg.Width, msg.Height)
	case tea.KeyMsg:
		// In raw mode ctrl+z is a key, not the shell's suspend: do what
		// the shell would, handing the terminal back first (Bubble Tea's
		// renderer does the same for its programs).
		if msg.Type == tea.KeyCtrlZ && d.s.suspend() {
			return d, tea.Suspend
		}
	case tea.ResumeMsg:
		d.s.resume()
	}
	m, cmd := d.m.Update(msg)
	return drawn{m, d.s}, d.guard(cmd)
}

// View is called by Bubble Tea after every message, and once before the
// first: the moment to hand the screen the new view.
func (d drawn) View() string {
	defer d.s.givesBackOnPanic()
	d.s.Frame(d.m.View())
	return ""
}

// guard runs cmd, and the commands of a batch it returns, giving the
// terminal back if one panics.
func (d drawn) guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		defer d.s.givesBackOnPanic()
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = d.guard(b[i])
			}
		}
		return msg
	}
}
