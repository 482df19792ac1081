package banner

import (
	"strings"
	"testing"

	"github.com/vendex/vendex/data/declare"
)

func provider(id, name string) declare.Provider {
	return declare.Provider{ID: id, Name: name, Owner: name + " Inc", PrivacyPolicy: "https://" + id + ".example/privacy"}
}

// site is a small site: Google Analytics and Hotjar (analytics), the
// Meta Pixel and Facebook's third-party cookie (marketing), and a cookie
// nobody claims.
func site() Banner {
	return Build(siteDecl(), []Vendor{
		{ID: "google-analytics", Name: "Google Analytics", Category: "analytics", Scripts: []Script{{URL: "https://www.googletagmanager.com/gtag/js?id=G-1&l=x"}}},
		{ID: "facebook-pixel", Name: "Meta Pixel", Category: "marketing", Scripts: []Script{{URL: "https://connect.facebook.net/en_US/fbevents.js"}}},
		{ID: "stripe", Name: "Stripe", Category: "strictly-necessary", Scripts: []Script{{URL: "https://js.stripe.com/v3/"}}},
	})
}

// siteDecl is site's declaration.
func siteDecl() declare.Declaration {
	ga, hj, px, fb := provider("google-analytics", "Google Analytics"), provider("hotjar", "Hotjar"), provider("facebook-pixel", "Meta Pixel"), provider("facebook", "Facebook")
	d := declare.Declaration{Site: "shop.example", Groups: []declare.Group{
		{Category: "analytics", Title: "Analytics", About: "Count visits.", NeedsConsent: true, Rows: []declare.Row{
			{Name: "_ga", Kind: "HTTP cookie", Party: "first party", Provider: ga, Purpose: "Client ID.", Lifetime: "2 years"},
			{Name: "_hjSession_*", Pattern: true, Kind: "HTTP cookie", Party: "first party", Provider: hj, Purpose: "Session.", Lifetime: "30 minutes"},
			{Name: "_hjSessionUser_*", Pattern: true, Kind: "localStorage", Party: "first party", Provider: hj, Purpose: "Visitor."},
		}},
		{Category: "marketing", Title: "Marketing", About: "Ads.", NeedsConsent: true, Rows: []declare.Row{
			{Name: "_fbp", Kind: "HTTP cookie", Party: "first party", Provider: px, Purpose: "Pixel ID.", Lifetime: "3 months"},
			{Name: "fr", Kind: "HTTP cookie", Party: "third party", Provider: fb, Purpose: "Ads.", Lifetime: "3 months"},
		}},
		{Category: "unclassified", Title: "Not yet classified", About: "Unknown.", NeedsConsent: true, Rows: []declare.Row{
			{Name: "PHPSESSID", Kind: "HTTP cookie", Party: "first party", Provider: declare.Provider{Name: "shop.example"}, Purpose: "Not known."},
		}},
	}}
	return d
}

func write(t *testing.T, b Banner, f Format, libs ...Library) string {
	t.Helper()
	out, err := Write(b, f, libs...)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func has(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("lacks %s in:\n%s", w, out)
		}
	}
}

func hasnt(t *testing.T, out string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(out, w) {
			t.Errorf("has %s in:\n%s", w, out)
		}
	}
}

func TestCategoriesFollowTheDeclarationInBannerOrder(t *testing.T) {
	b := site()
	var got []string
	for _, c := range b.Categories {
		got = append(got, c.Name)
	}
	if strings.Join(got, ",") != "necessary,analytics,marketing,unclassified" {
		t.Errorf("categories %v", got)
	}
	if !b.Categories[0].Required || b.Categories[1].Required || !b.Categories[3].Informational() {
		t.Errorf("necessary must be required, analytics not, unclassified only listed: %+v", b.Categories)
	}
	if s := b.Categories[0].Services; len(s) != 1 || s[0].Name != "stripe" {
		t.Errorf("a vendor with no declared cookie is still a service of its category: %+v", s)
	}
}

func TestCookieConsentClearsFirstPartyCookiesWithPatternsAsRegExps(t *testing.T) {
	out := write(t, site(), CookieConsentJS)
	has(t, out,
		"CookieConsent.run({",
		`"necessary": {`+"\n"+`      "enabled": true,`+"\n"+`      "readOnly": true`,
		`"name": /^_hjSession_/`,
		`"name": "_ga"`,
		`"google-analytics": {`+"\n"+`          "label": "Google Analytics"`,
		`"linkedCategory": "analytics"`,
		`"headers": {`,
		`"expiration": "30 minutes"`,
		`"name": "_hjSessionUser_* (localStorage)"`,
		`\u003ca href=\"https://hotjar.example/privacy\"`,
		"Not yet classified (shown in the tables, never cleared, as they may be the site's own): PHPSESSID.",
	)
	// A third party's cookie, web storage and the unclassified are never
	// in a list to clear.
	// (A table row's name is followed by more cells, a cookie to clear's
	// name by nothing.)
	hasnt(t, out, `"name": "fr"`+"\n", `"name": /^_hjSessionUser_/`, `"name": "PHPSESSID"`+"\n", `"unclassified": {`)
}

func TestKlaroServicesAreRequiredOnlyWhenStrictlyNecessary(t *testing.T) {
	out := write(t, site(), KlaroJS)
	has(t, out,
		"var klaroConfig = {",
		`"htmlTexts": false`,
		`"name": "stripe",`+"\n"+`      "title": "Stripe",`+"\n"+`      "purposes": [`+"\n"+`        "necessary"`+"\n"+`      ],`+"\n"+`      "required": true`,
		`"cookies": [`+"\n"+`        /^_hjSession_/`+"\n"+`      ],`+"\n"+`      "required": false`,
		`"description": "Google Analytics, by Google Analytics Inc. Stores _ga."`,
	)
}

func TestConsentModeDeniesAllButSecurityAndNamesOnlyGoogleTags(t *testing.T) {
	out := write(t, site(), GCM)
	has(t, out,
		"// https://developers.google.com/tag-platform/security/guides/consent",
		`"ad_storage": "denied"`, `"ad_user_data": "denied"`, `"ad_personalization": "denied"`,
		`"analytics_storage": "denied"`, `"functionality_storage": "denied"`, `"personalization_storage": "denied"`,
		`"security_storage": "granted"`,
		"these Google tags read Consent Mode themselves: Google Analytics.",
		"block their tags until consent (vendex banner --format tags): Meta Pixel.",
		// No script tag of Hotjar's or Facebook's is in the evidence: --format
		// tags would give nothing for them.
		"block them until consent wherever the site loads them: Hotjar, Facebook.",
		`marketing accepted: gtag('consent', 'update', {"ad_storage": "granted", "ad_user_data": "granted", "ad_personalization": "granted"});`,
	)
	hasnt(t, out, "themselves: Google Analytics, Hotjar", "Stripe")
}

func TestTagsWaitForConsentInEachBannersAttributes(t *testing.T) {
	out := write(t, site(), Tags)
	has(t, out,
		`<script type="text/plain" data-category="analytics" data-service="google-analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1&amp;l=x"></script>`,
		`<script type="text/plain" data-type="text/javascript" data-name="facebook-pixel" data-src="https://connect.facebook.net/en_US/fbevents.js"></script>`,
	)
	// Stripe is strictly necessary: its tag runs as it is, with no banner
	// to wait for.
	has(t, out, "keep their tags as they are (strictly necessary, or their cards say not to block them): Stripe -->")
	hasnt(t, out, `data-service="stripe"`, "js.stripe.com")
	if only := write(t, site(), Tags, Klaro); strings.Contains(only, "data-category") {
		t.Errorf("--for klaro wrote cookieconsent's tags:\n%s", only)
	}
}

// hostile is a vendor whose every text tries to leave the string, the
// RegExp, the comment or the attribute it is written into.
func hostile() Banner {
	p := declare.Provider{ID: "evil'] *{x}", Name: "Evil </script><script>alert(1)</script>\u2028x", Owner: "O\u2029wn", PrivacyPolicy: "javascript:alert(2)"}
	d := declare.Declaration{Site: "a\nb</script>", Groups: []declare.Group{{Category: "marketing", Title: "Marketing", NeedsConsent: true, Rows: []declare.Row{
		{Name: "a/b*c</script>\u2028", Pattern: true, Kind: "HTTP cookie", Provider: p, Purpose: `" onmouseover="alert(3)`},
		{Name: "^.*", Kind: "HTTP cookie", Provider: p, Purpose: "<img src=x onerror=alert(4)>"},
	}}}}
	return Build(d, []Vendor{{ID: p.ID, Name: p.Name, Category: "marketing", Scripts: []Script{
		{URL: `https://evil.example/x.js?"><script>alert(5)</script>`},
		{URL: "javascript:alert(6)"},
		{URL: "https://evil.example/t.js", Inline: true, Source: "page.html: line 3 --><script>"},
	}}})
}

func TestEveryTargetEscapesHostileText(t *testing.T) {
	b := hostile()
	for _, f := range []Format{CookieConsentJS, KlaroJS, GCM} {
		out := write(t, b, f)
		// Nothing can end an inline script or a line of JavaScript.
		hasnt(t, out, "</script", "<script", "<img", "\u2028", "\u2029", "<!--")
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") && strings.ContainsAny(line, "<>\r") {
				t.Errorf("%s: a comment carries markup: %q", f, line)
			}
		}
	}
	cc := write(t, b, CookieConsentJS)
	has(t, cc,
		`"evil-----x-": {`, // the service key is a safe name
		`"label": "Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;x"`, // the library sets it as HTML
		`"name": /^a\/b.*c\u003c\/script\u003e\u2028$/`,
		`"description": "&#34; onmouseover=&#34;alert(3)"`,
		`"provider": "Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u2028x (O\u2029wn)"`, // no link to javascript:
		`"name": "^.*"`, // cookieconsent matches a string exactly
	)
	hasnt(t, cc, "javascript:")
	kl := write(t, b, KlaroJS)
	has(t, kl,
		`/^\^\.\*$/`, // Klaro would read "^.*" as a RegExp that matches every cookie
		`"name": "evil-----x-"`,
		`"title": "Evil \u003c/script>\u003cscript>alert(1)\u003c/script>x"`, // Klaro shows it as text (htmlTexts: false)
	)
	tags := write(t, b, Tags)
	has(t, tags,
		`src="https://evil.example/x.js?&#34;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"`,
		`data-name="evil-----x-"`,
		"a script that is not an http(s) address is left out",
		"page.html: line 3 -%2D%3E%3Cscript%3E",
	)
	hasnt(t, tags, "<script>", "javascript:alert(6)", "line 3 -->")
}

func TestRegExpSourceMatchesWhatMatchPatternMatches(t *testing.T) {
	cases := map[string]string{
		"_hjSession_*":   `^_hjSession_`,
		"_ga_*":          `^_ga_`,
		"*_id":           `^.*_id$`,
		"a*b*c":          `^a.*b.*c$`,
		"*":              `^.*`,
		"x.y+(z)[1]{2}|": `^x\.y\+\(z\)\[1\]\{2\}\|`,
	}
	for name, want := range cases {
		pattern := strings.Contains(name, "*")
		got := regExpSource(name, pattern)
		if !pattern {
			want += "$"
		}
		if got != want {
			t.Errorf("%q: %s, want %s", name, got, want)
		}
	}
	if got := quoteRegExp("é😀"); got != `\u00e9\ud83d\ude00` {
		t.Errorf("non-ASCII: %s", got)
	}
}

func TestAnEmptyScanStillHasTheNecessaryCategory(t *testing.T) {
	b := Build(declare.Declaration{Site: "shop.example"}, nil)
	out := write(t, b, CookieConsentJS)
	has(t, out, `"necessary": {`, "cc_cookie", "This site uses only the cookies it needs to work.")
	has(t, write(t, b, Tags), "The evidence holds no vendor's script to hold back.")
	has(t, write(t, b, GCM), "None of this site's vendors is a Google tag that reads Consent Mode")
}

// tagManagerSite loads Tag Manager (its card: block no), Google Analytics
// (block yes) and the LinkedIn Insight Tag, whose cookies are in two
// categories (trial8's ferguson.com: the container was held back behind
// "functionality", so declining it stopped Consent Mode itself).
func tagManagerSite() Banner {
	li := provider("linkedin-insight-tag", "LinkedIn Insight Tag")
	d := declare.Declaration{Site: "shop.example", Groups: []declare.Group{
		{Category: "functional", Title: "Functional", NeedsConsent: true, Rows: []declare.Row{
			{Name: "lidc", Kind: "HTTP cookie", Party: "third party", Provider: li},
		}},
		{Category: "marketing", Title: "Marketing", NeedsConsent: true, Rows: []declare.Row{
			{Name: "li_fat_id", Kind: "HTTP cookie", Party: "first party", Provider: li},
		}},
	}}
	return Build(d, []Vendor{
		{ID: "google-tag-manager", Name: "Google Tag Manager", Category: "functional", Block: "no", Scripts: []Script{{URL: "https://www.googletagmanager.com/gtm.js?id=GTM-1"}}},
		{ID: "google-analytics", Name: "Google Analytics", Category: "analytics", Block: "yes", Scripts: []Script{{URL: "https://www.googletagmanager.com/gtag/js?id=G-1"}}},
		{ID: "linkedin-insight-tag", Name: "LinkedIn Insight Tag", Category: "marketing", Block: "yes", Scripts: []Script{{URL: "https://snap.licdn.com/li.lms-analytics/insight.min.js"}}},
	})
}

// A vendor the catalogue says not to block is held back in no format: its
// tag is left as it is, Klaro cannot turn it off, cookieconsent gives it
// no toggle, and Consent Mode's output says to load it as it is. Google
// Analytics reads Consent Mode but is held back in basic mode, which its
// card advises: gcm and tags say the same of it.
func TestAVendorNotToBlockIsHeldBackInNoFormat(t *testing.T) {
	b := tagManagerSite()
	tags := write(t, b, Tags)
	hasnt(t, tags, `data-service="google-tag-manager"`, `data-name="google-tag-manager"`)
	has(t, tags,
		"their cards say not to block them): Google Tag Manager -->",
		`<script type="text/plain" data-category="analytics" data-service="google-analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>`,
	)
	has(t, write(t, b, KlaroJS), `"name": "google-tag-manager",`+"\n"+`      "title": "Google Tag Manager",`+"\n"+`      "purposes": [`+"\n"+`        "functionality"`+"\n"+`      ],`+"\n"+`      "required": true`)
	cc := write(t, b, CookieConsentJS)
	has(t, cc, "Always on, as they are not to be blocked: Google Tag Manager.")
	hasnt(t, cc, `"google-tag-manager": {`)
	gcm := write(t, b, GCM)
	has(t, gcm,
		"load them as they are, after this block: Google Tag Manager.",
		"hold their tags back (vendex banner --format tags), or in Tag Manager fire them only once their consent type is granted: Google Analytics.",
	)
}

// Consent Mode's output names a vendor once, however many categories its
// cookies are in (trial8: "LinkedIn Insight Tag (Functional), ...,
// LinkedIn Insight Tag").
func TestConsentModeNamesEachVendorOnce(t *testing.T) {
	gcm := write(t, tagManagerSite(), GCM)
	has(t, gcm, "(vendex banner --format tags): LinkedIn Insight Tag.\n")
	hasnt(t, gcm, "(Functional)", "(Marketing)")
}

// One rule for a script's address in every tag a format writes: a query
// holding a visit's values (masked ids, a timestamp, a client id) goes,
// with its fragment; a configuring query stays.
func TestATagDropsAQueryHoldingTheVisitsValues(t *testing.T) {
	b := Build(siteDecl(), []Vendor{{ID: "hotjar", Name: "Hotjar", Category: "analytics", Scripts: []Script{
		{URL: "https://static.hotjar.com/c/hotjar-1.js?sv=6"},
		{URL: "https://px.example/st?acct=9&uid=abc#x"},
		{URL: "https://px.example/a.js?u=xxxxxxxxxx"},
		{URL: "https://px.example/b.js?c=878270908.1643952222"},
		{URL: "https://px.example/c.js?cache=1643952224190"},
	}}})
	out := write(t, b, Tags)
	has(t, out, `src="https://static.hotjar.com/c/hotjar-1.js?sv=6"`, `src="https://px.example/st"`, `data-src="https://px.example/a.js"`,
		`src="https://px.example/b.js"`, `src="https://px.example/c.js"`, "values from one visit (uid)", "values from one visit (u)", "values from one visit (c)", "values from one visit (cache)")
	hasnt(t, out, "uid=", "#x", "xxxx", "878270908", "1643952224190")
}

// Each of gcm's lists reads alone: the vendors whose script tags the
// evidence lacks are said to need blocking whether or not a list of
// recorded tags comes before them (verify10: "Nor these, whose script tags
// the evidence does not hold" followed nothing it could negate).
func TestConsentModesUntaggedVendorsLineStandsAlone(t *testing.T) {
	b := Build(siteDecl(), []Vendor{{ID: "hotjar", Name: "Hotjar", Category: "analytics"}})
	out := write(t, b, GCM)
	has(t, out, "// Consent Mode does not hold these back, and the evidence holds no script tag of theirs; block them until consent wherever the site loads them: ")
	hasnt(t, out, "Nor these", "block their tags until consent (vendex banner --format tags)")
}
