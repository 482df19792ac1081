package scan

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vendex/vendex/data"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scan", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readFixture detects a capture's format as a user's file would be, and
// reads it.
func readFixture(t *testing.T, name string) *Evidence {
	t.Helper()
	b := fixture(t, name)
	f, err := Detect(name, b[:min(len(b), 64<<10)])
	if err != nil {
		t.Fatalf("detect %s: %v", name, err)
	}
	ev, err := Read(name, bytes.NewReader(b), f)
	if err != nil {
		t.Fatalf("read %s as %s: %v", name, f, err)
	}
	return ev
}

func TestEveryCaptureIsToldByItsContent(t *testing.T) {
	want := map[string]Format{
		"chrome.har":          FormatHAR,
		"firefox.har":         FormatHAR,
		"sanitised.har":       FormatHAR,
		"empty.har":           FormatHAR,
		"truncated.har":       FormatHAR,
		"wec-inspection.json": FormatWEC,
		"truncated-wec.json":  FormatWEC,
		"storage-state.json":  FormatStorageState,
		"cookies.txt":         FormatCookiesTxt,
		"cookie-editor.json":  FormatCookieJar,
		"trc-crawl.json":      FormatTRC,
		"page.html":           FormatHTML,
		"urls.txt":            FormatURLs,
	}
	for name, f := range want {
		// A misleading name changes nothing.
		got, err := Detect("capture.txt", fixture(t, name))
		if err != nil || got != f {
			t.Errorf("%s: detected %q, %v; want %q", name, got, err, f)
		}
	}
	for _, c := range []struct{ head, want string }{
		{"", "empty"},
		{"{\"vendors\": {}}", "none of the shapes"},
		{"{\"name\" {}}", "capture.txt:1:9: not valid JSON"},
		{"just some words here\n", "har, wec"},
	} {
		_, err := Detect("capture.txt", []byte(c.head))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Detect(%q) = %v, want an error with %q", c.head, err, c.want)
		}
	}
}

func TestParseFormatListsWhatIsRead(t *testing.T) {
	if f, err := ParseFormat(" HAR "); err != nil || f != FormatHAR {
		t.Errorf("ParseFormat(HAR) = %q, %v", f, err)
	}
	_, err := ParseFormat("pcap")
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "har, wec, storage-state, cookies-txt, cookie-jar, trc, html, urls") {
		t.Errorf("ParseFormat(pcap) = %v", err)
	}
	if len(Formats) != 8 {
		t.Errorf("%d formats have titles, want 8", len(Formats))
	}
}

func urls(rs []Request) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func cookieNamed(cs []Cookie, name string) []Cookie {
	var out []Cookie
	for _, c := range cs {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

func TestChromeHARGivesRequestsInTimeOrderWithTheirInitiators(t *testing.T) {
	ev := readFixture(t, "chrome.har")
	if ev.Site != "www.shop.example" {
		t.Errorf("site %q, want the page's host", ev.Site)
	}
	if want := time.Date(2026, 3, 1, 9, 0, 0, 100e6, time.UTC); !ev.Captured.Equal(want) {
		t.Errorf("captured %v, want the page's start %v", ev.Captured, want)
	}
	want := []string{
		"https://www.shop.example/",
		"https://www.googletagmanager.com/gtag/js?id=G-ABC1234567",
		"https://api.shop.example/cart", // its U+202E dropped
		"https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC1234567",
	}
	if got := urls(ev.Requests); !slices.Equal(got, want) {
		t.Fatalf("requests (the data: URL left out, in time order):\n%q\nwant\n%q", got, want)
	}
	doc, gtag, xhr, ping := ev.Requests[0], ev.Requests[1], ev.Requests[2], ev.Requests[3]
	if doc.Type != "document" || doc.Status != 200 || doc.Method != "GET" || doc.Source != "chrome.har: entry 2" {
		t.Errorf("document: %+v", doc)
	}
	if gtag.Initiator != "https://www.shop.example/" {
		t.Errorf("a parser-initiated script names its document: %q", gtag.Initiator)
	}
	if ping.Initiator != "https://www.googletagmanager.com/gtag/js?id=G-ABC1234567" || ping.Type != "ping" || ping.Method != "POST" {
		t.Errorf("a ping names the script on its async stack: %+v", ping)
	}
	if xhr.Status != 0 {
		t.Errorf("a blocked request has no status: %d", xhr.Status)
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings: %v", ev.Warnings)
	}
}

func TestChromeHARCookiesSentAndSet(t *testing.T) {
	ev := readFixture(t, "chrome.har")
	ga := cookieNamed(ev.Cookies, "_ga")
	if len(ga) != 1 || ga[0].Domain != ".google-analytics.com" || ga[0].SetBy != "" || ga[0].Session {
		t.Errorf("_ga, sent in the list and the header, once: %+v", ga)
	}
	if nid := cookieNamed(ev.Cookies, "NID"); len(nid) != 1 || nid[0].Domain != "region1.google-analytics.com" {
		t.Errorf("NID, only in the Cookie header, is the host's: %+v", nid)
	}
	s := cookieNamed(ev.Cookies, "session")
	if len(s) != 1 || s[0].SetBy != "https://www.shop.example/" || s[0].SetByScript || !s[0].HTTPOnly || !s[0].Secure || s[0].SameSite != "Lax" || !s[0].Session {
		t.Errorf("session, set by the document's response (list and header), once: %+v", s)
	}
	c := cookieNamed(ev.Cookies, "consent")
	started := time.Date(2026, 3, 1, 9, 0, 0, 120e6, time.UTC)
	if len(c) != 1 || c[0].Domain != ".shop.example" || !c[0].Expires.Equal(started.Add(time.Hour)) || c[0].Session {
		t.Errorf("consent, from a Set-Cookie header, Max-Age from the request's start: %+v", c)
	}
}

func TestSanitisedHARSaysHowToGetTheCookies(t *testing.T) {
	ev := readFixture(t, "sanitised.har")
	if len(ev.Requests) != 2 || ev.Site != "news.example" {
		t.Fatalf("requests %q, site %q", urls(ev.Requests), ev.Site)
	}
	if len(ev.Warnings) != 1 {
		t.Fatalf("warnings: %v", ev.Warnings)
	}
	w := ev.Warnings[0].String()
	for _, s := range []string{"sanitised.har: ", "sanitised", "Allow to generate HAR with sensitive data", "cookies.txt", "Cookie-Editor", "storageState"} {
		if !strings.Contains(w, s) {
			t.Errorf("the warning does not say %q:\n%s", s, w)
		}
	}
}

func TestFirefoxHARWithoutResourceTypes(t *testing.T) {
	ev := readFixture(t, "firefox.har")
	if ev.Site != "blog.example" {
		t.Errorf("site %q: the page's title is no URL, so the first HTML response tells", ev.Site)
	}
	if want := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC); !ev.Captured.Equal(want) {
		t.Errorf("captured %v, want %v", ev.Captured, want)
	}
	if got := urls(ev.Requests); got[0] != "https://blog.example/" {
		t.Errorf("unsorted entries come out in time order: %q", got)
	}
	b := cookieNamed(ev.Cookies, "b")
	if len(b) != 1 || b[0].SetBy != "https://blog.example/" || b[0].SameSite != "None" || !b[0].Secure {
		t.Errorf("b, the second of two Set-Cookie lines Firefox joins: %+v", b)
	}
	if a := cookieNamed(ev.Cookies, "a"); len(a) != 1 || a[0].Expires.IsZero() {
		t.Errorf("a: %+v", a)
	}
	if th := cookieNamed(ev.Cookies, "theme"); len(th) != 1 || th[0].Domain != "blog.example" {
		t.Errorf("theme: %+v", th)
	}
}

func TestEmptyHARSaysItHasNoEntries(t *testing.T) {
	_, err := Read("empty.har", bytes.NewReader(fixture(t, "empty.har")), FormatHAR)
	if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), "empty.har: ") || !strings.Contains(err.Error(), "no entries") {
		t.Errorf("err = %v", err)
	}
}

// locationOf reads b as f and wants one *data.LocationError.
func locationOf(t *testing.T, name string, b []byte, f Format) (data.Location, string) {
	t.Helper()
	_, err := Read(name, bytes.NewReader(b), f)
	var le *data.LocationError
	if !errors.As(err, &le) {
		t.Fatalf("%s: %v is not a *data.LocationError", name, err)
	}
	return le.Location, err.Error()
}

func TestBrokenCapturesSayLineAndColumn(t *testing.T) {
	chrome := string(fixture(t, "chrome.har"))
	cases := []struct {
		name   string
		b      string
		f      Format
		line   int
		col    int
		inText string
	}{
		{"truncated.har", string(fixture(t, "truncated.har")), FormatHAR, 53, 44, "cut short"},
		{"truncated-wec.json", string(fixture(t, "truncated-wec.json")), FormatWEC, 25, 9, "cut short"},
		{"bad-entry.har", strings.Replace(chrome, `"time": 150`, `"time": 150 x`, 1), FormatHAR, 103, 21, "invalid character 'x'"},
		{"bad-status.har", strings.Replace(chrome, `"status": 200,`, `"status": "200",`, 1), FormatHAR, 87, 25, "log.entries[1].response.status: want a number"},
		{"bad-between.har", strings.Replace(chrome, "      },\n      {\n        \"_initiator\": { \"type\": \"other\" }", "      }\n      {\n        \"_initiator\": { \"type\": \"other\" }", 1), FormatHAR, 76, 7, "after array element"},
		{"trailing.har", chrome + "{}", FormatHAR, 133, 1, "more JSON"},
		{"bad-jar.json", "[\n  {\"name\": \"a\",\n   \"secure\": \"yes\"}\n]", FormatCookieJar, 3, 18, "secure: want true or false"},
	}
	for _, c := range cases {
		loc, msg := locationOf(t, c.name, []byte(c.b), c.f)
		if loc.File != c.name || loc.Line != c.line || loc.Column != c.col || !strings.Contains(msg, c.inText) {
			t.Errorf("%s: %q at line %d column %d, want line %d column %d and %q", c.name, msg, loc.Line, loc.Column, c.line, c.col, c.inText)
		}
	}
}

func TestAFileOfTheWrongFormatSaysSo(t *testing.T) {
	for _, c := range []struct {
		file string
		f    Format
		want string
	}{
		{"cookie-editor.json", FormatHAR, "want a JSON object"},
		{"storage-state.json", FormatHAR, "not a HAR"},
		{"chrome.har", FormatWEC, "not a Website Evidence Collector"},
		{"chrome.har", FormatTRC, "not a tracker-radar-collector"},
		{"chrome.har", FormatStorageState, "not a Playwright storageState"},
		{"chrome.har", FormatCookieJar, "want a list"},
		{"chrome.har", "pcap", "unknown capture format"},
	} {
		_, err := Read(c.file, bytes.NewReader(fixture(t, c.file)), c.f)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s as %s: %v, want %q", c.file, c.f, err, c.want)
		}
	}
	if _, err := Read("-", strings.NewReader(""), FormatHAR); !errors.Is(err, ErrEmpty) || !strings.HasPrefix(err.Error(), "stdin: ") {
		t.Errorf("empty stdin: %v", err)
	}
}

// A HAR's bodies are read past, never kept: once read, the evidence of a
// HAR of 32 MiB of bodies holds a few kilobytes.
func TestHARBodiesAreNotKept(t *testing.T) {
	var b bytes.Buffer
	body := strings.Repeat("x", 1<<20)
	b.WriteString(`{"log": {"entries": [`)
	for i := range 32 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"startedDateTime": "2026-03-01T09:00:%02d.000Z", "request": {"method": "GET", "url": "https://cdn.example/%d.js", "postData": {"text": %q}}, "response": {"status": 200, "content": {"text": %q}}}`, i, i, body, body)
	}
	b.WriteString(`]}}`)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ev, err := Read("big.har", &b, FormatHAR)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(ev.Requests) != 32 {
		t.Fatalf("%d requests", len(ev.Requests))
	}
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 1<<20 {
		t.Errorf("the evidence holds %d bytes more than before: bodies were kept", grew)
	}
	runtime.KeepAlive(ev)
}

// Firefox, Safari, WebPageTest and old chrome-har write no _resourceType:
// the response's MIME type says what was loaded (a 302 or 304 with none,
// the .js path); where Chrome wrote a type, it is kept.
func TestHARsWithoutResourceTypesTellScriptsByTheirResponse(t *testing.T) {
	typeOf := func(ev *Evidence, url string) string {
		for _, q := range ev.Requests {
			if q.URL == url {
				return q.Type
			}
		}
		t.Fatalf("no request for %s", url)
		return ""
	}
	for _, c := range []struct{ file, url, want string }{
		{"real/har/mitmproxy.org-firefox111-devtools.har", "https://mitmproxy.org/polyfills.js", "script"},
		{"real/har/mitmproxy.org-firefox111-devtools.har", "https://mitmproxy.org/", "document"},
		{"real/har/mitmproxy.org-safari-webinspector.har", "https://mitmproxy.org/snapshots.js", "script"},
		// text/javascript; charset=UTF-8
		{"real/har/linkedin.com-firefox43-devtools.har", "https://platform.linkedin.com/js/analytics.js", "script"},
		// application/x-javascript
		{"real/har/mytoys.de-browsertime-chrome63.har", "https://connect.facebook.net/en_US/fbevents.js", "script"},
		{"real/har/nytimes.com-webpagetest-chrome44.har", "http://static.chartbeat.com/js/chartbeat.js", "script"},
		// no .js: the type tells
		{"real/har/nytimes.com-webpagetest-chrome44.har", "http://cdn.krxd.net/controltag?confid=HrUwtkcl", "script"},
		// no type: the path tells
		{"real/har/nytimes.com-webpagetest-chrome44.har", "http://s.tagsrvcs.com/2/818492/analytics.js?pp=www.nytimes.com&sn=Homepage&c1=http%3A%2F%2Fwww.nytimes.com%2F&ui=&dt=xxxxxxxxxxxxxxxxxxxxxx", "script"},
		{"real/har/nytimes.com-webpagetest-chrome44.har", "http://www.nytimes.com/", "document"},
		{"real/har/ferguson.com-browsertime-chrome97.har", "https://www.ferguson.com/", "document"},
	} {
		if got := typeOf(readFixture(t, c.file), c.url); got != c.want {
			t.Errorf("%s: %s is %q, want %q", c.file, c.url, got, c.want)
		}
	}
	// Chrome's own word stands: it typed this JavaScript response (the
	// LinkedIn Insight pixel) an image.
	ev := readFixture(t, "real/har/ferguson.com-browsertime-chrome97.har")
	if got := typeOf(ev, "https://px.ads.linkedin.com/collect?v=2&fmt=js&pid=xxxxxxx&time=1643952221798&url=https%3A%2F%2Fwww.ferguson.com%2F&liSync=true"); got != "image" {
		t.Errorf("the LinkedIn pixel Chrome typed image is %q", got)
	}
}
