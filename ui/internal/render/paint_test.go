package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vendex/vendex/ui/internal/render/rendertest"
)

// screenOf is a terminal of w x h and a painter of the same size, with
// what each frame wrote.
type screenOf struct {
	t       *testing.T
	term    *rendertest.Terminal
	p       painter
	written string
}

func newScreenOf(t *testing.T, w, h int) *screenOf {
	s := &screenOf{t: t, term: rendertest.New(w, h)}
	s.p.resize(w, h)
	return s
}

// show paints view and returns what the terminal shows.
func (s *screenOf) show(view string) string {
	var b bytes.Buffer
	s.p.paint(&b, view)
	s.written = b.String()
	_, _ = s.term.Write(b.Bytes())
	return s.term.Screen()
}

func lines(ls ...string) string { return strings.Join(ls, "\n") }

func TestTheFirstFrameShowsEveryLineCutToTheWidth(t *testing.T) {
	s := newScreenOf(t, 10, 4)
	got := s.show(lines("vendex", "Search: twilio", "\x1b[1m› Twilio\x1b[0m"))
	want := lines("vendex", "Search: tw", "› Twilio", "")
	if got != want {
		t.Errorf("the screen shows\n%q\nwant\n%q", got, want)
	}
}

func TestAKeystrokeRewritesOnlyTheLinesItChanged(t *testing.T) {
	s := newScreenOf(t, 40, 5)
	s.show(lines("vendex · 1255 of 1255", "Search: ", "› Adobe Analytics", "  Twilio", "esc quit"))
	got := s.show(lines("vendex · 56 of 1255", "Search: t", "› Adobe Analytics", "  Twilio", "esc quit"))
	want := lines("vendex · 56 of 1255", "Search: t", "› Adobe Analytics", "  Twilio", "esc quit")
	if got != want {
		t.Fatalf("the screen shows\n%s\nwant\n%s", got, want)
	}
	for _, same := range []string{"Adobe", "Twilio", "esc quit"} {
		if strings.Contains(s.written, same) {
			t.Errorf("an unchanged line (%s) was written again: %q", same, s.written)
		}
	}
}

func TestAViewAsShownWritesNothing(t *testing.T) {
	s := newScreenOf(t, 20, 3)
	s.show(lines("vendex", "Search: twi", "› Twilio"))
	if s.show(lines("vendex", "Search: twi", "› Twilio")); s.written != "" {
		t.Errorf("an unchanged view wrote %q", s.written)
	}
}

func TestAShorterViewClearsWhatWasUnderIt(t *testing.T) {
	s := newScreenOf(t, 20, 4)
	s.show(lines("vendex", "› Twilio", "  Stripe", "esc quit"))
	got := s.show(lines("Loading…"))
	if want := lines("Loading…", "", "", ""); got != want {
		t.Errorf("the screen shows\n%q\nwant\n%q", got, want)
	}
}

func TestALineShorterThanTheOldOneLeavesNoTail(t *testing.T) {
	s := newScreenOf(t, 30, 2)
	s.show(lines("Found Google Maps Platform", "q quit"))
	if got, want := s.show(lines("Wrote ./twitch.md", "q quit")), lines("Wrote ./twitch.md", "q quit"); got != want {
		t.Errorf("the screen shows\n%q\nwant\n%q", got, want)
	}
}

func TestAfterAResizeEveryLineIsDrawnAgainAtTheNewWidth(t *testing.T) {
	s := newScreenOf(t, 20, 3)
	view := lines("vendex · 56 of 1255", "Search: twi", "› Twilio functional")
	s.show(view)
	s.term = rendertest.New(12, 3) // the terminal after the resize, blank
	s.p.resize(12, 3)
	got := s.show(view)
	if want := lines("vendex · 56", "Search: twi", "› Twilio fun"); got != want {
		t.Errorf("the screen shows\n%q\nwant\n%q", got, want)
	}
}

func TestAViewTallerThanTheScreenShowsItsBottom(t *testing.T) {
	s := newScreenOf(t, 10, 2)
	if got, want := s.show(lines("one", "two", "three")), lines("two", "three"); got != want {
		t.Errorf("the screen shows\n%q\nwant\n%q", got, want)
	}
}

func TestWideCharactersAreCutByCells(t *testing.T) {
	s := newScreenOf(t, 6, 1)
	if got, want := s.show("日本語テキスト"), "日本語"; got != want {
		t.Errorf("the screen shows %q, want %q", got, want)
	}
}

func TestTheCursorRestsAtTheStartOfTheLastLine(t *testing.T) {
	s := newScreenOf(t, 20, 3)
	s.show(lines("a", "b", "c"))
	_, _ = s.term.Write([]byte("X"))
	if got, want := s.term.Screen(), lines("a", "b", "X"); got != want {
		t.Errorf("text written after the frame lands at\n%q\nwant\n%q", got, want)
	}
}

// A shorter view erases the old one's rest and nothing of its own last
// line: not the last cell of a line as wide as the screen, not a last
// line that did not change.
func TestAShorterViewKeepsItsLastLineWhole(t *testing.T) {
	s := newScreenOf(t, 5, 4)
	s.show(lines("aaaaa", "bbbbb", "ccccc"))
	if got, want := s.show(lines("aaaaa", "xxxxx")), lines("aaaaa", "xxxxx", "", ""); got != want {
		t.Errorf("a full-width last line: the screen shows\n%q\nwant\n%q", got, want)
	}
	s.show(lines("aaaaa", "bbb", "ccccc"))
	if got, want := s.show(lines("aaaaa", "bbb")), lines("aaaaa", "bbb", "", ""); got != want {
		t.Errorf("an unchanged last line: the screen shows\n%q\nwant\n%q", got, want)
	}
}
