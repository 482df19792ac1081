package ui

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
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

func (f fakeCatalog) Briefs() ([]data.Brief, error) {
	if f.err != nil {
		return nil, f.err
	}
	bs := make([]data.Brief, len(f.vendors))
	for i := range f.vendors {
		bs[i] = f.vendors[i].Brief()
	}
	return bs, nil
}

// EachBrief shows skip each brief encoded, as the store does.
func (f fakeCatalog) EachBrief(skip func([]byte) bool, fn func(data.Brief)) error {
	bs, err := f.Briefs()
	for _, b := range bs {
		if skip == nil || !skip(data.AppendBrief(nil, b)) {
			fn(b)
		}
	}
	return err
}

func (f fakeCatalog) Get(id string) (data.Vendor, error) {
	if f.err != nil {
		return data.Vendor{}, f.err
	}
	for _, v := range f.vendors {
		if v.ID == id {
			return v, nil
		}
	}
	return data.Vendor{}, fmt.Errorf("vendor %q: %w", id, store.ErrNotFound)
}

func (f fakeCatalog) ByDomain(t data.Target) (store.DomainMatch, error) {
	for _, v := range f.vendors {
		for _, s := range v.Scripts {
			if s.Host == t.Host && s.Path != "" && strings.HasPrefix(t.Path, s.Path) {
				return store.DomainMatch{Vendor: v, Matched: s.Host + s.Path, Source: true}, nil
			}
		}
	}
	// The longest domain the host is in wins, as in the store.
	var m store.DomainMatch
	for _, v := range f.vendors {
		for _, d := range v.Domains {
			if data.InDomain(t.Host, d.Host) && len(d.Host) > len(m.Matched) {
				m = store.DomainMatch{Vendor: v, Matched: d.Host}
			}
		}
	}
	if m.Matched != "" {
		return m, nil
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
		ch <- snapshot{p.Model.View(), p.Model.list.searching() || p.Model.holding}
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	return probe{m.(Model)}, cmd
}

type session struct {
	t  *testing.T
	tm *teatest.TestModel
}

// searchIndex is the index the browser makes of a catalogue of vs
// (loadCatalog), prepared.
func searchIndex(vs []data.Vendor) *search.Index {
	x := loadCatalog(fakeCatalog{vendors: vs}, nil, 0)().(catalogMsg).index
	x.Prepare()
	return x
}

// withExportDir sets where export writes cards (the working directory
// otherwise), so that no test writes into the repository.
func withExportDir(dir string) Option { return func(c *common) { c.exportDir = dir } }

func start(t *testing.T, w, h int, cat Catalog, query string, opts ...Option) *session {
	t.Helper()
	opts = append([]Option{withExportDir(t.TempDir()), WithClipboard(&bytes.Buffer{})}, opts...)
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
