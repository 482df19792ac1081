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
	gcmVendors(&out, b)
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

// gcmVendors says which of the site's vendors read Consent Mode, and
// which tags to hold back all the same. One name per vendor: a vendor
// with cookies in several categories is several services, but one tag;
// it is held back if any of its services is (Service.HeldBack, the rule
// --format tags follows), and tagged if the capture recorded its script.
func gcmVendors(out *strings.Builder, b Banner) {
	tagged, held := map[string]bool{}, map[string]bool{}
	var order []Service
	for _, c := range b.Categories {
		for _, s := range c.Services {
			if _, seen := tagged[s.VendorID]; !seen {
				order = append(order, s)
			}
			tagged[s.VendorID] = tagged[s.VendorID] || len(s.Scripts) > 0
			held[s.VendorID] = held[s.VendorID] || s.HeldBack(c)
		}
	}
	var honour, asIs, basic, basicUntagged, not, untagged []string
	for _, s := range order {
		name := comment(s.Vendor)
		if s.ConsentMode {
			honour = append(honour, name)
		}
		switch {
		case !held[s.VendorID]:
			if s.ConsentMode {
				asIs = append(asIs, name)
			}
		case s.ConsentMode && tagged[s.VendorID]:
			basic = append(basic, name)
		case s.ConsentMode:
			basicUntagged = append(basicUntagged, name)
		case tagged[s.VendorID]:
			not = append(not, name)
		default:
			untagged = append(untagged, name)
		}
	}
	if len(honour) > 0 {
		out.WriteString("// Of this site's vendors, these Google tags read Consent Mode themselves: " + strings.Join(honour, ", ") + ".\n")
	} else {
		out.WriteString("// None of this site's vendors is a Google tag that reads Consent Mode (Google Analytics, Google Ads, Floodlight, Tag Manager).\n")
	}
	if len(asIs) > 0 {
		// Blocking Tag Manager blocks the consent checks it runs for the
		// tags inside it: its card says not to block it.
		out.WriteString("// Not held back, as their cards say not to block them; load them as they are, after this block: " + strings.Join(asIs, ", ") + ".\n")
	}
	if len(basic) > 0 {
		// Consent Mode's basic mode, which the cards advise: the tag waits
		// for consent, so it sends nothing (not even cookieless pings)
		// before it. --format tags holds the same ones back.
		out.WriteString("// In basic mode, which their cards advise, these wait for consent all the same: hold their tags back (vendex banner --format tags), or in Tag Manager fire them only once their consent type is granted: " + strings.Join(basic, ", ") + ".\n")
	}
	if len(basicUntagged) > 0 {
		// review9: the line above sent the user to --format tags for
		// Google tags whose script the capture does not hold.
		out.WriteString("// In basic mode these wait for consent too, and the evidence holds no script tag of theirs: hold them back wherever the site loads them, or in Tag Manager fire them only once their consent type is granted: " + strings.Join(basicUntagged, ", ") + ".\n")
	}
	if len(not) > 0 {
		out.WriteString("// Consent Mode does not hold these back; block their tags until consent (vendex banner --format tags): " + strings.Join(not, ", ") + ".\n")
	}
	if len(untagged) > 0 {
		// --format tags has nothing to give for these: the capture holds
		// no script tag of theirs (loaded by another script, or a capture
		// without resource types).
		// A line of its own, read alone (verify10: "Nor these" did not
		// follow the line before it, or followed none).
		out.WriteString("// Consent Mode does not hold these back, and the evidence holds no script tag of theirs; block them until consent wherever the site loads them: " + strings.Join(untagged, ", ") + ".\n")
	}
}
