// Package dataset reads the public dataset formats vendex imports (and its
// own JSON) into records for the store: format detection in detect.go, the
// machinery every reader shares in reader.go, build.go and collector.go, and
// one file per format.
package dataset

import (
	"errors"
	"fmt"

	"github.com/vendex/vendex/data"
)

// Format is a file format vendex can import.
type Format string

// The import formats. Each reader documents the shapes it accepts.
const (
	FormatVendex        Format = "vendex"               // vendex's own JSON (export --format json)
	FormatOCDCSV        Format = "ocd-csv"              // Open Cookie Database CSV
	FormatOCDJSON       Format = "ocd-json"             // Open Cookie Database JSON
	FormatThirdPartyWeb Format = "third-party-web"      // third-party-web entities
	FormatTREntity      Format = "tracker-radar-entity" // DuckDuckGo Tracker Radar entity file(s)
	FormatTRDomain      Format = "tracker-radar-domain" // DuckDuckGo Tracker Radar domain file(s)
	FormatTDS           Format = "ddg-tds"              // DuckDuckGo tracker blocklist (extension-tds.json)
	FormatDisconnect    Format = "disconnect"           // Disconnect services.json (or entities.json)
	FormatGhostery      Format = "ghostery"             // Ghostery trackerdb JSON export
	FormatGVL           Format = "iab-gvl"              // IAB TCF global vendor list v3
	FormatIABDisclosure Format = "iab-disclosure"       // IAB TCF device storage disclosure
)

// Formats lists every import format with what it is, in the order help
// text shows them.
var Formats = data.NamedList[Format]{
	{Format: FormatVendex, Title: "vendex JSON (one vendor or a list, as export --format json writes)"},
	{Format: FormatOCDCSV, Title: "Open Cookie Database CSV"},
	{Format: FormatOCDJSON, Title: "Open Cookie Database JSON"},
	{Format: FormatThirdPartyWeb, Title: "third-party-web entities JSON"},
	{Format: FormatTREntity, Title: "DuckDuckGo Tracker Radar entity file, or a JSON array of them"},
	{Format: FormatTRDomain, Title: "DuckDuckGo Tracker Radar domain file, JSON lines of them, or a domain index CSV"},
	{Format: FormatTDS, Title: "DuckDuckGo tracker blocklist (extension-tds.json)"},
	{Format: FormatDisconnect, Title: "Disconnect services.json or entities.json"},
	{Format: FormatGhostery, Title: "Ghostery trackerdb JSON export"},
	{Format: FormatGVL, Title: "IAB TCF global vendor list v3 (vendor-list.json)"},
	{Format: FormatIABDisclosure, Title: "IAB TCF device storage disclosure JSON"},
}

// FormatNames is the list of format names, comma separated, for messages.
func FormatNames() string { return Formats.Names() }

// ParseFormat accepts a format's name.
func ParseFormat(s string) (Format, error) {
	if f, ok := Formats.Parse(s); ok {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %s (want one of %s)", data.Quote(s), FormatNames())
}

// ErrUnknownFormat is wrapped when DetectFormat cannot tell a file's format.
var ErrUnknownFormat = errors.New("cannot tell the file's format")

// ObservesCookies reports whether files of format f list the cookies a
// company's scripts were seen setting on crawled pages, grouped by company
// (Tracker Radar's domain records), rather than cookies each vendor
// declares: such a name says which company's script ran, not which of its
// products, or which site, the cookie is for.
func (f Format) ObservesCookies() bool { return f == FormatTRDomain }
