package banner

import "fmt"

// Format is a banner configuration's output format.
type Format string

// The formats, in the order help text lists them.
const (
	CookieConsentJS Format = "cookieconsent"
	KlaroJS         Format = "klaro"
	GCM             Format = "gcm"
	Tags            Format = "tags"
)

// Formats lists every format.
var Formats = []Format{CookieConsentJS, KlaroJS, GCM, Tags}

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
