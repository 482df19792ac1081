package scan

import (
	"errors"
	"fmt"
	"io"

	"github.com/vendex/vendex/data"
)

// Format is a capture format Read understands.
type Format string

// The capture formats. Each reader's file documents the shapes it accepts.
const (
	FormatHAR          Format = "har"           // HTTP Archive 1.2
	FormatWEC          Format = "wec"           // EDPS Website Evidence Collector inspection.json
	FormatStorageState Format = "storage-state" // Playwright storageState
	FormatCookiesTxt   Format = "cookies-txt"   // Netscape cookies.txt
	FormatCookieJar    Format = "cookie-jar"    // a browser extension's cookie JSON array
	FormatTRC          Format = "trc"           // DuckDuckGo tracker-radar-collector crawl
	FormatHTML         Format = "html"          // a saved HTML page
	FormatURLs         Format = "urls"          // URLs or hosts, one a line
)

// Formats lists every capture format with what it is, in the order help
// text shows them.
var Formats = data.NamedList[Format]{
	{Format: FormatHAR, Title: "HAR 1.2 (Chrome, Edge, Firefox, Safari, Playwright recordHar, puppeteer-har; WEC's requests.har)"},
	{Format: FormatWEC, Title: "EDPS Website Evidence Collector inspection.json"},
	{Format: FormatStorageState, Title: "Playwright storageState JSON (cookies and localStorage by origin)"},
	{Format: FormatCookiesTxt, Title: "Netscape cookies.txt (curl, wget, yt-dlp, \"Get cookies.txt\" extensions)"},
	{Format: FormatCookieJar, Title: "cookie JSON array (Cookie-Editor, EditThisCookie, WebExtensions cookies.getAll, Playwright context.cookies)"},
	{Format: FormatTRC, Title: "DuckDuckGo tracker-radar-collector crawl JSON"},
	{Format: FormatHTML, Title: "saved HTML page (scripts, frames, images, pixels and tag snippets it loads)"},
	{Format: FormatURLs, Title: "plain list of URLs or hosts, one a line (# comments)"},
}

// FormatNames is the list of format names, comma separated, for messages.
func FormatNames() string { return Formats.Names() }

// ParseFormat accepts a format's name.
func ParseFormat(s string) (Format, error) {
	if f, ok := Formats.Parse(s); ok {
		return f, nil
	}
	return "", fmt.Errorf("%w %s (want one of %s)", ErrUnknownFormat, data.Quote(s), FormatNames())
}

// ErrUnknownFormat is wrapped when a format is named wrong or a file's
// cannot be told.
var ErrUnknownFormat = errors.New("unknown capture format")

// ErrEmpty is wrapped when a capture records nothing to read: a HAR
// without entries, an empty file. A caller reading several files may
// carry on without it.
var ErrEmpty = errors.New("the capture records nothing")

// Read reads one capture of format f from r. name is the file's name, "-"
// for standard input; it is used in Source fields, warnings and errors
// only. Any error stops the file and, for JSON, says where it is: a
// *data.LocationError with the line and column.
func Read(name string, r io.Reader, f Format) (*Evidence, error) {
	rd := &reader{file: displayName(name), ev: &Evidence{}}
	var err error
	switch f {
	case FormatHAR:
		err = rd.har(r)
	case FormatWEC:
		err = rd.readJSON(r, rd.wec)
	case FormatStorageState:
		err = rd.readJSON(r, rd.storageState)
	case FormatCookieJar:
		err = rd.readJSON(r, rd.cookieJar)
	case FormatTRC:
		err = rd.readJSON(r, rd.trc)
	case FormatCookiesTxt:
		err = rd.cookiesTxt(r)
	case FormatHTML:
		err = rd.html(r)
	case FormatURLs:
		err = rd.urlList(r)
	default:
		return nil, rd.fail(data.Location{}, fmt.Errorf("%w %q (want one of %s)", ErrUnknownFormat, f, FormatNames()))
	}
	if err != nil {
		return nil, err
	}
	return rd.ev, nil
}

// displayName is how a file is named to people: standard input as such.
func displayName(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	return name
}
