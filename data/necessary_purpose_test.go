package data

import (
	"regexp"
	"testing"
)

// necessaryPurposeRE finds, by its purpose's words, an item that is strictly
// necessary by what it does, on any card:
//   - it records the visitor's consent choice, an opt-in or an opt-out: the
//     banner needs it before any consent exists, and a refusal can only be
//     honoured if it is remembered;
//   - it balances load or keeps the browser on one server (sticky session);
//   - it tells people from bots.
var necessaryPurposeRE = regexp.MustCompile(`(?i)` +
	`\b(consent (choices?|status|state|string|record|data|given|preferences?)|(guest|visitor|member|shopper|user)'s (cookie )?(consent|choices?|opt-in|opt-out)|(cookie|banner|consent) choices?|choices? (about|on) [^.]*cookie|opted out|opt-out|opt-in choice)\b` +
	`|\bload[- ]balanc|\bsticky session|\bsame (server|back end)\b|\baffinity\b` +
	`|\b(people|humans?|visitors?) from (bots|automated)|\bbots? (detection|defen[cs]e|management|manager)|\bdetects? bots\b`)

// An item whose purpose says it records a consent choice, balances load or
// tells people from bots must be strictly necessary, by its own category or
// its vendor's: otherwise a before-consent scan flags every site that uses
// it for a cookie that may be set before consent.
func TestNecessaryPurposesAreStrictlyNecessary(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	vendors, items := map[string]bool{}, 0
	for _, v := range vs {
		for _, st := range v.Storage {
			if !necessaryPurposeRE.MatchString(st.Purpose) {
				continue
			}
			items++
			vendors[v.ID] = true
			cat := st.Category
			if cat == "" {
				cat = v.Category
			}
			if cat != StrictlyNecessary {
				t.Errorf("%s: %s (%q) is %s, not strictly necessary", v.ID, st.Name, st.Purpose, cat)
			}
		}
	}
	// The catalogue has about 150 such items on about 65 cards; a
	// pattern that stopped matching would pass on nothing.
	if len(vendors) < 50 || items < 100 {
		t.Errorf("found %d items on %d cards; the pattern no longer finds them", items, len(vendors))
	}
}
