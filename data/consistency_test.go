package data

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A card's sentences must agree with its own fields: these are the
// contradictions a fact audit found in templated long-tail text.
var (
	// "sets no tracking storage", "does not set cookies", "no cookies".
	claimsNoStorage = regexp.MustCompile(`(?i)\b(sets? no (tracking )?(cookies|storage)|no tracking storage|does not set (any )?(tracking )?cookies|sets? no cookies|sets nothing|stores nothing|no cookies (are|is) set)\b`)
	// "sets its identifiers", "sets no identifiers", "sets no tracking
	// identifiers": a claim about what the vendor stores.
	claimsIdentifiers = regexp.MustCompile(`(?i)\bsets? (no|its( own)?) (tracking )?identifiers\b`)
	// A question that asks for a description, not a yes or a no.
	openQuestion = regexp.MustCompile(`(?i)^\s*(what|which|who|whom|whose|how|why|where|when)\b`)
	// Advice that presumes the vendor processes data for the site.
	namesProcessor = regexp.MustCompile(`(?i)\b(as (a|your) processor|processor agreement|data processing agreement|\bDPA\b|processes data on the site's behalf)`)
)

func TestCardsDoNotContradictTheirFields(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		texts := map[string]string{
			"consent_required.reason":     v.ConsentRequired.Reason,
			"consent_required.advice":     v.ConsentRequired.Advice,
			"block_before_consent.reason": v.BlockBeforeConsent.Reason,
			"block_before_consent.advice": v.BlockBeforeConsent.Advice,
		}
		for _, f := range v.FAQ {
			texts["faq["+f.Question+"]"] = f.Answer
			if openQuestion.MatchString(f.Question) && f.Short != "" {
				t.Errorf("%s: FAQ %q is not a yes/no question but has the short answer %q", v.ID, f.Question, f.Short)
			}
		}
		reasons := map[string]string{"consent_required.reason": v.ConsentRequired.Reason, "block_before_consent.reason": v.BlockBeforeConsent.Reason}
		for where, s := range reasons {
			switch {
			case v.SetsCookies == Unknown && claimsNoStorage.MatchString(s):
				t.Errorf("%s: %s says %q while sets_cookies is unknown", v.ID, where, claimsNoStorage.FindString(s))
			case v.SetsCookies == Unknown && len(v.Storage) == 0 && claimsIdentifiers.MatchString(s):
				t.Errorf("%s: %s says %q while the card knows neither its cookies nor any storage", v.ID, where, claimsIdentifiers.FindString(s))
			case v.SetsCookies == Yes && tracks(v) && strings.Contains(strings.ToLower(s), "no tracking storage"):
				t.Errorf("%s: %s says it sets no tracking storage while its storage lists analytics or marketing items", v.ID, where)
			}
		}
		if (v.Category == Analytics || v.Category == Marketing) && v.ConsentRequired.Value == "no" {
			t.Errorf("%s: a %s vendor says no consent is needed (%q)", v.ID, v.Category, v.ConsentRequired.Reason)
		}
		if v.Compliance.Role == "controller" {
			for where, s := range texts {
				if namesProcessor.MatchString(s) {
					t.Errorf("%s: role is controller but %s names a processor: %q", v.ID, where, namesProcessor.FindString(s))
				}
			}
		}
	}
}

// A card that lets a vendor load before consent (block "no") while it
// knows nothing of the vendor's storage and says consent depends must say
// why for this vendor: the reason is the card's only evidence. One reason,
// word for word, on templateLimit or more such cards is a category template
// standing in for facts (63 cards once said "Blocking it breaks the feature
// it provides on the page", a recording player and a visitor monitor among
// them).
const templateLimit = 3

func TestAVerdictToLoadBeforeConsentIsTheCardsOwn(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	byReason := map[string][]string{}
	for _, v := range vs {
		if v.BlockBeforeConsent.Value == "no" && v.ConsentRequired.Value == "conditional" && v.SetsCookies == Unknown && len(v.Storage) == 0 {
			r := strings.ToLower(strings.TrimSpace(v.BlockBeforeConsent.Reason))
			byReason[r] = append(byReason[r], v.ID)
		}
	}
	for r, ids := range byReason {
		if len(ids) >= templateLimit {
			t.Errorf("%d cards that know none of the vendor's storage let it load before consent for one templated reason %q: %s", len(ids), r, strings.Join(ids, ", "))
		}
	}
}

// ocdDescriptions reads the Open Cookie Database's descriptions, or skips.
func ocdDescriptions(t *testing.T) []string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "datasets", "open-cookie-database", "open-cookie-database.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("Open Cookie Database not present (%v): the wording check needs it", err)
	}
	var byPlatform map[string][]struct {
		Description string `json:"description"`
	}
	if err := json.Unmarshal(b, &byPlatform); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []string
	for _, rows := range byPlatform {
		for _, r := range rows {
			out = append(out, r.Description)
		}
	}
	return out
}

var sentenceRE = regexp.MustCompile(`[.!?;]\s+|\s+-\s+`)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}']+`)

func words(s string) []string { return wordRE.FindAllString(strings.ToLower(s), -1) }

// shingles are the runs of n consecutive words in s.
func shingles(s string, n int) []string {
	w := words(s)
	var out []string
	for i := 0; i+n <= len(w); i++ {
		out = append(out, strings.Join(w[i:i+n], " "))
	}
	return out
}

func TestPurposesAreOurOwnWords(t *testing.T) {
	descs := ocdDescriptions(t)
	theirs := map[string]bool{}
	for _, d := range descs {
		for _, s := range shingles(d, 6) {
			theirs[s] = true
		}
	}
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	// Short purposes must not be one of their sentences, whole.
	var sentences [][]string
	for _, d := range descs {
		for _, sen := range sentenceRE.Split(d, -1) {
			if w := words(sen); len(w) >= 3 {
				sentences = append(sentences, w)
			}
		}
	}
	for _, v := range vs {
		for _, st := range v.Storage {
			if w := words(st.Purpose); len(w) >= 4 && len(w) <= 8 {
				for _, sen := range sentences {
					if len(sen) <= len(w)+2 && subsequence(w, sen) {
						t.Errorf("%s: purpose of %s is nearly an Open Cookie Database sentence: %q ~ %q", v.ID, st.Name, st.Purpose, strings.Join(sen, " "))
						break
					}
				}
			}
			for _, s := range shingles(st.Purpose, 6) {
				if theirs[s] {
					t.Errorf("%s: purpose of %s shares six words with an Open Cookie Database description: %q", v.ID, st.Name, s)
					break
				}
			}
		}
	}
}

// tracks reports whether any storage item on the card is for analytics or
// marketing.
func tracks(v Vendor) bool {
	for _, st := range v.Storage {
		if st.Category == Analytics || st.Category == Marketing {
			return true
		}
	}
	return false
}

// subsequence reports whether every word of w appears in sen, in order.
func subsequence(w, sen []string) bool {
	i := 0
	for _, x := range sen {
		if i < len(w) && w[i] == x {
			i++
		}
	}
	return i == len(w)
}

// The cards with the most storage items say what each item does: a purpose
// that five or more items across the catalogue share is a stock sentence
// ("Needed for a feature of the service to work."), and on these cards at
// most one item in ten may carry one (about four in five did before the
// purposes were read against the vendors' own cookie tables).
func TestTheLargestCardsSayWhatEachCookieDoes(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	shared := map[string]int{}
	for _, v := range vs {
		for _, st := range v.Storage {
			shared[st.Purpose]++
		}
	}
	largest := slices.SortedFunc(slices.Values(vs), func(a, b Vendor) int {
		return cmp.Or(len(b.Storage)-len(a.Storage), strings.Compare(a.ID, b.ID))
	})[:30]
	items, stock := 0, 0
	for _, v := range largest {
		for _, st := range v.Storage {
			items++
			if shared[st.Purpose] >= 5 {
				stock++
			}
		}
	}
	if stock*10 > items {
		t.Errorf("%d of the %d storage items on the 30 largest cards carry a stock purpose; at most one in ten may", stock, items)
	}
	t.Logf("%d of %d items on the 30 largest cards carry a stock purpose", stock, items)
}

// A purpose that says an item holds, keeps or marks the current session
// or visit describes something that ends with it; on an item kept longer
// than a day it is untrue unless the purpose also says how the item
// outlives the session ("kept for 400 days and renewed with each new
// session"). 37 items once shared "Holds the current session.", among
// them year-long cookies: Inspectlet's landing-page cookies, BlueConic's
// profile ID, Snapchat's nonce.
var (
	claimsSessionOnly = regexp.MustCompile(`(?i)\b(holds?|keeps?|is|marks?) (the|this) (current )?(session|visit)\b|^(the )?(current|this) (session|visit)\b`)
	saysHowLongKept   = regexp.MustCompile(`(?i)\b(kept|renewed|lasts|outlives)\b`)
)

func TestASessionPurposeSitsOnASessionLifetime(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		for _, st := range v.Storage {
			if st.Lifetime.Seconds > day && claimsSessionOnly.MatchString(st.Purpose) && !saysHowLongKept.MatchString(st.Purpose) {
				t.Errorf("%s: %s lasts %s but its purpose says it holds the session: %q", v.ID, st.Name, st.Lifetime, st.Purpose)
			}
		}
	}
}

// The other way round: a purpose that recognises the browser on later
// visits cannot sit on an item that ends with the browsing session or
// within the hour (RudderStack's, Cloudflare's and AdKernel's session
// cookies once said so).
var claimsLaterVisits = regexp.MustCompile(`(?i)\b(on|across) (later|future|return) visits\b|\breturning visitors?\b`)

func TestAPurposeAboutLaterVisitsOutlivesTheVisit(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		for _, st := range v.Storage {
			short := st.Lifetime.Session || st.Lifetime.Seconds > 0 && st.Lifetime.Seconds <= hour
			if short && claimsLaterVisits.MatchString(st.Purpose) {
				t.Errorf("%s: %s lasts %s but its purpose says it recognises later visits: %q", v.ID, st.Name, st.Lifetime, st.Purpose)
			}
		}
	}
}

// A card is read by people who cannot see how it was made: it may not speak
// of the machine or the tools its facts were gathered with, and a source
// must be one a reader can follow (a URL, or a document named so it can be
// found). These are the phrases that once stood in for such sources.
var machineWording = regexp.MustCompile(`(?i)\bthis machine\b|\b(read|fetched|fetchable|reachable|reached|opened|available) (from )?here\b|no source reachable|search tool|\bfile ids? \d|repository not shown|sources? (checked |read )?here\b|\bpage store\b|\bnot (known|found|described|stated|shown|documented) here\b|github code search`)

// A source with no URL must still be one a reader can find: a named
// dataset, a document named so it can be looked up, or a file of this
// repository (testdata/...). unaddressedEvidence is how a source names
// evidence that only an address would let a reader check: public code,
// sites' pages or copies, a crawl or scan, a consent banner, a detector, a
// code search. A source saying where a name was searched for and not found
// ("Searched for ...") is exempt: absence has no address, and such a source
// names the datasets it searched.
var unaddressedEvidence = regexp.MustCompile(`(?i)\bcode\b|\bcrawl|\bbanners?\b|\bdetect(ors?|ion)\b|\bscans?\b|\bsites?'?s?\b|\bsaved\b|\bsnippets?\b|\bpublic cop(y|ies)\b|\bcopies\b|\bpublic repositor|\bhost lists?\b|\bcookie headers\b|\bpublic analyses\b|\bscrapers?\b|\baudits?\b|\btemplates?\b|\bintegrations?\b|\bclients?\b`)

// unaddressedNote is the same said in a source's note ("a copy kept in a
// public GitHub repository", "read from a site's copy of the script").
var unaddressedNote = regexp.MustCompile(`(?i)\bpublic (GitHub )?repositor|\bpublic code\b|\bcode search\b|\ba site's copy\b|\bsites' copies\b`)

// addressed says a source names where its evidence is: a URL, a file of
// this repository, or a repository path on GitHub.
var addressed = regexp.MustCompile(`\btestdata/|github\.com/[\w.-]+/[\w.-]+/`)

func unaddressedSource(s Source) bool {
	if s.URL != "" || strings.HasPrefix(s.Name, "Searched for") {
		return false
	}
	return (unaddressedEvidence.MatchString(s.Name) || unaddressedNote.MatchString(s.Note)) && !addressed.MatchString(s.Name+" "+s.Note)
}

// The rule itself, on sources of the kinds the catalogue has carried: what
// names public code, sites' copies or a scan with nowhere to look fails;
// a URL, a file of this repository, a named dataset or a record of a
// search that found nothing passes.
func TestASourceNamingCodeOrSitesNeedsAnAddress(t *testing.T) {
	for _, c := range []struct {
		s    Source
		want bool
	}{
		{Source{Name: "Public install snippets", Note: "The tracker snippet loads https://example.com/sa.js."}, true},
		{Source{Name: "Public code on GitHub: a consent banner generated from a cookie scan of a UOL page (uol.com.br)"}, true},
		{Source{Name: "site-technology detectors (public code, several independent projects)"}, true},
		{Source{Name: "Instafeed storefront script 11.2.1", Note: "A shop's copy kept in a public GitHub repository"}, true},
		{Source{Name: "Segment browser destination for CDP Resolution (public code)", URL: "https://github.com/segmentio/action-destinations/blob/4d585d9/x.ts"}, false},
		{Source{Name: "Real capture in testdata", Note: "testdata/scan/real/har/nytimes.com-webpagetest-chrome44.har: sets nyt-a"}, false},
		{Source{Name: "Searched for a published cookie list", Note: "No name in the Open Cookie Database or in public code found by exact-string search."}, false},
		{Source{Name: "DuckDuckGo Tracker Radar (facts taken as noted, CC BY-NC-SA)", Note: "GB record: px.gif on 345 sites"}, false},
		{Source{Name: "Oracle ATG Web Commerce documentation", Note: "The profile system's cookies."}, false},
	} {
		if got := unaddressedSource(c.s); got != c.want {
			t.Errorf("unaddressedSource(%q) = %v, want %v", c.s.Name, got, c.want)
		}
	}
}

// unfollowableSources are the cards with such a source: debt to pay, not
// an exemption to extend. Each source needs a repository path at a commit,
// the vendor's own page, or the claims it alone supports dropped. A card
// leaves the list when it is fixed (the test says so), and no card joins it.
var unfollowableSources = map[string]bool{}

func init() {
	for _, id := range []string{
		"adelphic", "adman-media", "adstir", "adtheorent", "altergeo", "amobee", "appier", "audion", "basis",
		"bidtellect", "bitrix24", "blis", "blockthrough", "cafe24", "callrail", "carsforsale", "cognitiv",
		"common-ninja", "connatix", "crimtan", "deepintent", "demandbase", "diginetica", "duda", "ecomposer",
		"entrata", "eyeota", "fandom", "fc2", "fluency", "g5-marketing-cloud", "getcourse", "gorgias", "gupy",
		"hextom", "highlevel", "hitwebcounter", "icomoon", "inspectlet", "instafeed", "iprom", "jimdo", "jivochat",
		"kakao", "kargo", "kbm-ibehavior", "krushmedia", "liveinternet", "mgid", "mts-ads", "nrich", "olx",
		"onetag", "opera-ads", "popconvert", "rakuten", "rambler", "roqad", "rutarget", "salesmartly",
		"sharpschool", "simpli-fi", "skroutz-analytics", "sportradar", "stripchat", "studio-design", "supership",
		"swym", "teamtailor", "temu", "travel-audience", "twca", "valassis-digital", "valuecommerce",
		"weatherwidget-io", "webflow", "webnode", "weebly", "whatconverts", "yotpo",
	} {
		unfollowableSources[id] = true
	}
}

func TestCardsCiteWhatAReaderCanFollow(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		unaddressed := 0
		for _, s := range v.Sources {
			if unaddressedSource(s) {
				unaddressed++
				if !unfollowableSources[v.ID] {
					t.Errorf("%s cites %q with no address a reader can follow: give a URL (a repository file at a commit, the vendor's page) or drop what it alone supports", v.ID, s.Name)
				}
			}
		}
		if unfollowableSources[v.ID] && unaddressed == 0 {
			t.Errorf("%s cites only sources a reader can follow now: take it off unfollowableSources", v.ID)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if unfollowableSources[v.ID] {
			text = strings.ReplaceAll(text, "(GitHub code search)", "")
		}
		for _, m := range machineWording.FindAllStringIndex(text, -1) {
			lo, hi := max(m[0]-60, 0), min(m[1]+40, len(text))
			t.Errorf("%s speaks of our machine or tools, which a reader cannot follow: %q", v.ID, text[lo:hi])
		}
	}
}

// The TCF consent cookie is the framework's (the iab-tcf card), whichever
// consent platform writes it: a platform's card that lists it names the
// framework in the item's purpose, which is what makes 'vendex cookie
// euconsent-v2' answer the framework first (a purpose naming another
// card's vendor ranks after it) and a scan file it under the platform only
// when the capture shows the platform.
func TestTheTCFCookieNamesTheFrameworkOnEveryPlatformsCard(t *testing.T) {
	vs, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	framework := ""
	for _, v := range vs {
		if v.ID == "iab-tcf" {
			framework = strings.ToLower(v.Name)
		}
	}
	if framework == "" {
		t.Fatal("no iab-tcf card")
	}
	for _, v := range vs {
		for _, st := range v.Storage {
			if v.ID != "iab-tcf" && (st.Name == "euconsent-v2" || st.Name == "euconsent") && !strings.Contains(strings.ToLower(st.Purpose), framework) {
				t.Errorf("%s: %s's purpose does not name %q: %q", v.ID, st.Name, framework, st.Purpose)
			}
		}
	}
}
