package store

import (
	"net/url"
	"strings"

	"github.com/vendex/vendex/data"
)

// usedOnSiteOf reports whether rec, whose domains are vendor id's, is
// another product seen on id's site: its controller is id (shares a word
// with it) and a stranger to its name, which is not id's, and its privacy
// policy is on a site named after it that id does not cover. The OCD
// lists Beamer's cookies under hotjar.com with Hotjar as controller, as
// Hotjar's own site sets them, and links getbeamer.com's policy.
func (r *resolver) usedOnSiteOf(rec *data.Vendor, id string) bool {
	if rec.Owner == "" || r.sharesWord(rec.Name, id) || !r.sharesWord(rec.Owner, id) || namesOverlap(rec.Name, rec.Owner) {
		return false
	}
	u, err := url.Parse(rec.PrivacyPolicy)
	if err != nil || u.Hostname() == "" || r.owner(strings.ToLower(u.Hostname()), nil) == id {
		return false
	}
	return namesOverlap(rec.Name, u.Hostname())
}

// namesOverlap reports whether a word of a (three letters or more, not a
// word many companies' names have) is in b, or one of b's in a, spaces
// and dots ignored: "AirFrance" is in "Air France-KLM Group", "beamer" in
// www.getbeamer.com.
func namesOverlap(a, b string) bool {
	squash := func(s string) string { return squashName.Replace(data.NormalizeName(s)) }
	in := func(words, s string) bool {
		for _, w := range strings.Fields(data.NormalizeName(words)) {
			if len(w) >= 3 && !commonNameWords[w] && strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	return in(a, squash(b)) || in(b, squash(a))
}

// squashName drops the spaces and dots namesOverlap compares without.
var squashName = strings.NewReplacer(" ", "", ".", "")
