package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui/fuzzy"
)

func TestTwilioJourney(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			s := start(t, size.w, size.h, fakeCatalog{vendors: fixture()}, "")
			s.waitText("9 of 9")

			s.typeText("twi")
			v := s.waitFor("twi's results", func(v string) bool { return strings.Contains(v, "of 9") && strings.Contains(v, "Search: twi") })
			if !strings.Contains(line(v, 2), "Twilio") {
				t.Fatalf("typing twi: Twilio is not first:\n%s", v)
			}
			s.golden("list", v)

			s.press(tea.KeyEnter)
			v = s.waitText("Twilio Inc.")
			s.golden("card", v)
			for _, want := range []string{"Functional", "Block before consent"} {
				if !strings.Contains(v, want) {
					t.Errorf("the top of the card lacks %q:\n%s", want, v)
				}
			}
			// the whole card, scrolled through
			var all strings.Builder
			for range 120 {
				s.typeText("j")
				all.WriteString(s.view())
			}
			for _, want := range []string{"microphone", "camera", "PERMISSIONS", "BROWSER STORAGE", "loglevel:twilio-", "Google Maps", "acme-voice (not in the catalogue)"} {
				if !strings.Contains(all.String(), want) {
					t.Errorf("the Twilio card never shows %q", want)
				}
			}

			s.typeText("g")
			s.typeText("jjj")
			s.press(tea.KeyTab) // Google Maps, the first link, scrolled into view
			left := s.view()
			s.press(tea.KeyEnter)
			v = s.waitText("Google LLC")
			if !strings.Contains(line(v, 0), "ogle Maps") || !strings.Contains(v, "Google Maps") {
				t.Fatalf("following Google Maps did not open its card:\n%s", v)
			}
			s.golden("followed", v)

			s.press(tea.KeyEsc)
			back := s.waitFor("Twilio again", func(v string) bool {
				return !strings.Contains(v, "Google Maps ›") && strings.Contains(line(v, 0), "Twilio") && !strings.Contains(line(v, 0), "Google Maps")
			})
			// the card as we left it: same scroll, same link focused
			if cardBody(back) != cardBody(left) {
				t.Fatalf("back on Twilio, not as it was left:\nleft:\n%s\nback:\n%s", left, back)
			}

			s.press(tea.KeyEsc)
			v = s.waitText("Search: twi")
			if !strings.Contains(line(v, 2), "Twilio") {
				t.Fatalf("back on the list, Twilio is not first:\n%s", v)
			}
			s.golden("back-to-list", v)
		})
	}
}

// A -> B -> A -> back -> back -> back ends on the list.
func TestRelatedCycle(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
	s.press(tea.KeyEnter)
	s.waitText("Twilio Inc.")
	s.press(tea.KeyTab)
	s.press(tea.KeyEnter)
	s.waitText("Twilio › Google Maps")
	s.press(tea.KeyTab) // Twilio, Google Maps' first link
	s.press(tea.KeyEnter)
	s.waitText("Twilio › Google Maps › Twilio")
	s.press(tea.KeyBackspace)
	s.waitText("Twilio › Google Maps (")
	s.press(tea.KeyBackspace)
	s.press(tea.KeyBackspace)
	s.waitText("Search: twilio")
}

func TestCategoryFilter(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	s.press(tea.KeyTab)
	v := s.waitText("Strictly necessary · 1 of 9")
	if !strings.Contains(v, "Stripe") || strings.Contains(v, "Twilio") {
		t.Fatalf("the strictly necessary filter shows:\n%s", v)
	}
	s.press(tea.KeyTab)
	s.press(tea.KeyTab) // analytics
	s.waitText("Analytics · 3 of 9")
	s.typeText("goo")
	v = s.waitText("Analytics · 1 of 9")
	if !strings.Contains(v, "Google Analytics") || strings.Contains(v, "Google Maps") {
		t.Fatalf("analytics and goo:\n%s", v)
	}
	s.golden("analytics-goo", v)
	s.press(tea.KeyShiftTab)
	s.press(tea.KeyShiftTab)
	s.press(tea.KeyShiftTab) // all
	v = s.waitText("All categories · 2 of 9")
	if !strings.Contains(v, "Google Maps") {
		t.Fatalf("all categories and goo:\n%s", v)
	}
}

func TestLookup(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	s.press(tea.KeyCtrlL)
	s.typeText("https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js")
	v := s.waitText("Host or URL: ")
	s.golden("prompt", v)
	s.press(tea.KeyEnter)
	v = s.waitText("Found Twilio")
	if !strings.Contains(v, "Twilio Inc.") || !strings.Contains(v, "Found Twilio by its script source media.twiliocdn.com/sdk/js/client/\n") {
		t.Fatalf("the lookup did not open Twilio's card, saying what matched in one line:\n%s", v)
	}

	s.typeText("l")
	s.typeText("tracker.unknown.example")
	s.press(tea.KeyEnter)
	v = s.waitText("No vendor in the catalogue owns tracker.unknown.example")
	if !strings.Contains(v, "Twilio Inc.") {
		t.Fatalf("an unknown host should leave the card as it was:\n%s", v)
	}

	s.press(tea.KeyCtrlL)
	s.typeText("twilio.com")
	s.press(tea.KeyEnter)
	v = s.waitText("Found Twilio by its domain twilio.com")
	if strings.Contains(line(v, 0), "Twilio › Twilio") {
		t.Fatalf("looking up the vendor on the card should not stack it again:\n%s", v)
	}

	s.press(tea.KeyCtrlL)
	s.typeText("not a host")
	s.press(tea.KeyEnter)
	s.waitText(`"not a host" is not a host name or URL`)
}

func TestExportWritesTheCard(t *testing.T) {
	dir := t.TempDir()
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "maps", withExportDir(dir))
	s.waitFor("Google Maps first", func(v string) bool { return strings.Contains(line(v, 2), "Google Maps") })
	s.press(tea.KeyEnter)
	s.waitText("Google LLC")
	s.typeText("e")
	s.waitText("Wrote " + filepath.Join(dir, "google-maps.md"))
	b, err := os.ReadFile(filepath.Join(dir, "google-maps.md"))
	if err != nil || !strings.HasPrefix(string(b), "# Google Maps") {
		t.Fatalf("google-maps.md: %v\n%s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Fatalf("export left temporary files: %v", left)
	}
}

func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "twilio.md")
	if err := os.WriteFile(mine, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	clip := &bytes.Buffer{}
	// wide enough for the temporary directory and the note after it
	s := start(t, 200, 24, fakeCatalog{vendors: fixture()}, "twilio", withExportDir(dir), WithClipboard(clip))
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
	s.press(tea.KeyEnter)
	s.waitText("Twilio Inc.")

	s.typeText("e")
	s.waitText("Wrote " + filepath.Join(dir, "twilio-2.md") + " (twilio.md exists")
	if b, _ := os.ReadFile(mine); string(b) != "my notes\n" {
		t.Fatalf("export overwrote twilio.md: %q", b)
	}
	b, err := os.ReadFile(filepath.Join(dir, "twilio-2.md"))
	if err != nil || !strings.Contains(string(b), "# Twilio") || !strings.Contains(string(b), "microphone") {
		t.Fatalf("twilio-2.md: %v\n%s", err, b)
	}
	s.typeText("e")
	s.waitText("twilio-3.md")

	s.typeText("y")
	s.waitText("Copied the Twilio card")
	if !strings.Contains(clip.String(), "\x1b]52;c;") {
		t.Fatalf("copy wrote no OSC 52 sequence: %q", clip.String())
	}
}

func TestTinyTerminal(t *testing.T) {
	s := start(t, 20, 6, fakeCatalog{vendors: fixture()}, "")
	s.waitText("EvilRed")
	s.typeText("twi")
	v := s.waitFor("twi", func(v string) bool { return strings.Contains(v, "Twilio") })
	s.golden("list", v)
	s.press(tea.KeyEnter)
	s.press(tea.KeyTab)
	v = s.waitText("Google Maps")
	s.golden("card", v)
	for w := 1; w <= 30; w += 3 {
		for h := 1; h <= 10; h += 2 {
			s.tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
			checkFrame(t, s.view(), w, h)
		}
	}
	s.tm.Send(tea.WindowSizeMsg{Width: 130, Height: 40})
	checkFrame(t, s.view(), 130, 40)
}

// checkFrame: no line wider than the terminal, no more lines than it has.
func checkFrame(t *testing.T, v string, w, h int) {
	t.Helper()
	ls := strings.Split(v, "\n")
	if len(ls) > h {
		t.Errorf("%dx%d: %d lines", w, h, len(ls))
	}
	for _, l := range ls {
		if lipgloss.Width(l) > w {
			t.Errorf("%dx%d: line %q is %d cells", w, h, l, lipgloss.Width(l))
		}
	}
}

func TestNonASCIIQuery(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	s.typeText("zür")
	v := s.waitFor("Zürich", func(v string) bool { return strings.Contains(v, "Search: zür") && strings.Contains(v, "of 9") })
	if !strings.Contains(line(v, 2), "Zürich Analytik") {
		t.Fatalf("zür:\n%s", v)
	}
	s.press(tea.KeyEsc)
	s.typeText("東京")
	v = s.waitFor("東京タグ", func(v string) bool { return strings.Contains(v, "Search: 東京") && strings.Contains(v, "of 9") })
	if !strings.Contains(line(v, 2), "東京タグ") {
		t.Fatalf("東京:\n%s", v)
	}
	s.golden("cjk", v)
	checkFrame(t, v, 80, 24)
}

// Highlighting styles whole characters at fuzzy's byte offsets, so accents
// and CJK survive and the text reads the same once styles are stripped.
func TestHighlightWholeRunes(t *testing.T) {
	r := lipgloss.NewRenderer(&bytes.Buffer{})
	r.SetColorProfile(termenv.TrueColor)
	st := r.NewStyle().Underline(true)
	x := fuzzy.NewIndex([]string{"Zürich Analytik", "東京タグ"})
	for _, q := range []string{"zür", "üan", "京タ"} {
		ms := x.Find(q)
		if len(ms) == 0 {
			t.Fatalf("%q matches nothing", q)
		}
		out := highlight(ms[0].Str, ms[0].MatchedIndexes, st, r.NewStyle())
		if ansi.Strip(out) != ms[0].Str {
			t.Errorf("%q: highlighted %q reads %q", q, ms[0].Str, ansi.Strip(out))
		}
		for _, ch := range q {
			if !strings.Contains(out, st.Render(string(ch))) && !strings.Contains(out, st.Render(strings.ToUpper(string(ch)))) {
				t.Errorf("%q: %q is not highlighted whole in %q", q, string(ch), out)
			}
		}
	}
}

func TestEscapesInVendorText(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "evil")
	s.waitFor("Evil", func(v string) bool { return strings.Contains(line(v, 2), "EvilRed Corp") })
	s.press(tea.KeyEnter)
	v := s.waitText("Clears your screen")
	s.golden("card", v)
	if strings.ContainsAny(v, "\x1b\x07\u009b") {
		t.Fatalf("a control character from the data reached the screen: %q", v)
	}
	rendered := RenderCard(card.Build(fixture()[8], nil), 60)
	if strings.Contains(ansi.Strip(rendered), "\x1b") || strings.ContainsAny(rendered, "\x07\u009b") || strings.Contains(rendered, "pwned") {
		t.Fatalf("RenderCard lets a control sequence through: %q", rendered)
	}
}

// lookupOnly answers lookups but cannot list or read a card by id: the
// card must still open.
type lookupOnly struct{ fakeCatalog }

func (lookupOnly) Briefs() ([]data.Brief, error) {
	return nil, fmt.Errorf("read x.db: %w", store.ErrCorrupt)
}

func (lookupOnly) EachBrief(func([]byte) bool, func(data.Brief)) error {
	return fmt.Errorf("read x.db: %w", store.ErrCorrupt)
}

func (lookupOnly) Get(string) (data.Vendor, error) {
	return data.Vendor{}, fmt.Errorf("read x.db: %w", store.ErrCorrupt)
}

func TestStoreErrorIsAMessage(t *testing.T) {
	s := start(t, 60, 12, lookupOnly{fakeCatalog{vendors: fixture()}}, "")
	s.waitText("database is damaged")
	s.press(tea.KeyCtrlL)
	s.typeText("twilio.com")
	s.press(tea.KeyEnter)
	s.waitText("Found Twilio")
	s.press(tea.KeyTab)
	s.press(tea.KeyEnter)
	s.press(tea.KeyEsc)
	s.waitText("database is damaged")

	err := fmt.Errorf("open catalogue x.db: %w", store.ErrLocked)
	s = start(t, 80, 24, fakeCatalog{err: err}, "")
	s.waitText("locked by another vendex")
	s.typeText("abc")
	s.press(tea.KeyEnter)
	s.press(tea.KeyCtrlL)
	s.typeText("twilio.com")
	s.press(tea.KeyEnter)
	s.view() // still answering
}

func TestHelp(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	s.typeText("?")
	v := s.waitText("previous category")
	s.golden("list-help", v)
	s.typeText("x")
	s.waitText("9 of 9")
}

func TestSideBySide(t *testing.T) {
	s := start(t, 120, 30, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	s.typeText("twi")
	v := s.waitFor("Twilio previewed", func(v string) bool { return strings.Contains(v, "Twilio Inc.") && strings.Contains(v, "Search: twi") })
	if !strings.Contains(v, "│") {
		t.Fatalf("at 120 columns the list and card should stand side by side:\n%s", v)
	}
	checkFrame(t, v, 120, 30)
}

// An older search's results never replace a newer one's.
func TestStaleSearchIgnored(t *testing.T) {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	l := newVendorList(c, "")
	l.index = searchIndex(fixture())
	l.seq = 2
	l, _ = l.update(searchMsg{seq: 2, query: "twi", index: l.index, results: l.index.Rank("twi")})
	l, _ = l.update(searchMsg{seq: 1, query: "t", index: l.index, results: l.index.Rank("t")})
	if got := l.shown.Len(); got != len(l.index.Find("twi")) {
		t.Fatalf("the older search replaced the newer: %d results", got)
	}
}

func TestRealCatalogue(t *testing.T) {
	vs, err := data.Catalogue()
	if err != nil {
		t.Skip("catalogue does not load:", err)
	}
	x := searchIndex(vs)
	for _, q := range []string{"twi", "twilio webrtc", "twiliocdn"} {
		rs := x.Find(q)
		if len(rs) == 0 || x.Vendors()[rs[0].Vendor].ID != "twilio" {
			t.Errorf("%q: Twilio is not first", q)
		}
	}
}

// BenchmarkFirstFrame: from the embedded catalogue to the first list frame.
func BenchmarkFirstFrame(b *testing.B) {
	vs, err := data.Catalogue()
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		firstFrame(fakeCatalog{vendors: vs})
	}
}

// The real catalogue in a real store: typing twi shows Twilio first, and
// the lookup finds it by its SDK's URL.
func TestRealStore(t *testing.T) {
	st, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "vendex.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := start(t, 80, 24, st, "")
	s.waitText(" of ")
	s.typeText("twi")
	v := s.waitFor("twi", func(v string) bool { return strings.Contains(v, "Search: twi") && strings.Contains(v, " of ") })
	if !strings.Contains(line(v, 2), "Twilio") {
		t.Fatalf("typing twi: Twilio is not first:\n%s", v)
	}
	s.press(tea.KeyCtrlL)
	s.typeText("https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js")
	s.press(tea.KeyEnter)
	s.waitText("Found Twilio")
}

func TestCardHelpFits(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
	s.press(tea.KeyEnter)
	s.waitText("Twilio Inc.")
	s.typeText("?")
	v := s.waitText("any key closes the help")
	for _, want := range []string{"follow", "export", "lookup host", "previous link", "quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("the card's help lacks %q:\n%s", want, v)
		}
	}
	s.golden("card-help", v)
}

func TestMouseWheelScrollsTheCard(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
	s.press(tea.KeyEnter)
	top := s.waitText("Twilio Inc.")
	s.tm.Send(tea.MouseMsg{X: 10, Y: 10, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	v := s.view()
	if line(v, 1) == line(top, 1) || !strings.Contains(line(v, 0), "%") {
		t.Fatalf("the wheel did not scroll the card:\n%s", v)
	}
	s.tm.Send(tea.MouseMsg{X: 10, Y: 10, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	if v := s.view(); cardBody(v) != cardBody(top) {
		t.Fatalf("the wheel did not scroll back up:\n%s", v)
	}
	s.typeText("G")
	if v := s.view(); !strings.Contains(line(v, 0), "(end)") {
		t.Fatalf("G did not go to the end:\n%s", v)
	}
}

// Every vendor of the real catalogue renders at any width without a line
// wider than the terminal.
func TestRenderCardFitsEveryWidth(t *testing.T) {
	vs, err := data.Catalogue()
	if err != nil {
		t.Skip("catalogue does not load:", err)
	}
	vs = append(vs, fixture()...)
	for _, w := range []int{8, 20, 40, 80, 133} {
		for _, v := range vs {
			for i, l := range strings.Split(RenderCard(card.Build(v, nil), w), "\n") {
				if lipgloss.Width(l) > w {
					t.Fatalf("%s at %d columns: line %d is %d cells: %q", v.ID, w, i, lipgloss.Width(l), l)
				}
			}
		}
	}
}

func TestExportStopsWithAMessageWhenTheNameIsTooLongForTheFileSystem(t *testing.T) {
	dir := t.TempDir()
	// A vendor from a database written before ids were bounded.
	long := fixture()
	long[0].ID = strings.Repeat("x", 300)
	s := start(t, 200, 24, fakeCatalog{vendors: long}, long[0].Name, withExportDir(dir))
	s.waitFor(long[0].Name+" first", func(v string) bool { return strings.Contains(line(v, 2), long[0].Name) })
	s.press(tea.KeyEnter)
	s.typeText("e")
	s.waitText("Export failed")
}

// Beside a card the list is narrow: names keep their room (the domain
// column gives way) and no cell runs into the divider.
func TestNamesKeepTheirRoomBesideTheCard(t *testing.T) {
	vs := append(fixture(), data.Vendor{ID: "long", Name: "Google (account and platform)", Category: data.Functional, Domains: []data.Domain{{Host: "google.com"}}})
	s := start(t, 130, 30, fakeCatalog{vendors: vs}, "")
	v := s.waitText("Google (account and platform)")
	for _, l := range strings.Split(v, "\n")[2:] {
		if i := strings.Index(l, "│"); i > 0 && strings.HasSuffix(strings.TrimRight(l[:i], ""), "…") {
			t.Errorf("a cell runs into the divider: %q", l)
		}
	}
}
