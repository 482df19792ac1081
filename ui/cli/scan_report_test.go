package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/store/audit"
)

// auditOf runs an audit of ev on the real catalogue.
func auditOf(t *testing.T, ev *scan.Evidence, mode audit.Mode) *audit.Report {
	t.Helper()
	s, err := store.OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := audit.Run(s, ev, audit.Options{Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func hostileCapture() *scan.Evidence {
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	return &scan.Evidence{
		Site: "shop.example", Captured: at,
		Requests: []scan.Request{
			{URL: "https://static.hotjar.com/c/hotjar-1.js"},
			{URL: "https://www.googletagmanager.com/gtag/js?id=G-1"},
			{URL: "https://js.stripe.com/v3/"},
			{URL: "https://evil\u202e.example/x"},
			{URL: "https://tracker.unknown.example/<b>x</b>|y"},
		},
		Cookies: []scan.Cookie{
			{Name: "_ga", Domain: ".shop.example", Expires: at.Add(730 * 24 * time.Hour)},
			{Name: "sess|<img src=x>`", Domain: "shop.example", Session: true},
		},
	}
}

func TestScanTextGroupsByCategoryAndDrawsTheChart(t *testing.T) {
	r := auditOf(t, hostileCapture(), audit.BeforeConsent)
	var b strings.Builder
	if err := writeScanText(&b, r, reportStyle{}, 80); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"shop.example: 3 vendors, 4 requests, captured 2026-12-01 12:00 UTC, before consent",
		"_ga cookie, observed 2 years, declared 2 years, by name; over Chrome's 400-day cap",
		"✗ Hotjar: loaded https://static.hotjar.com/c/hotjar-1.js",
		"✗ Google Analytics: loaded https://www.googletagmanager.com/gtag/js?id=G-1; stored _ga Do not set",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"VENDORS BY CATEGORY",
		"  Strictly necessary █",
		"  Analytics          ██",
		"STRICTLY NECESSARY\n  Stripe            block: no           js.stripe.com (1)",
		"tracker.unknown.example  1 request\n",
		"FINDINGS (3, from 2 vendors)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("a line wider than 80 cells: %q", l)
		}
	}
	if strings.ContainsRune(out, '\u202e') {
		t.Error("a BiDi override from the capture reached the report")
	}
}

func TestScanMarkdownEscapesWhatTheCaptureSays(t *testing.T) {
	r := auditOf(t, hostileCapture(), audit.BeforeConsent)
	var b strings.Builder
	if err := writeScanMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Text from the capture stays text: in a code span (where Markdown
	// shows < as it is) or escaped.
	if !strings.Contains(out, "| `sess\\|<img src=x>'` | cookie |") {
		t.Errorf("the odd cookie name is not a code span:\n%s", out)
	}
	for _, bad := range []string{"\u202e", "| sess|"} {
		if strings.Contains(out, bad) {
			t.Errorf("the Markdown report kept %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"## Analytics", "| Hotjar | yes | `static.hotjar.com` (1) |", "## Findings ("} {
		if !strings.Contains(out, want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, out)
		}
	}
}
