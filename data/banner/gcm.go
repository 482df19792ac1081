package banner

import (
	"fmt"
	"strings"
)

// consentTypes are Google Consent Mode v2's storage and data types, and
// the banner category each follows. security_storage follows the strictly
// necessary category, which is always granted.
var consentTypes = []struct{ name, category string }{
	{"ad_storage", "marketing"},
	{"ad_user_data", "marketing"},
	{"ad_personalization", "marketing"},
	{"analytics_storage", "analytics"},
	{"functionality_storage", "functionality"},
	{"personalization_storage", "personalisation"},
	{"security_storage", "necessary"},
}

// consentModeDocs is Google's page on setting consent mode up on a site.
const consentModeDocs = "https://developers.google.com/tag-platform/security/guides/consent"

// gcm is a Google Consent Mode v2 block: the default state (denied but
// for security_storage), a function that sends the update for the
// categories the visitor accepts, and which of the site's vendors read
// Consent Mode at all.
func gcm(b Banner) string {
	var out strings.Builder
	fmt.Fprintf(&out, "// vendex banner --format gcm: Google Consent Mode v2%s.\n", forSite(b))
	out.WriteString("// Put it in an inline script element before any Google tag (gtag.js or Tag Manager); see\n// " + consentModeDocs + "\n")
	tagged := map[string]bool{} // vendors whose script tags the capture recorded
	for _, c := range b.Categories {
		for _, s := range c.Services {
			tagged[s.VendorID] = tagged[s.VendorID] || len(s.Scripts) > 0
		}
	}
	var honour, not, untagged []string
	for _, c := range b.Categories {
		for _, s := range c.Services {
			switch {
			case s.ConsentMode:
				honour = append(honour, comment(s.Title))
			case c.Required || s.Site || s.Unblocked:
			case tagged[s.VendorID]:
				not = append(not, comment(s.Title))
			default:
				untagged = append(untagged, comment(s.Title))
			}
		}
	}
	if len(honour) > 0 {
		out.WriteString("// Of this site's vendors, these Google tags read Consent Mode themselves: " + strings.Join(honour, ", ") + ".\n")
	} else {
		out.WriteString("// None of this site's vendors is a Google tag that reads Consent Mode (Google Analytics, Google Ads, Floodlight, Tag Manager).\n")
	}
	if len(not) > 0 {
		out.WriteString("// Consent Mode does not hold these back; block their tags until consent (vendex banner --format tags): " + strings.Join(not, ", ") + ".\n")
	}
	if len(untagged) > 0 {
		// --format tags has nothing to give for these: the capture holds
		// no script tag of theirs (loaded by another script, or a capture
		// without resource types).
		out.WriteString("// Nor these, whose script tags the evidence does not hold; hold them back wherever the site loads them: " + strings.Join(untagged, ", ") + ".\n")
	}
	out.WriteString("window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n")
	def := jsObject{}
	for _, t := range consentTypes {
		v := "denied"
		if t.category == "necessary" {
			v = "granted"
		}
		def = append(def, jsField{t.name, jsStr(v)})
	}
	def = append(def, jsField{"wait_for_update", jsInt(500)})
	out.WriteString("gtag('consent', 'default', ")
	def.js(&out, "")
	out.WriteString(");\n\n")

	byCategory := jsObject{}
	for _, c := range b.Categories {
		var types jsArray
		for _, t := range consentTypes {
			if t.category == c.Name && !c.Required {
				types = append(types, jsStr(t.name))
			}
		}
		if len(types) > 0 {
			byCategory = append(byCategory, jsField{c.Name, types})
		}
	}
	out.WriteString("// The consent types each of this site's categories grants when the visitor accepts it:\n")
	for _, f := range byCategory {
		out.WriteString("//   " + comment(f.key) + " accepted: gtag('consent', 'update', {")
		var kv []string
		for _, t := range f.value.(jsArray) {
			kv = append(kv, jsString(string(t.(jsStr)))+`: "granted"`)
		}
		out.WriteString(strings.Join(kv, ", ") + "});\n")
	}
	out.WriteString("var vendexConsentTypes = ")
	byCategory.js(&out, "")
	out.WriteString(`;
// vendexConsentUpdate sends one update for every type: granted for the
// accepted categories, denied for the rest (a withdrawal is an update too).
// With vanilla-cookieconsent: onConsent and onChange call
// vendexConsentUpdate(CookieConsent.getUserPreferences().acceptedCategories);
// with Klaro: a service's callback, or klaro.getManager().watch(...).
function vendexConsentUpdate(acceptedCategories) {
  var update = {};
  for (var category in vendexConsentTypes) {
    var granted = acceptedCategories.indexOf(category) >= 0;
    vendexConsentTypes[category].forEach(function (type) {
      update[type] = granted ? 'granted' : 'denied';
    });
  }
  gtag('consent', 'update', update);
}
`)
	return out.String()
}
