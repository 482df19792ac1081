package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/ui/fuzzy"
	"github.com/vendex/vendex/ui/search"
)

func TestMain(m *testing.M) {
	// Goldens hold plain text: no colours, whatever the terminal.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// fixture is a small catalogue built for the stories below.
func fixture() []data.Vendor {
	verdict := func(a data.Answer, why string) data.Verdict { return data.Verdict{Value: a, Reason: why} }
	return []data.Vendor{
		{
			ID: "twilio", Name: "Twilio", Owner: "Twilio Inc.",
			Aliases:  []string{"twilio webrtc", "twilio sdk"},
			Summary:  "Browser SDKs for voice and video calls and chat over WebRTC.",
			Overview: "A site adds Twilio for calling inside the page.\n\nIt loads only when a call starts.",
			Category: data.Functional,
			Domains:  []data.Domain{{Host: "twilio.com"}, {Host: "twiliocdn.com"}},
			Scripts:  []data.Script{{Name: "Voice SDK", Host: "media.twiliocdn.com", Path: "/sdk/js/client/", Description: "Places and answers calls."}},
			Connections: []data.Connection{
				{Kind: "WebRTC", Hosts: []string{"global.turn.twilio.com"}, Description: "Media relays for calls."},
			},
			DataCollected: []string{"Call audio and video while a call runs."},
			SetsCookies:   data.No,
			Storage: []data.StorageItem{
				{Kind: data.LocalStorage, Name: "loglevel:twilio-voice", Lifetime: data.Lifetime{Persistent: true}, Purpose: "Remembers the SDK's log level."},
			},
			Permissions: []data.Permission{
				{Name: "microphone", When: "When the visitor starts a call."},
				{Name: "camera", When: "When the visitor joins a video room."},
			},
			Compliance:         data.Compliance{GDPR: "Twilio acts as a processor under its DPA.", Role: data.Processor},
			ConsentRequired:    verdict(data.AnswerConditional, "Not when the visitor asks for the call."),
			BlockBeforeConsent: data.Verdict{Value: data.AnswerNo, Reason: "It only delivers a requested service.", Advice: "Load it when a call starts."},
			FAQ: []data.FAQ{
				{Question: "Does Twilio set cookies?", Short: data.AnswerNo, Answer: "No; it keeps a log level in localStorage."},
				{Question: "Does it need the microphone?", Short: data.AnswerYes, Answer: "Only during a call."},
			},
			Related: []string{"google-maps", "acme-voice", "stripe"},
			Sources: []data.Source{{Name: "Twilio documentation", URL: "https://www.twilio.com/docs", Checked: "2026-11-28"}},
		},
		{
			ID: "google-maps", Name: "Google Maps", Owner: "Google LLC",
			Summary:  "Embedded maps and place search.",
			Category: data.Functional, SetsCookies: data.Yes,
			Domains:            []data.Domain{{Host: "maps.googleapis.com"}, {Host: "maps.gstatic.com"}},
			Permissions:        []data.Permission{{Name: "geolocation", When: "When the visitor asks to be located."}},
			ConsentRequired:    verdict(data.AnswerConditional, "Google may use the data for its own purposes."),
			BlockBeforeConsent: verdict(data.AnswerConditional, "Show a placeholder until consent."),
			Related:            []string{"twilio", "google-analytics"},
		},
		{
			ID: "google-analytics", Name: "Google Analytics", Owner: "Google LLC", Aliases: []string{"ga4", "gtag"},
			Summary: "Measures visits and behaviour.", Category: data.Analytics, SetsCookies: data.Yes,
			Domains:         []data.Domain{{Host: "google-analytics.com"}},
			Storage:         []data.StorageItem{{Kind: data.Cookie, Name: "_ga", Party: data.FirstParty, Lifetime: data.Lifetime{Seconds: 2 * 365 * 86400}, Purpose: "Distinguishes visitors."}},
			ConsentRequired: verdict(data.AnswerYes, "It is not strictly necessary."), BlockBeforeConsent: verdict(data.AnswerYes, "It sets cookies on load."),
		},
		{
			ID: "hotjar", Name: "Hotjar", Summary: "Heatmaps and session recordings.", Category: data.Analytics, SetsCookies: data.Yes,
			Domains:         []data.Domain{{Host: "hotjar.com"}},
			ConsentRequired: verdict(data.AnswerYes, "Recording needs consent."), BlockBeforeConsent: verdict(data.AnswerYes, "It records on load."),
		},
		{
			ID: "facebook-pixel", Name: "Meta Pixel", Aliases: []string{"facebook pixel"}, Summary: "Ad conversion tracking.", Category: data.Marketing, SetsCookies: data.Yes,
			Domains:         []data.Domain{{Host: "connect.facebook.net"}},
			ConsentRequired: verdict(data.AnswerYes, "Advertising."), BlockBeforeConsent: verdict(data.AnswerYes, "Tracks on load."),
		},
		{
			ID: "stripe", Name: "Stripe", Summary: "Payments and fraud prevention.", Category: data.StrictlyNecessary, SetsCookies: data.Yes,
			Domains:         []data.Domain{{Host: "stripe.com"}, {Host: "js.stripe.com"}},
			ConsentRequired: verdict(data.AnswerNo, "Fraud prevention for a payment the visitor makes."), BlockBeforeConsent: verdict(data.AnswerNo, "Payments break."),
		},
		{
			ID: "zurich-analytik", Name: "Zürich Analytik", Summary: "Swiss web analytics.", Category: data.Analytics, SetsCookies: data.Unknown,
			Domains:         []data.Domain{{Host: "zuerich-analytik.ch"}},
			ConsentRequired: verdict(data.AnswerYes, "Analytics."), BlockBeforeConsent: verdict(data.AnswerYes, "Analytics."),
		},
		{
			ID: "tokyo-tag", Name: "東京タグ", Aliases: []string{"tokyo tag"}, Summary: "A Japanese tag manager.", Category: data.Personalisation, SetsCookies: data.Unknown,
			Domains:         []data.Domain{{Host: "tokyo-tag.jp"}},
			ConsentRequired: verdict(data.AnswerConditional, "Depends on the tags."), BlockBeforeConsent: verdict(data.AnswerConditional, "Depends on the tags."),
		},
		{
			ID: "evil", Name: "Evil\x1b[31mRed\x1b]0;pwned\x07 Corp", Summary: "Clears \x1b[2Jyour screen\u009b1;1H and rings\x07 the bell.",
			Category: data.Marketing, SetsCookies: data.Unknown,
			Domains:         []data.Domain{{Host: "evil.example"}},
			ConsentRequired: verdict(data.AnswerYes, "Bad\x1b[5m blink."), BlockBeforeConsent: verdict(data.AnswerYes, "Yes."),
		},
	}
}

// fakeCatalog answers from a slice, as the store would.
type fakeCatalog struct {
	vendors []data.Vendor
	err     error
}

func (f fakeCatalog) All() ([]data.Vendor, error) {
	if f.err != nil {
		return nil, f.err
	}
	vs := append([]data.Vendor(nil), f.vendors...)
	store.SortByName(vs)
	return vs, nil
}

func (f fakeCatalog) ByDomain(t data.Target) (store.DomainMatch, error) {
	for _, v := range f.vendors {
		for _, s := range v.Scripts {
			if s.Host == t.Host && s.Path != "" && strings.HasPrefix(t.Path, s.Path) {
				return store.DomainMatch{Vendor: v, Matched: s.Host + s.Path, Source: true}, nil
			}
		}
	}
	for _, h := range data.HostSuffixes(t.Host) {
		for _, v := range f.vendors {
			for _, d := range v.Domains {
				if d.Host == h {
					return store.DomainMatch{Vendor: v, Matched: h}, nil
				}
			}
		}
	}
	return store.DomainMatch{}, fmt.Errorf("%s: %w", t.Host, store.ErrNotFound)
}

// probe lets a test read View() of the running program between keys.
type probe struct{ Model }

// snapshot is the screen and whether a search is still running.
type snapshot struct {
	view string
	busy bool
}

type snapMsg chan snapshot

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ch, ok := msg.(snapMsg); ok {
		ch <- snapshot{p.Model.View(), p.Model.list.searching()}
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	return probe{m.(Model)}, cmd
}

type session struct {
	t  *testing.T
	tm *teatest.TestModel
}

func start(t *testing.T, w, h int, cat Catalog, query string, opts ...Option) *session {
	t.Helper()
	opts = append([]Option{WithExportDir(t.TempDir()), WithClipboard(&bytes.Buffer{})}, opts...)
	tm := teatest.NewTestModel(t, probe{New(cat, query, opts...)}, teatest.WithInitialTermSize(w, h))
	s := &session{t: t, tm: tm}
	t.Cleanup(func() {
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return s
}

// view is the screen now.
func (s *session) view() string {
	s.t.Helper()
	return s.snap().view
}

func (s *session) snap() snapshot {
	s.t.Helper()
	ch := make(snapMsg, 1)
	s.tm.Send(ch)
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		s.t.Fatal("the program stopped answering")
		return snapshot{}
	}
}

// waitFor waits until the screen satisfies ok (a search or a lookup runs
// in the background) and returns it.
func (s *session) waitFor(what string, ok func(string) bool) string {
	s.t.Helper()
	var v string
	for range 500 {
		sn := s.snap()
		v = sn.view
		if ok(v) && !sn.busy {
			return v
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("waited for %s; the screen is:\n%s", what, v)
	return ""
}

func (s *session) waitText(text string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q", text), func(v string) bool { return strings.Contains(v, text) })
}

func (s *session) typeText(text string) {
	for _, r := range text {
		s.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (s *session) press(k tea.KeyType) { s.tm.Send(tea.KeyMsg{Type: k}) }

func (s *session) golden(name, v string) {
	s.t.Helper()
	s.t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(v)) })
}

// line is the i-th line of the screen.
func line(v string, i int) string {
	ls := strings.Split(v, "\n")
	if i < len(ls) {
		return ls[i]
	}
	return ""
}

// cardBody is the screen without its header and status lines: what the
// card shows, for comparing scroll positions.
func cardBody(v string) string {
	ls := strings.Split(v, "\n")
	return strings.Join(ls[1:len(ls)-2], "\n")
}

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
	if !strings.Contains(v, "Twilio Inc.") || !strings.Contains(v, "script source media.twiliocdn.com/sdk/js/client/ matches") {
		t.Fatalf("the lookup did not open Twilio's card:\n%s", v)
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
	v = s.waitText("Found Twilio: domain twilio.com")
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
	s := start(t, 80, 24, fakeCatalog{vendors: fixture()}, "maps", WithExportDir(dir))
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
	s := start(t, 200, 24, fakeCatalog{vendors: fixture()}, "twilio", WithExportDir(dir), WithClipboard(clip))
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
	card := RenderCard(fixture()[8], 60)
	if strings.Contains(ansi.Strip(card), "\x1b") || strings.ContainsAny(card, "\x07\u009b") || strings.Contains(card, "pwned") {
		t.Fatalf("RenderCard lets a control sequence through: %q", card)
	}
}

// lookupOnly answers lookups but cannot list: the card must still open.
type lookupOnly struct{ fakeCatalog }

func (lookupOnly) All() ([]data.Vendor, error) {
	return nil, fmt.Errorf("read x.db: %w", store.ErrCorrupt)
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
	l.index = search.NewIndex(fixture())
	l.seq = 2
	l, _ = l.update(searchMsg{seq: 2, query: "twi", results: l.index.Find("twi")})
	l, _ = l.update(searchMsg{seq: 1, query: "t", results: l.index.Find("t")})
	if got := len(l.shown); got != len(l.index.Find("twi")) {
		t.Fatalf("the older search replaced the newer: %d results", got)
	}
}

func TestRealCatalogue(t *testing.T) {
	vs, err := data.Catalogue()
	if err != nil {
		t.Skip("catalogue does not load:", err)
	}
	x := search.NewIndex(vs)
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
		m := New(fakeCatalog{vendors: vs}, "")
		mm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m = mm.(Model)
		msg := loadCatalog(fakeCatalog{vendors: vs})()
		mm, cmd := m.Update(msg)
		mm, _ = mm.Update(cmd())
		_ = mm.View()
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
			for i, l := range strings.Split(RenderCard(v, w), "\n") {
				if lipgloss.Width(l) > w {
					t.Fatalf("%s at %d columns: line %d is %d cells: %q", v.ID, w, i, lipgloss.Width(l), l)
				}
			}
		}
	}
}
