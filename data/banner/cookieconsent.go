package banner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/declare"
)

// ccCookie is the row vanilla-cookieconsent's own cookie adds to the
// strictly necessary table (its name and default lifetime).
var ccCookie = declare.Row{
	Name: "cc_cookie", Kind: "HTTP cookie", Party: "first party",
	Provider: declare.Provider{Name: "This site"},
	Purpose:  "Remembers the visitor's consent choices, so the banner is not shown again.",
	Lifetime: "182 days",
}

// cookieConsent is a vanilla-cookieconsent v3 configuration: the
// categories with the cookies to clear and a service per vendor, and the
// preferences modal with a section and a cookie table per category. The
// library sets its texts and table cells as HTML (innerHTML), so each text
// is HTML-escaped before it becomes a JavaScript string.
func cookieConsent(b Banner) string {
	var out strings.Builder
	fmt.Fprintf(&out, "// vendex banner --format cookieconsent: a vanilla-cookieconsent v3 configuration%s.\n", forSite(b))
	out.WriteString("// Load it after the library (cookieconsent.umd.js, or import * as CookieConsent from 'vanilla-cookieconsent'),\n" +
		"// and hold the vendors' tags back with vendex banner --format tags --for cookieconsent.\n" +
		"// Reference: https://cookieconsent.orestbida.com/reference/configuration-reference.html\n")
	unknownComment(&out, b, "shown in the tables, never cleared")
	categories := jsObject{}
	sections := jsArray{jsObject{
		{"title", jsStr("Your privacy choices")},
		{"description", jsStr(htmlText(intro()))},
	}}
	for _, c := range b.Categories {
		if c.Informational() {
			sections = append(sections, ccInformation(c))
			continue
		}
		if c.Switchable() {
			categories = append(categories, jsField{c.Name, ccCategory(c)})
		}
		sections = append(sections, ccSection(c))
	}
	config := jsObject{
		{"categories", categories},
		{"language", jsObject{
			{"default", jsStr("en")},
			{"translations", jsObject{{"en", jsObject{
				{"consentModal", jsObject{
					{"title", jsStr("We use cookies")},
					{"description", jsStr(htmlText(notice(b)))},
					{"acceptAllBtn", jsStr("Accept all")},
					{"acceptNecessaryBtn", jsStr("Reject all")},
					{"showPreferencesBtn", jsStr("Manage preferences")},
				}},
				{"preferencesModal", jsObject{
					{"title", jsStr("Consent preferences")},
					{"acceptAllBtn", jsStr("Accept all")},
					{"acceptNecessaryBtn", jsStr("Reject all")},
					{"savePreferencesBtn", jsStr("Save preferences")},
					{"closeIconLabel", jsStr("Close")},
					{"serviceCounterLabel", jsStr("service|services")},
					{"sections", sections},
				}},
			}}}},
		}},
	}
	out.WriteString("CookieConsent.run(")
	config.js(&out, "")
	out.WriteString(");\n")
	return out.String()
}

func ccCategory(c Category) jsObject {
	o := jsObject{}
	if c.Required {
		o = append(o, jsField{"enabled", jsBool(true)}, jsField{"readOnly", jsBool(true)})
	}
	if clear := c.Clear(); len(clear) > 0 {
		o = append(o, jsField{"autoClear", jsObject{{"cookies", ccCookies(clear)}}})
	}
	services := jsObject{}
	for _, s := range c.Services {
		if s.Unswitched(c) {
			continue // no toggle: ccSection names it always on
		}
		svc := jsObject{{"label", jsStr(htmlText(s.Title))}}
		if len(s.Cookies) > 0 {
			svc = append(svc, jsField{"cookies", ccCookies(s.Cookies)})
		}
		services = append(services, jsField{s.Name, svc})
	}
	if len(services) > 0 {
		o = append(o, jsField{"services", services})
	}
	return o
}

// ccCookies are cookies to clear: a name as a string (cookieconsent
// matches it exactly), a pattern as a RegExp.
func ccCookies(cs []Cookie) jsArray {
	a := jsArray{}
	for _, c := range cs {
		var name jsValue = jsStr(c.Name)
		if c.Pattern {
			name = jsRegExp(regExpSource(c.Name, true))
		}
		a = append(a, jsObject{{"name", name}})
	}
	return a
}

// ccSection is a category's section of the preferences modal: its title,
// what it means, the providers without named cookies, and its table.
func ccSection(c Category) jsObject {
	e := htmlText
	desc := e(c.About)
	for _, p := range c.Unnamed {
		desc += " " + e(p.Name) + ": " + e(p.Note) + "."
	}
	var on []string
	for _, s := range c.Services {
		if s.Unswitched(c) {
			on = append(on, e(s.Title))
		}
	}
	if len(on) > 0 {
		desc += " Always on, as they are not to be blocked: " + data.JoinAnd(on) + "."
	}
	rows := c.Rows
	if c.Name == "necessary" {
		rows = append([]declare.Row{ccCookie}, rows...)
	}
	s := jsObject{{"title", jsStr(e(c.Title))}, {"description", jsStr(desc)}}
	if c.Switchable() {
		s = append(s, jsField{"linkedCategory", jsStr(c.Name)})
	}
	if len(rows) == 0 {
		return s
	}
	body := jsArray{}
	for _, r := range rows {
		name := e(r.Name)
		if r.Kind != "HTTP cookie" && r.Kind != "" {
			name += " (" + e(r.Kind) + ")"
		}
		body = append(body, jsObject{
			{"name", jsStr(name)},
			{"provider", jsStr(providerHTML(r.Provider))},
			{"description", jsStr(e(r.Purpose))},
			{"expiration", jsStr(e(lifetime(r)))},
		})
	}
	return append(s, jsField{"cookieTable", jsObject{
		{"caption", jsStr(e(c.Title) + " cookies")},
		{"headers", jsObject{{"name", jsStr("Name")}, {"provider", jsStr("Provider")}, {"description", jsStr("Purpose")}, {"expiration", jsStr("Lifetime")}}},
		{"body", body},
	}})
}

// ccInformation is the section of cookies nobody has classified and no
// toggle controls: the library shows a table only in a category's
// section, so they are named in its description.
func ccInformation(c Category) jsObject {
	e := htmlText
	var names []string
	for _, r := range c.Rows {
		names = append(names, e(r.Name)+" ("+e(r.Kind)+", "+e(r.Provider.Name)+")")
	}
	return jsObject{{"title", jsStr(e(c.Title))}, {"description", jsStr(e(c.About) + " " + strings.Join(names, ", ") + ".")}}
}

// providerHTML is a provider as a table cell: name, owner, and a link to
// the privacy policy when it is an http(s) address.
func providerHTML(p declare.Provider) string {
	e := htmlText
	s := e(p.Name)
	if p.Owner != "" {
		s += " (" + e(p.Owner) + ")"
	}
	if u := p.PrivacyPolicy; strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		s += ` <a href="` + e(u) + `" target="_blank" rel="noopener nofollow">privacy policy</a>`
	}
	return s
}

// lifetime is a row's lifetime as the banner's table says it.
func lifetime(r declare.Row) string {
	switch {
	case r.Lifetime != "" && r.Lifetime != "unknown":
		return r.Lifetime
	case r.Observed != "":
		return r.Observed
	}
	return "not published"
}

func forSite(b Banner) string {
	if b.Site == "" {
		return ""
	}
	return " for " + comment(b.Site)
}

// notice is the first layer's sentence: what the site uses, by category.
func notice(b Banner) string {
	var titles []string
	for _, c := range b.Categories {
		if !c.Required && c.Switchable() {
			titles = append(titles, strings.ToLower(c.Title))
		}
	}
	if len(titles) == 0 {
		return "This site uses only the cookies it needs to work."
	}
	return "With your consent, this site uses cookies and similar storage for " + data.JoinAnd(titles) + ". You can accept them all, reject them all, or choose."
}

func intro() string {
	return "Choose which kinds of cookies and similar storage this site may use. Strictly necessary ones are always on; you can change your mind at any time."
}

// unknownComment tells the site's owner, in the configuration, which
// cookies nobody has classified: they are in the tables but never
// cleared.
func unknownComment(out *strings.Builder, b Banner, how string) {
	if len(b.Unknown) == 0 {
		return
	}
	out.WriteString("//\n// Not yet classified (" + how + ", as they may be the site's own): ")
	var names []string // a name on two domains (www.linkedin.com and linkedin.com) is said once
	for _, r := range b.Unknown {
		if n := comment(r.Name); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	out.WriteString(strings.Join(names, ", ") + ".\n// Classify them in a vendor file of your own (vendex import --user) and generate this again.\n")
}
