package data

import (
	"slices"
	"testing"
)

// Two spellings of one company compare equal: its legal form and its
// punctuation are not part of its name.
func TestNamesCompareWithoutLegalFormsOrPunctuation(t *testing.T) {
	for _, c := range [][2]string{
		{"Criteo SA", "Criteo"},
		{"PubMatic, Inc.", "pubmatic"},
		{"Index Exchange, Inc. ", "Index Exchange"},
		{"Italiaonline S.p.A.", "italiaonline"},
		{"Allegro sp. z o.o.", "Allegro"},
		{"Yahoo EMEA Limited", "yahoo emea"},
		{"Adform A/S", "adform"},
		{"Comscore B.V.", "comscore"},
		{"BYTEDANCE PTE. LTD.", "ByteDance"},
		{"Ströer SSP GmbH", "ströer ssp"},
		{"A/B Tasty", "AB Tasty"},
		{"Google-Analytics", "google analytics"},
		// Invisible characters are no part of a name, nor is the final
		// dot of a legal form.
		{"DoubleVerify Inc.\u200b", "DoubleVerify"},
		{"Double\u200bVerify", "DoubleVerify"},
		{"\u202eTaboola\u202c", "Taboola"},
		{"Seedtag Advertising S.L", "Seedtag Advertising S.L."},
		{"InsurAds Technologies SA.", "InsurAds Technologies SA"},
	} {
		if a, b := NormalizeName(c[0]), NormalizeName(c[1]); a != b {
			t.Errorf("%q is %q but %q is %q", c[0], a, c[1], b)
		}
	}
	// A name is never folded away to nothing, and a short one keeps its
	// last word: "t.co" is not "t".
	for n, want := range map[string]string{"AG": "ag", "t.co": "t co", "Co": "co", "AT&T": "at&t"} {
		if got := NormalizeName(n); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", n, got, want)
		}
	}
}

// A company that trades under another name is known by both.
func TestADoingBusinessAsNameIsKnownByBothNames(t *testing.T) {
	got := NameKeys("Exponential Interactive, Inc d/b/a VDX.tv")
	if !slices.Contains(got, "exponential interactive") || !slices.Contains(got, "vdx tv") {
		t.Errorf("NameKeys = %q", got)
	}
	if got := NameKeys("Longtail Ad Solutions, Inc dba JW Player"); !slices.Contains(got, "jw player") {
		t.Errorf("NameKeys = %q", got)
	}
}

// Two names start alike when their first words do, as NormalizeName
// spells them and past a leading "the": the rule merging owners and the
// import's platform check both read.
func TestFirstNameWord(t *testing.T) {
	for name, want := range map[string]string{
		"Google LLC": "google", "Amazon Technologies, Inc.": "amazon", "Amazon Web Services": "amazon",
		"The Trade Desk": "trade", "the-trade-desk": "trade", "The": "the", "A/B Tasty": "ab", "": "", " , ": "",
	} {
		if got := FirstNameWord(name); got != want {
			t.Errorf("FirstNameWord(%q) = %q, want %q", name, got, want)
		}
	}
}

// Typing a vendor's name as it is spelled anywhere (case, punctuation, a
// legal form, accents) names it; typing a part of it or more does not.
// SameName answers as normalising both would, on every pair of these.
func TestTypingAVendorsNameInAnySpellingNamesIt(t *testing.T) {
	names := []string{"GA", "ga", "G.A.", "G A", "g-a", "GA4", "ga.js", "Gauges", "G", "GAM", "Google Analytics",
		"google-analytics", "Google  Analytics, Inc.", "GoogleAnalytics", "Google Analytics 4", "Müller", "Muller GmbH",
		"MÜLLER", "İstanbul", "istanbul", "AT&T", "at t", "[GA]", "ga]", "Criteo SA", "criteo", "sa", "S.A.", "東京",
		"東京 Inc", "", "-", "a b c", "abc", "a bc", "ab c", "t.co", "t co", "tco", "gtm", "GTM (Google)", "x\x00y", "G\u200bA", "ga\u200b"}
	for _, s := range names {
		for _, typed := range names {
			n := NormalizeName(Fold(typed))
			want := n != "" && NormalizeName(Fold(s)) == n
			if got := SameName(s, n); got != want {
				t.Errorf("SameName(%q, %q) = %v, want %v", s, n, got, want)
			}
		}
	}
	for _, c := range [][2]string{{"GA", "ga"}, {"Google Analytics", "google-analytics"}, {"Muller GmbH", "müller"}, {"G.A.", "ga"}} {
		if !SameName(c[0], NormalizeName(Fold(c[1]))) {
			t.Errorf("typing %q does not name %q", c[1], c[0])
		}
	}
	for _, c := range [][2]string{{"Gauges", "ga"}, {"ga.js", "ga"}, {"GroovinAds", "ga"}, {"Google Analytics 4", "google analytics"}} {
		if SameName(c[0], NormalizeName(Fold(c[1]))) {
			t.Errorf("typing %q names %q", c[1], c[0])
		}
	}
}

// A company's regional, holding or subsidiary name leaves the name it
// stands for once words for its region, holding or parent are cut off its
// end; a name that does not end so leaves none, nor is a stem made of such
// words alone, or of a host's name.
func TestNameStems(t *testing.T) {
	for name, want := range map[string][]string{
		"Taboola Europe Limited":              {"taboola"},
		"Yahoo EMEA Limited":                  {"yahoo"},
		"Crimtan Holdings Limited":            {"crimtan"},
		"Samba TV UK Limited":                 {"samba tv"},
		"Admixer EU GmbH":                     {"admixer"},
		"Piano Software Inc.":                 {"piano"},
		"InsurAds Technologies SA.":           {"insurads"},
		"Neustar, Inc., a TransUnion company": {"neustar"},
		"Foo Europe Holdings Ltd":             {"foo europe", "foo"},
		"Emerse Sverige AB":                   {"emerse"},
		"Baidu USA":                           {"baidu"},
		"Genius Sports UK Limited":            {"genius sports"},
		"Adjust Digital A/S":                  nil,
		"Digital East GmbH":                   nil,
		"EU Technologies Ltd":                 nil,
		"Seedtag Advertising S.L":             nil,
		"express.co.uk":                       {"express co"},
		"A company":                           nil,
	} {
		if got := NameStems(name); !slices.Equal(got, want) {
			t.Errorf("NameStems(%q) = %q, want %q", name, got, want)
		}
	}
}
