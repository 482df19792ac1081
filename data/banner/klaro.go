package banner

import (
	"fmt"
	"slices"
	"strings"
)

// klaro is a Klaro! config.js. Texts are plain (htmlTexts: false, so
// Klaro renders them as text, not HTML); cookie patterns are RegExps.
// Klaro reads a cookie string that starts with '^' as a RegExp, so such a
// name is written as a RegExp that matches it literally.
func klaro(b Banner) string {
	var out strings.Builder
	fmt.Fprintf(&out, "// vendex banner --format klaro: a Klaro! config.js%s.\n", forSite(b))
	out.WriteString("// Load it before klaro.js, and hold the vendors' tags back with vendex banner --format tags --for klaro.\n" +
		"// Reference: the annotated config.js in Klaro's package (https://github.com/kiprotect/klaro, dist/config.js).\n")
	unknownComment(&out, b, "not listed, never cleared")
	purposes := jsObject{}
	services := jsArray{}
	for _, c := range b.Categories {
		if c.Informational() {
			continue
		}
		desc := c.About
		for _, p := range c.Unnamed {
			desc += " " + p.Name + ": " + p.Note + "."
		}
		purposes = append(purposes, jsField{c.Name, jsObject{{"title", jsStr(c.Title)}, {"description", jsStr(desc)}}})
		for _, s := range c.Services {
			services = append(services, klaroService(c, s))
		}
	}
	config := jsObject{
		{"version", jsInt(1)},
		{"elementID", jsStr("klaro")},
		{"htmlTexts", jsBool(false)},
		{"groupByPurpose", jsBool(true)},
		{"storageMethod", jsStr("cookie")},
		{"cookieName", jsStr("klaro")},
		{"default", jsBool(false)},
		{"mustConsent", jsBool(false)},
		{"acceptAll", jsBool(true)},
		{"hideDeclineAll", jsBool(false)},
		{"translations", jsObject{
			// zz holds the defaults for every language; the address is
			// the site's to fill in.
			{"zz", jsObject{{"privacyPolicyUrl", jsStr("/privacy")}}},
			{"en", jsObject{{"purposes", purposes}}},
		}},
		{"services", services},
	}
	out.WriteString("// Set privacyPolicyUrl (under translations.zz) to your privacy policy's address.\nvar klaroConfig = ")
	config.js(&out, "")
	out.WriteString(";\n")
	return out.String()
}

func klaroService(c Category, s Service) jsObject {
	o := jsObject{
		{"name", jsStr(s.Name)},
		{"title", jsStr(s.Title)},
		{"purposes", jsArray{jsStr(c.Name)}},
	}
	if len(s.Cookies) > 0 {
		cookies := jsArray{}
		for _, k := range s.Cookies {
			if k.Pattern || strings.HasPrefix(k.Name, "^") {
				cookies = append(cookies, jsRegExp(regExpSource(k.Name, k.Pattern)))
			} else {
				cookies = append(cookies, jsStr(k.Name))
			}
		}
		o = append(o, jsField{"cookies", cookies})
	}
	o = append(o, jsField{"required", jsBool(s.AlwaysOn(c))})
	desc := describe(c, s)
	return append(o, jsField{"translations", jsObject{
		{"zz", jsObject{{"title", jsStr(s.Title)}}},
		{"en", jsObject{{"description", jsStr(desc)}}},
	}})
}

// describe is a service's one line in a banner: who runs it and what it
// stores, the cookies and keys of its own category (the ones it holds).
func describe(c Category, s Service) string {
	d := s.Title
	if s.Owner != "" && s.Owner != s.Title {
		d += ", by " + strings.TrimSuffix(s.Owner, ".")
	}
	var names []string
	for _, r := range c.Rows {
		if r.Provider.ID == s.VendorID && !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	switch n := len(names); {
	case n > 6:
		d += ". Stores " + strings.Join(names[:6], ", ") + fmt.Sprintf(" and %d more", n-6)
	case n > 0:
		d += ". Stores " + strings.Join(names, ", ")
	}
	return d + "."
}
