package banner

import (
	"fmt"
	"html"
	"slices"
	"strings"
)

// Library is a consent banner whose tag attributes the tags follow.
type Library string

// The libraries tags are written for.
const (
	CookieConsent Library = "cookieconsent"
	Klaro         Library = "klaro"
)

// Libraries lists them, in the order help text names them.
var Libraries = []Library{CookieConsent, Klaro}

// tags are the vendors' script tags rewritten to wait for consent: a
// script of type text/plain does not run, and the banner turns it into a
// real one when its category (cookieconsent: data-category, data-service)
// or its service (Klaro: data-name, with data-type and data-src) is
// accepted. Every attribute value is HTML-escaped.
func tags(b Banner, libs []Library) string {
	var out strings.Builder
	fmt.Fprintf(&out, "<!-- vendex banner --format tags: the vendors' script tags%s, held back until consent.\n", forSite(b))
	out.WriteString("     Replace each vendor's tag with the one below; a script a vendor's tag loads itself needs no tag of its own. -->\n")
	for _, lib := range libs {
		switch lib {
		case CookieConsent:
			out.WriteString("\n<!-- for vanilla-cookieconsent v3 -->\n")
		case Klaro:
			out.WriteString("\n<!-- for Klaro! -->\n")
		}
		n := 0
		var asIs []string // vendors whose tags load without waiting
		for _, c := range b.Categories {
			for _, s := range c.Services {
				if len(s.Scripts) > 0 && !s.HeldBack(c) {
					asIs = appendOnce(asIs, s.Vendor)
					continue
				}
				for _, sc := range s.Scripts {
					out.WriteString(tag(lib, c, s, sc) + "\n")
					n++
				}
			}
		}
		if n == 0 {
			out.WriteString("<!-- The evidence holds no vendor's script to hold back. -->\n")
		}
		if len(asIs) > 0 {
			out.WriteString("<!-- Not held back, keep their tags as they are (strictly necessary, or their cards say not to block them): " + htmlComment(strings.Join(asIs, ", ")) + " -->\n")
		}
	}
	return out.String()
}

// appendOnce appends s unless it is there.
func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func tag(lib Library, c Category, s Service, sc Script) string {
	src, visit := sc.TagURL()
	t := tagAt(lib, c, s, sc, src)
	if len(visit) > 0 {
		t = "<!-- " + htmlComment(s.Title) + ": the recorded address also carried values from one visit (" +
			htmlComment(strings.Join(visit, ", ")) + "); written without its query, add only what the vendor's own snippet sets (an account id) -->\n" + t
	}
	return t
}

// tagAt is the tag of script sc, written with address src.
func tagAt(lib Library, c Category, s Service, sc Script, src string) string {
	e := html.EscapeString
	if sc.Inline {
		// The page's own <script> holds the snippet: that element gets the
		// attributes, and keeps its text.
		what := fmt.Sprintf(`type="text/plain" data-category="%s" data-service="%s"`, e(c.Name), e(s.Name))
		if lib == Klaro {
			what = fmt.Sprintf(`type="text/plain" data-type="text/javascript" data-name="%s"`, e(s.Name))
		}
		return fmt.Sprintf("<!-- %s: the inline snippet at %s loads %s; give that script element %s -->",
			htmlComment(s.Title), htmlComment(sc.Source), htmlComment(src), what)
	}
	if !strings.HasPrefix(src, "https://") && !strings.HasPrefix(src, "http://") {
		return "<!-- " + htmlComment(s.Title) + ": a script that is not an http(s) address is left out -->"
	}
	if lib == Klaro {
		return fmt.Sprintf(`<script type="text/plain" data-type="text/javascript" data-name="%s" data-src="%s"></script>`, e(s.Name), e(src))
	}
	return fmt.Sprintf(`<script type="text/plain" data-category="%s" data-service="%s" src="%s"></script>`, e(c.Name), e(s.Name), e(src))
}

// htmlComment is text made safe inside an HTML comment: no '<' or '>' (so
// no "-->" or "</script"), no line break.
func htmlComment(s string) string {
	s = strings.NewReplacer("<", "%3C", ">", "%3E", "\n", " ", "\r", " ").Replace(s)
	return strings.ReplaceAll(s, "--", "-%2D")
}
