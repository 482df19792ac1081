package banner

import (
	"fmt"

	"github.com/vendex/vendex/data"
)

// Format is a banner configuration's output format.
type Format string

// The formats, in the order help text lists them.
const (
	CookieConsentJS Format = "cookieconsent"
	KlaroJS         Format = "klaro"
	GCM             Format = "gcm"
	Tags            Format = "tags"
)

// Formats lists every format with what it writes.
var Formats = data.NamedList[Format]{
	{Format: CookieConsentJS, Title: "an orestbida/cookieconsent v3 configuration"},
	{Format: KlaroJS, Title: "a Klaro! config.js"},
	{Format: GCM, Title: "a Google Consent Mode v2 block"},
	{Format: Tags, Title: "the scan's script tags, held back until consent"},
}

// NeedsEvidence reports whether f is written from what a capture shows
// (the script tags a site loads), which a list of vendors does not give.
func (f Format) NeedsEvidence() bool { return f == Tags }

// Extensions are the file extensions a configuration in f is named
// with, the usual one first: the tags are HTML to paste into a page, the
// others JavaScript.
func (f Format) Extensions() []string {
	if f == Tags {
		return []string{".html", ".htm"}
	}
	return []string{".js", ".mjs"}
}

// Write renders b in format f; libs picks the libraries the tags are for
// (all when empty).
func Write(b Banner, f Format, libs ...Library) ([]byte, error) {
	switch f {
	case CookieConsentJS:
		return []byte(cookieConsent(b)), nil
	case KlaroJS:
		return []byte(klaro(b)), nil
	case GCM:
		return []byte(gcm(b)), nil
	case Tags:
		if len(libs) == 0 {
			libs = Libraries
		}
		return []byte(tags(b, libs)), nil
	}
	return nil, fmt.Errorf("unknown format %q", f)
}
