package data

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	// A consent manager's card: its summary says it is a banner or a
	// consent manager, or its industries say consent management.
	consentManagerRE = regexp.MustCompile(`(?i)consent[- ](banner|manag|platform|tool|solution|plugin)|cookie[- ](banner|consent)|\bCMP\b`)
	// An item that records the visitor's answer: consent choices, state or
	// string, an opt-in or opt-out, what the visitor allowed or accepted.
	recordsChoiceRE = regexp.MustCompile(`(?i)\b(consent (choices?|status|state|string|record|data|given)|(visitor|member|shopper|user)'s (consent|choices?|opt-in|opt-out)|opted (in|out)|opt-(in|out)|allowed|accepted|banner choice)\b`)
)

func isConsentManager(v Vendor) bool {
	return consentManagerRE.MatchString(v.Summary) || slices.ContainsFunc(v.Industries, func(s string) bool { return strings.EqualFold(s, "consent management") })
}

// A consent manager's cookie that records the visitor's choice is exempt
// from consent by its nature: the banner needs it before any consent
// exists, and a refusal can only be honoured if it is remembered. Such an
// item must be strictly necessary, by its own category or its vendor's, or
// a before-consent scan flags every site that runs the banner.
func TestConsentManagersRecordTheChoiceAsStrictlyNecessary(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	managers, items := 0, 0
	for _, v := range vs {
		if !isConsentManager(v) {
			continue
		}
		managers++
		for _, st := range v.Storage {
			if !recordsChoiceRE.MatchString(st.Purpose) {
				continue
			}
			items++
			cat := st.Category
			if cat == "" {
				cat = v.Category
			}
			if cat != StrictlyNecessary {
				t.Errorf("%s: %s records the visitor's choice (%q) but is %s, not strictly necessary", v.ID, st.Name, st.Purpose, cat)
			}
		}
	}
	// The catalogue has about 30 consent managers and 80 such items; a
	// pattern that stopped matching would pass on nothing.
	if managers < 20 || items < 50 {
		t.Errorf("found %d consent managers with %d choice-recording items; the patterns no longer find them", managers, items)
	}
}
