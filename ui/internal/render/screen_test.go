package render

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/vendex/vendex/ui/internal/render/rendertest"
)

// gate is a terminal whose every write waits to be let through, as a
// slow terminal holds the writer.
type gate struct {
	term     *rendertest.Terminal
	entered  chan struct{}
	release  chan struct{}
	mu       sync.Mutex
	finished []string // what each write showed, in order
}

func newGate(w, h int) *gate {
	return &gate{term: rendertest.New(w, h), entered: make(chan struct{}), release: make(chan struct{})}
}

func (g *gate) Write(b []byte) (int, error) {
	g.entered <- struct{}{}
	<-g.release
	n, err := g.term.Write(b)
	g.mu.Lock()
	g.finished = append(g.finished, "frame")
	g.mu.Unlock()
	return n, err
}

func TestViewsMadeWhileAFrameIsWrittenBecomeOneFrame(t *testing.T) {
	g := newGate(20, 2)
	s := NewScreen(g)
	s.Resize(20, 2)
	s.Start()
	s.Frame(lines("Search: t", "56 of 1255"))
	<-g.entered // the first frame is on its way to a slow terminal
	s.Frame(lines("Search: tw", "56 of 1255"))
	s.Frame(lines("Search: twi", "56 of 1255"))
	s.Frame(lines("Search: twi", "12 of 1255"))
	g.release <- struct{}{}
	<-g.entered
	g.release <- struct{}{}
	s.Stop()
	if n := g.term.Writes(); n != 2 {
		t.Errorf("four views took %d writes, want 2 (the first, then the latest)", n)
	}
	if got, want := g.term.Screen(), lines("Search: twi", "12 of 1255"); got != want {
		t.Errorf("the screen shows\n%s\nwant\n%s", got, want)
	}
}

func TestStopWritesTheLastViewHandedIn(t *testing.T) {
	term := rendertest.New(20, 1)
	s := NewScreen(term)
	s.Resize(20, 1)
	s.Frame("Bye")
	s.Start()
	s.Stop()
	if got := term.Screen(); got != "Bye" {
		t.Errorf("the screen shows %q after Stop, want Bye", got)
	}
}

func TestASequenceForTheTerminalWaitsForTheFrameBeingWritten(t *testing.T) {
	g := newGate(20, 1)
	s := NewScreen(g)
	s.Resize(20, 1)
	s.Start()
	s.Frame("Twilio")
	<-g.entered
	osc := s.Writer(writerFunc(func(b []byte) (int, error) {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.finished = append(g.finished, "clipboard")
		return len(b), nil
	}))
	copied := make(chan struct{})
	go func() {
		_, _ = osc.Write([]byte("\x1b]52;c;dHdpbGlv\a"))
		close(copied)
	}()
	time.Sleep(20 * time.Millisecond) // time for the clipboard write to cut in, were it not held
	g.release <- struct{}{}
	<-copied
	s.Stop()
	g.mu.Lock()
	defer g.mu.Unlock()
	if got := strings.Join(g.finished, ", "); got != "frame, clipboard" {
		t.Errorf("the terminal took %s; the clipboard's sequence cut into the frame", got)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// searchBox is a program shaped like the browser's list: a key changes
// the search line at once, and its result comes later from a command; a
// tick changes nothing.
type searchBox struct {
	query, shown string
}

type resultMsg string
type tickMsg struct{}

func (m searchBox) Init() tea.Cmd { return nil }

func (m searchBox) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		m.query += msg.String()
		q := m.query
		return m, func() tea.Msg { return resultMsg(strings.ToUpper(q)) }
	case resultMsg:
		m.shown = string(msg)
	}
	return m, nil
}

func (m searchBox) View() string { return lines("Search: "+m.query, "Result: "+m.shown) }

func TestEachKeysResultReachesTheScreenAndATickWritesNothing(t *testing.T) {
	term := rendertest.New(20, 2)
	s := NewScreen(term)
	s.Start()
	tm := teatest.NewTestModel(t, Wrap(searchBox{}, s), teatest.WithInitialTermSize(20, 2))
	for i, k := range "twi" {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{k}})
		q := "twi"[:i+1]
		waitScreen(t, term, lines("Search: "+q, "Result: "+strings.ToUpper(q)))
	}
	writes := term.Writes()
	for range 5 {
		tm.Send(tickMsg{})
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("l")})
	waitScreen(t, term, lines("Search: twil", "Result: TWIL"))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	s.Stop()
	// The key "l" takes one or two frames (its search line, its result);
	// the five ticks before it none.
	if n := term.Writes() - writes; n > 2 {
		t.Errorf("five ticks and a key took %d writes; a tick that changes nothing writes nothing", n)
	}
	if got := Model(tm.FinalModel(t)).(searchBox).shown; got != "TWIL" {
		t.Errorf("the program's own model is %q, want TWIL", got)
	}
}

func waitScreen(t *testing.T, term *rendertest.Terminal, want string) {
	t.Helper()
	end := time.Now().Add(5 * time.Second)
	for term.Screen() != want {
		if time.Now().After(end) {
			t.Fatalf("the screen shows\n%s\nwant\n%s", term.Screen(), want)
		}
		time.Sleep(time.Millisecond)
	}
}

// boom panics in Update on "p", and in a batched command on "c".
type boom struct{}

func (boom) Init() tea.Cmd { return nil }
func (b boom) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(tea.KeyMsg).String() {
	case "p":
		panic("a bug in Update")
	case "c":
		return b, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("a bug in a command") })
	}
	return b, nil
}
func (boom) View() string { return "boom" }

// panics runs f and reports whether it panicked.
func panics(f func()) (did bool) {
	defer func() { did = recover() != nil }()
	f()
	return false
}

// A panic in the program, in Update or in a batched command, gives the
// terminal back before Bubble Tea prints it, so that the report lands on
// the person's own screen; after that no frame is written.
func TestAPanicGivesTheTerminalBackFirst(t *testing.T) {
	for _, key := range []string{"p", "c"} {
		term := rendertest.New(20, 1)
		s := NewScreen(term)
		s.Resize(20, 1)
		restored := 0
		s.restore = func() { restored++ }
		s.Start()
		d := Wrap(boom{}, s)
		d.View()
		var cmd tea.Cmd
		did := panics(func() { _, cmd = d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(key)}) })
		if cmd != nil {
			batch := cmd().(tea.BatchMsg)
			for _, c := range batch {
				did = panics(func() { c() }) || did
			}
		}
		if !did {
			t.Fatalf("%s: the panic was swallowed", key)
		}
		if restored != 1 {
			t.Errorf("%s: the terminal was given back %d times, want once", key, restored)
		}
		writes := term.Writes()
		s.Frame("after")
		s.Stop()
		s.giveBack()
		if restored != 1 || term.Writes() != writes {
			t.Errorf("%s: after the panic the screen wrote %d more frames and gave back %d times", key, term.Writes()-writes, restored)
		}
	}
}

// Model is, for the tests, the program's own model inside the wrapper.
func Model(m tea.Model) tea.Model {
	if d, ok := m.(drawn); ok {
		return d.m
	}
	return m
}

// ctrl+z suspends as the shell would (in raw mode it is only a key): the
// terminal is given back first, the program never sees the key, nothing is
// drawn while suspended, and on resume the terminal is taken again and the
// whole view drawn anew over what the shell wrote meanwhile (trial6: ctrl+z
// did nothing, and the next text typed landed in the search box).
func TestCtrlZSuspendsAndResumeDrawsEverythingAgain(t *testing.T) {
	term := rendertest.New(20, 2)
	s := NewScreen(term)
	s.Resize(20, 2)
	restored, reopened := 0, 0
	s.restore = func() { restored++ }
	s.reopen = func() { reopened++ }
	s.Start()
	var d tea.Model = Wrap(searchBox{query: "tw"}, s)
	d.View()
	waitScreen(t, term, lines("Search: tw", "Result:"))
	d, cmd := d.Update(tea.KeyMsg{Type: tea.KeyCtrlZ})
	if cmd == nil || cmd() != tea.Suspend() {
		t.Fatal("ctrl+z did not ask Bubble Tea to suspend")
	}
	if restored != 1 || d.(drawn).m.(searchBox).query != "tw" {
		t.Fatalf("given back %d times; the program saw the key: %q", restored, d.(drawn).m.(searchBox).query)
	}
	writes := term.Writes()
	d.View()
	time.Sleep(20 * time.Millisecond)
	if term.Writes() != writes {
		t.Error("a frame was written while suspended")
	}
	term.Write([]byte("\x1b[H\x1b[2J$ ls")) // the shell's screen
	d, _ = d.Update(tea.ResumeMsg{})
	d.View()
	waitScreen(t, term, lines("Search: tw", "Result:"))
	if reopened != 1 {
		t.Errorf("the terminal was taken again %d times, want once", reopened)
	}
	s.Stop()
}
