package data

import "testing"

// A declaration shows each item's purpose to a site's visitors. Three stock
// lines stood for 123 items whose sources say more, or for items they were
// wrong for (TikTok's ttcsid* is the pixel's session, not a sign-in;
// SurveyMonkey's ep202 attributes sign-ups): each item says what its
// sources say of it, or that no purpose is published.
func TestNoItemHasAStockPurpose(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	stock := map[string]bool{
		"Keeps the visitor signed in or checks who they are.": true,
		"Needed for a feature of the service to work.":        true,
		"Used to deliver or measure ads.":                     true,
	}
	for _, v := range vs {
		for _, st := range v.Storage {
			if stock[st.Purpose] {
				t.Errorf("%s: %s has the stock purpose %q", v.ID, st.Name, st.Purpose)
			}
		}
	}
}
