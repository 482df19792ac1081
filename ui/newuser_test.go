package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
)

// The stories of a new user's first session over an imported catalogue.

// withUnclassified is the fixture and a vendor as imports leave most of
// them: no consent category, a long name, no verdicts.
func withUnclassified() []data.Vendor {
	return append(fixture(), data.Vendor{
		ID: "ajur", Name: `"Agency of investigative reporters" Co`,
		Domains: []data.Domain{{Host: "ajur.info"}},
	})
}

func TestUnclassifiedBadgeFitsItsColumn(t *testing.T) {
	for _, c := range append([]data.Category{""}, data.Categories...) {
		if w := lipgloss.Width(badgeLabel(c)); w >= badgeWidth {
			t.Errorf("the %q badge is %d cells; the column, %d with its gap, does not fit it", c, w, badgeWidth)
		}
		if w := lipgloss.Width(narrowBadge(c)); w >= narrowBadgeWidth {
			t.Errorf("the narrow %q badge is %d cells; the column, %d with its gap, does not fit it", c, w, narrowBadgeWidth)
		}
	}
	if narrowBadge("") != data.Unclassified {
		t.Errorf("the narrow column cuts %q to %q", data.Unclassified, narrowBadge(""))
	}
	s := start(t, 80, 24, fakeCatalog{vendors: withUnclassified()}, "agency")
	v := s.waitFor("the agency", func(v string) bool { return strings.Contains(line(v, 2), "Agency") })
	if !strings.Contains(line(v, 2), "unclassified ajur.info") {
		t.Fatalf("the unclassified badge runs into the domain:\n%s", v)
	}
	s.golden("list", v)
}

func TestUnclassifiedFilterOnlyWhenThereAreSome(t *testing.T) {
	cycle := func(vs []data.Vendor) []string {
		s := start(t, 80, 24, fakeCatalog{vendors: vs}, "")
		s.waitText(fmt.Sprintf("%d of %d", len(vs), len(vs)))
		var titles []string
		for range 8 {
			s.press(tea.KeyTab)
			titles = append(titles, strings.SplitN(line(s.view(), 0), " · ", 3)[1])
		}
		return titles
	}
	got := strings.Join(cycle(withUnclassified()), ", ")
	if want := "Strictly necessary, Functional, Analytics, Marketing, Personalisation, Unclassified, All categories, Strictly necessary"; got != want {
		t.Errorf("with an unclassified vendor, tab cycles through\n%s\nwant\n%s", got, want)
	}
	got = strings.Join(cycle(fixture()), ", ")
	if want := "Strictly necessary, Functional, Analytics, Marketing, Personalisation, All categories, Strictly necessary, Functional"; got != want {
		t.Errorf("with none, tab cycles through\n%s\nwant\n%s", got, want)
	}

	s := start(t, 80, 24, fakeCatalog{vendors: withUnclassified()}, "")
	s.waitText("10 of 10")
	s.press(tea.KeyShiftTab)
	v := s.waitText("Unclassified · 1 of 10")
	if !strings.Contains(v, "Agency of investigative") || strings.Contains(v, "Twilio") {
		t.Fatalf("the unclassified filter shows:\n%s", v)
	}
}

// blockVerdict finds "Block before consent: No", "block: No" or "Block: No"
// in text read as one line (see flat).
var blockVerdict = regexp.MustCompile(`(?i)block(?: before consent)?: ?(Yes|No|Conditional|Unknown)`)

// flat is a screen read as one line of words: the verdict box wraps.
func flat(v string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(v, "│", " ")), " ")
}

// At any size the card says the vendor's category and whether to block it
// before consent, however far it is scrolled.
func TestCardVerdictAtAnySize(t *testing.T) {
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	for _, v := range withUnclassified() {
		v = v.Cleaned()
		for _, w := range []int{20, 24, 30, 40, 60, 80, 117} {
			for _, h := range []int{1, 2, 3, 5, 9, 21} { // the body of a 4- to 24-line terminal
				if h == 1 && w < 30 {
					continue // one line of 20 cells cannot hold "unclassified block:Conditional"
				}
				card := cardView{common: c, focus: -1}
				card.SetSize(w, h)
				card.open(v, 0, -1)
				for scroll := range 3 {
					view := card.View()
					checkFrame(t, view, w, h)
					if !strings.Contains(view, v.Category.Title()) && !strings.Contains(view, narrowBadge(v.Category)) {
						t.Errorf("%s at %dx%d, scrolled %d: no category:\n%s", v.ID, w, h, scroll, view)
					}
					if m := blockVerdict.FindStringSubmatch(flat(view)); m == nil || m[1] != v.BlockBeforeConsent.Value.Title() {
						t.Errorf("%s at %dx%d, scrolled %d: no block verdict (%s):\n%s", v.ID, w, h, scroll, v.BlockBeforeConsent.Value.Title(), view)
					}
					if h < 5 { // the box never fits: the verdict is pinned, scrolled or not
						card.vp.ScrollDown(h + 2)
					}
				}
			}
		}
	}

	// Where the box fits, it is all there is: no pinned line above the title.
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(s.view(), 2), "Twilio") })
	s.press(tea.KeyEnter)
	v := s.waitText("Twilio Inc.")
	if line(v, 1) != "Twilio" {
		t.Errorf("at 80x24 the card starts with a pinned line:\n%s", v)
	}

	s = start(t, 20, 6, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(s.view(), 2), "Twilio") })
	s.press(tea.KeyEnter)
	v = s.waitText("(top)")
	s.golden("card-20x6", v)
	if !strings.Contains(v, "Functional") || !blockVerdict.MatchString(v) {
		t.Fatalf("at 20x6 the card hides its verdict:\n%s", v)
	}
}

// Two quick presses of esc arrive as alt+esc: they count as two.
func TestAltEscIsEscTwice(t *testing.T) {
	altEsc := tea.KeyMsg{Type: tea.KeyEscape, Alt: true}
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "twilio")
	s.waitFor("Twilio first", func(v string) bool { return strings.Contains(line(v, 2), "Twilio") })
	s.press(tea.KeyEnter)
	s.waitText("Twilio Inc.")
	s.press(tea.KeyTab)
	s.press(tea.KeyEnter)
	s.waitText("Twilio › Google Maps")
	s.tm.Send(altEsc)
	v := s.waitText("Search: twilio")
	if !strings.Contains(line(v, 2), "Twilio") {
		t.Fatalf("alt+esc from Google Maps (via Twilio) should be back on the list:\n%s", v)
	}

	// On the list: the message goes, then the search; the app stays.
	s.press(tea.KeyCtrlL)
	s.typeText("tracker.unknown.example")
	s.press(tea.KeyEnter)
	s.waitText("No vendor in the catalogue owns")
	s.tm.Send(altEsc)
	v = s.waitText("9 of 9")
	if strings.Contains(v, "No vendor") || strings.Contains(v, "Search: twilio") {
		t.Fatalf("alt+esc on the list should dismiss the message and clear the search:\n%s", v)
	}
}

func TestEscDismissesThenClearsThenQuits(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	if v := s.view(); !strings.HasSuffix(v, "esc quit") {
		t.Errorf("with nothing to clear the help should say esc quits:\n%s", v)
	}
	s.press(tea.KeyCtrlL)
	s.typeText("tracker.unknown.example")
	s.press(tea.KeyEnter)
	v := s.waitText("No vendor in the catalogue owns tracker.unknown.example")
	if !strings.HasSuffix(v, "esc dismiss") {
		t.Errorf("under a message the help should say esc dismisses it:\n%s", v)
	}
	s.press(tea.KeyEsc)
	v = s.waitFor("the message gone", func(v string) bool { return !strings.Contains(v, "No vendor") })
	if !strings.Contains(v, "9 of 9") {
		t.Fatalf("esc should only dismiss the message:\n%s", v)
	}
	s.typeText("twi")
	v = s.waitText("Search: twi")
	if !strings.HasSuffix(v, "esc clear search") {
		t.Errorf("with a search the help should say esc clears it:\n%s", v)
	}
	s.press(tea.KeyEsc)
	s.waitFor("the search cleared", func(v string) bool { return !strings.Contains(v, "Search: twi") && strings.Contains(v, "9 of 9") })

	s.typeText("?")
	v = s.waitText("any key closes the help")
	if !strings.Contains(v, "esc dismisses a message first, then clears the search, then quits") {
		t.Errorf("the help does not say what esc does:\n%s", v)
	}
	s.typeText("x")
	s.press(tea.KeyEsc)
	s.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func TestExportSaysWhereItWrote(t *testing.T) {
	t.Chdir(t.TempDir())
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "maps", withExportDir("."))
	s.waitFor("Google Maps first", func(v string) bool { return strings.Contains(line(v, 2), "Google Maps") })
	s.press(tea.KeyEnter)
	s.waitText("Google LLC")
	s.typeText("e")
	v := s.waitText("Wrote ./google-maps.md")
	if strings.Contains(v, " in .") {
		t.Fatalf("the export status:\n%s", v)
	}
}

func TestLookupWithNothingTyped(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "")
	s.waitText("9 of 9")
	for _, typed := range []string{"", "   "} {
		s.press(tea.KeyCtrlL)
		s.typeText(typed)
		s.press(tea.KeyEnter)
		v := s.waitText("type a host or URL")
		if strings.Contains(v, `""`) || strings.Contains(v, "is not a host name") || !strings.Contains(line(v, 22), "Host or URL:") {
			t.Fatalf("enter on an empty prompt (%q):\n%s", typed, v)
		}
		s.press(tea.KeyCtrlU)
		s.typeText("twilio.com")
		v = s.view()
		if strings.Contains(v, "type a host or URL") {
			t.Fatalf("the hint outlives typing:\n%s", v)
		}
		s.press(tea.KeyEnter)
		s.waitText("Found Twilio")
		s.press(tea.KeyEsc)
		s.waitText("9 of 9")
	}
}

// A row that matched by an alias says "aka" and the alias, dimmed, where
// the domain column is; a domain stays a plain domain.
func TestAliasIsNotADomain(t *testing.T) {
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "gtag")
	v := s.waitFor("Google Analytics", func(v string) bool { return strings.Contains(line(v, 2), "Google Analytics") })
	if !strings.HasSuffix(strings.TrimRight(line(v, 2), " "), "aka gtag") {
		t.Fatalf("an alias match should read aka gtag:\n%s", v)
	}
	s.golden("alias", v)
	s.press(tea.KeyCtrlU)
	s.typeText("gstatic")
	v = s.waitFor("Google Maps", func(v string) bool {
		return strings.Contains(v, "Search: gstatic") && strings.Contains(line(v, 2), "Google Maps")
	})
	if !strings.HasSuffix(strings.TrimRight(line(v, 2), " "), " maps.gstatic.com") || strings.Contains(v, "aka") {
		t.Fatalf("a domain match should show the domain, plain:\n%s", v)
	}

	// In colour: the alias dim, the domains in the text colour.
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	c := &common{keys: DefaultKeyMap(), styles: DefaultStyles()}
	dim, _, _ := strings.Cut(c.styles.Subtle.Render("x"), "x")
	l := newVendorList(c, "")
	l.index = searchIndex(fixture())
	l.SetSize(80, 10)
	for _, q := range []string{"gtag", "gstatic", "stripe"} {
		l.seq++
		l, _ = l.update(searchMsg{seq: l.seq, query: q, index: l.index, results: l.index.Rank(q)})
		row := l.row(l.shown.At(0), l.hits[0], false)
		switch q {
		case "gtag":
			if !strings.Contains(row, dim+"aka ") {
				t.Errorf("%s: the alias is not dimmed: %q", q, row)
			}
		default:
			if strings.Contains(row, dim) || strings.Contains(row, "aka") {
				t.Errorf("%s: the domain is dimmed or called an alias: %q", q, row)
			}
		}
	}
}

// The personalisation badge reads as its category: whole where the list
// has room, cut with an ellipsis where it has not, never "personal" (a
// different word).
func TestThePersonalisationBadgeReadsRight(t *testing.T) {
	for _, c := range []struct {
		w, h int
		want string
	}{{100, 24, "personalisation aka tokyo tag"}, {80, 24, "personalisa… aka tokyo tag"}, {40, 12, "東京タグ                 personalisa…"}} {
		s := start(t, c.w, c.h, fakeCatalog{vendors: fixture()}, "tokyo")
		v := s.waitFor("the tokyo tag", func(v string) bool { return strings.Contains(line(v, 2), "東京タグ") })
		if !strings.Contains(line(v, 2), c.want) || strings.Contains(v, "personal ") {
			t.Errorf("at %dx%d the row is %q; want %q in it", c.w, c.h, line(v, 2), c.want)
		}
	}
}
