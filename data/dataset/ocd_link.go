package dataset

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

// ocdLink files a row's link (the "User Privacy & GDPR Rights Portals"
// column) on its platform's vendor. It is the vendor's privacy policy only
// when it plausibly is one (policyLink): 24 of the 312 platforms with a
// link give a home page (Axeptio's www.axept.io), documentation (Django's
// i18n topic, Umami's docs), a legal hub, terms of use or a disclaimer
// instead. A home page becomes the vendor's website; any other page is
// kept as a source, where a reader can follow it, never called a policy.
func ocdLink(v *data.Vendor, u string) {
	if !strings.HasPrefix(u, "http") || u == v.PrivacyPolicy || u == v.Website ||
		slices.ContainsFunc(v.Sources, func(s data.Source) bool { return s.URL == u }) {
		return // most rows repeat their platform's link
	}
	host, rest, ok := splitLink(u)
	if !ok {
		return
	}
	switch {
	case policyLink(host, rest):
		if v.PrivacyPolicy == "" {
			v.PrivacyPolicy = strings.Clone(u)
		}
	case rest == "" || rest == "/":
		if v.Website == "" {
			v.Website = strings.Clone(u)
		}
	default:
		v.Sources = append(v.Sources, data.Source{Name: "Open Cookie Database link", URL: strings.Clone(u), Note: "the page its cookies' rows link to"})
	}
}

// splitLink cuts an http(s) URL into its host and what follows it (path,
// query and fragment), without a URL's allocations: an import of a
// hundred thousand platforms reads as many links.
func splitLink(u string) (host, rest string, ok bool) {
	_, after, ok := strings.Cut(u, "://")
	if !ok {
		return "", "", false
	}
	end := strings.IndexAny(after, "/?#")
	if end < 0 {
		end = len(after)
	}
	host, rest = after[:end], after[end:]
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return host, rest, host != ""
}

// policyWords are what a privacy policy's address says, in the languages
// the Open Cookie Database's links use: privacy, privacidad, privacité,
// privatliv, datenschutz, DSGVO/GDPR/RGPD, cookie policy, política,
// politique, data protection, confidentialité.
var policyWords = []string{"privacy", "privacid", "privacit", "privat", "datenschutz", "dsgvo", "gdpr", "rgpd",
	"cookie", "polic", "politi", "data-protection", "dataprotection", "confidential"}

// policyLink reports whether a link is plausibly a privacy policy: what
// follows its host (path, query, fragment), or a label of the host below
// its registrable domain (privacy.example.com), holds a policy word. A
// home page, documentation, a legal hub, terms of use or a disclaimer do
// not.
func policyLink(host, rest string) bool {
	if hasPolicyWord(rest) {
		return true
	}
	site := data.Site(host)
	return site != "" && hasPolicyWord(strings.TrimSuffix(strings.ToLower(host), site))
}

// hasPolicyWord reports whether s holds a policy word in any case,
// without lowering a copy of it.
func hasPolicyWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case; the words start with a letter
		for _, w := range policyWords {
			if c == w[0] && len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}
