package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func goodVendor(id string) Vendor {
	return Vendor{
		ID: id, Name: strings.ToUpper(id[:1]) + id[1:], Summary: "A vendor.", Category: Analytics, SetsCookies: Yes,
		Domains:            []Domain{{Host: id + ".example"}},
		ConsentRequired:    Verdict{Value: AnswerYes, Reason: "It tracks."},
		BlockBeforeConsent: Verdict{Value: AnswerYes, Reason: "It tracks."},
	}
}

func TestValidateCatchesEachKindOfBadRecord(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(vs []Vendor) []Vendor
		id     string
		field  string
		msg    string
	}{
		{"unknown category", func(vs []Vendor) []Vendor { vs[0].Category = "tracking"; return vs }, "alpha", "category", "unknown category"},
		{"empty category", func(vs []Vendor) []Vendor { vs[0].Category = ""; return vs }, "alpha", "category", "unknown category"},
		{"duplicate id", func(vs []Vendor) []Vendor { vs[1].ID = "alpha"; vs[1].Domains = nil; return vs }, "alpha", "id", "duplicate id"},
		{"malformed id", func(vs []Vendor) []Vendor { vs[0].ID = "Alpha Vendor"; return vs }, "Alpha Vendor", "id", "malformed id"},
		{"domain claimed twice", func(vs []Vendor) []Vendor { vs[1].Domains = []Domain{{Host: "alpha.example"}}; return vs }, "beta", "domains", `"alpha.example" is also claimed by alpha`},
		{"related to a missing vendor", func(vs []Vendor) []Vendor { vs[0].Related = []string{"gamma"}; return vs }, "alpha", "related[0]", `missing vendor "gamma"`},
		{"malformed domain", func(vs []Vendor) []Vendor { vs[0].Domains = []Domain{{Host: "Alpha.Example"}}; return vs }, "alpha", "domains[0]", "malformed domain"},
		{"domain with a scheme", func(vs []Vendor) []Vendor { vs[0].Domains = []Domain{{Host: "https://alpha.example"}}; return vs }, "alpha", "domains[0]", "malformed domain"},
		{"malformed URL", func(vs []Vendor) []Vendor { vs[0].Website = "alpha.example"; return vs }, "alpha", "website", "malformed URL"},
		{"javascript URL", func(vs []Vendor) []Vendor { vs[0].PrivacyPolicy = "javascript:alert(1)"; return vs }, "alpha", "privacy_policy", "malformed URL"},
		{"missing summary", func(vs []Vendor) []Vendor { vs[0].Summary = " "; return vs }, "alpha", "summary", "missing summary"},
		{"bad verdict", func(vs []Vendor) []Vendor { vs[0].BlockBeforeConsent.Value = "maybe"; return vs }, "alpha", "block_before_consent.value", "want yes, no or conditional"},
		{"verdict without reason", func(vs []Vendor) []Vendor { vs[0].ConsentRequired.Reason = ""; return vs }, "alpha", "consent_required.reason", "missing reason"},
		{"bad storage kind", func(vs []Vendor) []Vendor {
			vs[0].Storage = []StorageItem{{Kind: "flash", Name: "x", Purpose: "p"}}
			return vs
		}, "alpha", "storage[0].kind", "unknown storage kind"},
		{"placeholder in a cookie's name", func(vs []Vendor) []Vendor {
			vs[0].Storage = []StorageItem{{Kind: Cookie, Name: "_a", Purpose: "p"}, {Kind: Cookie, Name: "pm_sess_NNN", Purpose: "p"}}
			return vs
		}, "alpha", "storage[1].name", "placeholder no browser sets"},
		{"cookie while sets_cookies is no", func(vs []Vendor) []Vendor {
			vs[0].SetsCookies = No
			vs[0].Storage = []StorageItem{{Kind: Cookie, Name: "_a", Purpose: "p"}}
			return vs
		}, "alpha", "sets_cookies", "says no"},
		{"unknown permission", func(vs []Vendor) []Vendor { vs[0].Permissions = []Permission{{Name: "mind-reading"}}; return vs }, "alpha", "permissions[0]", "unknown permission"},
		{"script path without slash", func(vs []Vendor) []Vendor {
			vs[0].Scripts = []Script{{Host: "cdn.alpha.example", Path: "sdk/"}}
			return vs
		}, "alpha", "scripts[0].path", "must start with /"},
		{"unknown role", func(vs []Vendor) []Vendor { vs[0].Compliance.Role = "bystander"; return vs }, "alpha", "compliance.role", "unknown role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := c.mutate([]Vendor{goodVendor("alpha"), goodVendor("beta")})
			ps := Validate(vs)
			for _, p := range ps {
				if p.VendorID == c.id && p.Field == c.field && strings.Contains(p.Message, c.msg) {
					return
				}
			}
			t.Errorf("want a problem %s / %s / %q, got:\n%v", c.id, c.field, c.msg, ps)
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	a, b := goodVendor("alpha"), goodVendor("beta")
	a.Category, a.Summary = "x", ""
	b.Related = []string{"nobody"}
	ps := Validate([]Vendor{a, b})
	if len(ps) != 3 {
		t.Fatalf("want 3 problems across two vendors, got %d:\n%v", len(ps), ps)
	}
	if !strings.Contains(ps.Error(), "3 problem(s)") || !strings.Contains(ps.Error(), "beta: related[0]") {
		t.Errorf("the error does not list them all:\n%s", ps.Error())
	}
}

func TestSharedDomainsAreAllowedWhenEveryClaimSaysSo(t *testing.T) {
	a, b := goodVendor("alpha"), goodVendor("beta")
	a.Domains = append(a.Domains, Domain{Host: "cdn.example", Shared: true})
	b.Domains = append(b.Domains, Domain{Host: "cdn.example", Shared: true})
	if ps := Validate([]Vendor{a, b}); len(ps) != 0 {
		t.Errorf("a host both vendors mark shared is fine, got %v", ps)
	}
	b.Domains[1].Shared = false
	if ps := Validate([]Vendor{a, b}); len(ps) != 1 || ps[0].VendorID != "beta" {
		t.Errorf("only the claim that is not marked shared is at fault, got %v", ps)
	}
}

func TestLifetimeReadsCodesAndSeconds(t *testing.T) {
	cases := map[string]string{
		`"session"`: "session", `"persistent"`: "persistent", `"2y"`: "2 years", `"13mo"`: "13 months",
		`"30m"`: "30 minutes", `"1d"`: "1 day", `"24h"`: "1 day", `"400d"`: "400 days", `86400`: "1 day", `90`: "90 seconds", `3`: "3 seconds", `1206`: "20 minutes", `1816`: "30 minutes", `61`: "about 1 minute", `70`: "70 seconds", `63072006`: "2 years", `100000`: "28 hours",
		// Odd units from datasets read in round ones, never far off.
		`15828480`: "about 6 months", `46657000`: "18 months", `31000000`: "12 months", `31557600`: "1 year", `120960`: "about 34 hours",
		// One rule, never weeks: whole or within 1% of years or months as such,
		// other whole days as days (a new user's trial saw "52 weeks",
		// "17 weeks" and "179 days" beside "13 months").
		`"52w"`: "1 year", `"17w"`: "4 months", `"179d"`: "6 months", `"1w"`: "7 days", `"45d"`: "45 days", `"36h"`: "36 hours",
	}
	for in, want := range cases {
		var l Lifetime
		if err := json.Unmarshal([]byte(in), &l); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if l.String() != want {
			t.Errorf("%s reads as %q, want %q", in, l.String(), want)
		}
		back, _ := json.Marshal(l)
		var again Lifetime
		json.Unmarshal(back, &again)
		if again != l {
			t.Errorf("%s does not survive a round trip: %s", in, back)
		}
	}
	for _, bad := range []string{`"2 fortnights"`, `"forever"`, `-5`, `"y"`, `true`} {
		var l Lifetime
		if err := json.Unmarshal([]byte(bad), &l); err == nil {
			t.Errorf("%s was accepted as %v", bad, l)
		}
	}
}

func TestDecodeVendorsRejectsUnknownFieldsWithALine(t *testing.T) {
	in := "{\n  \"id\": \"x\",\n  \"nmae\": \"typo\"\n}"
	_, err := DecodeVendors(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "nmae") {
		t.Fatalf("a typo in a field name must fail: %v", err)
	}
	_, err = DecodeVendors(strings.NewReader("{\n\"id\": \"x\",\n\"name\": 5\n}"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("a wrong type should give its line: %v", err)
	}
}

func TestAnIDLongerThanAFileNameCanHoldIsRefused(t *testing.T) {
	if ValidID(strings.Repeat("a", 300)) {
		t.Error("a 300-character id is valid; its card could not be exported")
	}
	if !ValidID(strings.Repeat("a", MaxIDLen)) {
		t.Error("an id of MaxIDLen characters is refused")
	}
}

// A record an import adds is held to the rules that hold for any record:
// what it leaves out (text, verdicts, an id, a category) is not asked for,
// what it says must be right.
func TestAnImportedRecordIsHeldToWhatItSays(t *testing.T) {
	bare := Vendor{Name: "Acme", Domains: []Domain{{Host: "acme.example"}}, Related: []string{"elsewhere"}}
	if ps := ValidateImported(&bare); len(ps) != 0 {
		t.Errorf("a record of a name and a domain: %v", ps)
	}
	for _, c := range []struct {
		change      func(v *Vendor)
		field, says string
	}{
		{func(v *Vendor) { v.Storage = []StorageItem{{Kind: Cookie, Name: "acme_NNN"}} }, "storage[0].name", "placeholder"},
		{func(v *Vendor) { v.Storage = []StorageItem{{Kind: Cookie, Name: "_pk_id.<id>"}} }, "storage[0].name", "placeholder"},
		{func(v *Vendor) { v.Website = "acme.example/about" }, "website", "malformed URL"},
		{func(v *Vendor) { v.ID = "Acme Ltd" }, "id", "malformed id"},
		{func(v *Vendor) { v.Category = "adverts" }, "category", "unknown category"},
		{func(v *Vendor) { v.ConsentRequired.Value = "maybe" }, "consent_required.value", "want yes, no or conditional"},
		{func(v *Vendor) {
			v.SetsCookies = No
			v.Storage = []StorageItem{{Kind: Cookie, Name: "_a"}}
		}, "sets_cookies", "says no"},
		{func(v *Vendor) { v.Domains = append(v.Domains, Domain{Host: "Acme.Example"}) }, "domains[1]", "malformed domain"},
		{func(v *Vendor) { v.Domains = append(v.Domains, Domain{Host: "acme.example"}) }, "domains[1]", "listed twice"},
	} {
		v := bare
		v.Domains = slices.Clone(bare.Domains)
		c.change(&v)
		ps := ValidateImported(&v)
		if len(ps) != 1 || ps[0].Field != c.field || !strings.Contains(ps[0].Message, c.says) {
			t.Errorf("%s: got %v, want one problem saying %q", c.field, ps, c.says)
		}
	}
}

func TestAPlaceholderIsWrittenAsThePatternItStandsFor(t *testing.T) {
	for name, want := range map[string]string{"pm_sess_NNN": "pm_sess_*", "aboutads_sessNNN": "aboutads_sess*", "_pk_id.<id>.<hash>": "_pk_id.*.*", "x_{site}": "x_*", "a<b": ""} {
		got, ok := PlaceholderPattern(name)
		if ok != (want != "") || ok && got != want {
			t.Errorf("%q: %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := PlaceholderPattern("_ga"); ok {
		t.Error("_ga holds no placeholder")
	}
}

// BenchmarkValidateImported checks one imported record of ten hosts, as
// every record of an import is checked.
func BenchmarkValidateImported(b *testing.B) {
	v := Vendor{Name: "Acme", Website: "https://acme.example/"}
	for i := range 10 {
		v.Domains = append(v.Domains, Domain{Host: fmt.Sprintf("h%d.acme.example", i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		ValidateImported(&v)
	}
}
