package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store/audit"
)

// writeScanMarkdown writes the report as Markdown, to attach to a ticket.
// Every text from the capture or the catalogue is escaped as the card's
// Markdown is (card.MarkdownLine, card.MarkdownCode).
func writeScanMarkdown(w io.Writer, r *audit.Report) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	md, code := card.MarkdownLine, card.MarkdownCode
	p("# Site audit: %s\n\n%s.\n", md(r.Site), md(scanTitle(r)))
	for _, warn := range r.Warnings {
		p("\n> **Warning:** %s\n", md(warn))
	}
	groups := byCategory(r.Vendors)
	if len(groups) > 0 {
		p("\n## Vendors by category\n\n| Category | Vendors |\n|---|---|\n")
		for _, g := range groups {
			p("| %s | %d |\n", md(g.title), len(g.vendors))
		}
	}
	for _, g := range groups {
		p("\n## %s\n\n| Vendor | Block before consent | Hosts (requests) | Cookies and storage |\n|---|---|---|---|\n", md(g.title))
		for _, v := range g.vendors {
			hosts := make([]string, len(v.Hosts))
			for i, h := range v.Hosts {
				hosts[i] = fmt.Sprintf("%s (%d)", code(h.Host), h.Requests)
			}
			var cookies []string
			cs := cookiesOf(r, v.ID)
			twice := namedTwice(cs)
			for _, c := range cs {
				cookies = append(cookies, code(c.Name)+" "+md("("+cookieDetails(c, v.Category, twice[c.Name])+")"))
			}
			block := v.Block
			if v.Site {
				block = siteItself
			}
			p("| %s | %s | %s | %s |\n", md(v.Name), md(block), strings.Join(hosts, ", "), strings.Join(cookies, "<br>"))
		}
	}
	if len(r.FirstParty) > 0 {
		p("\n## The site's own hosts\n\n| Host | Requests |\n|---|---|\n")
		for _, h := range r.FirstParty {
			p("| %s | %d |\n", code(h.Host), h.Requests)
		}
	}
	if len(r.UnknownHosts)+len(r.UnknownCookies) > 0 {
		p("\n## Not in the catalogue\n\n")
		if len(r.UnknownHosts) > 0 {
			p("| Host | Requests |\n|---|---|\n")
			for _, h := range r.UnknownHosts {
				p("| %s | %d |\n", code(h.Host), h.Requests)
			}
			p("\n")
		}
		if len(r.UnknownCookies) > 0 {
			p("| Name | Kind | Domain | Observed lifetime |\n|---|---|---|---|\n")
			for _, c := range r.UnknownCookies {
				p("| %s | %s | %s | %s |\n", code(c.Name), md(c.Kind), code(c.Domain), md(c.ObservedLifetime))
			}
			p("\n")
		}
		p("Add vendors of your own for these with `vendex import --user FILE`.\n")
	}
	if r.Mode != audit.Anytime {
		p("\n## Findings (%d)\n\n", len(r.Findings))
		if len(r.Findings) == 0 {
			p("Nothing that needs consent ran %s.\n", modeWords(r.Mode))
		}
		for _, g := range audit.GroupFindings(r.Findings) {
			// Addresses as autolinks and names as code: escaped as text,
			// an underscore would cut a link short.
			var parts []string
			if len(g.Loaded) > 0 {
				urls := make([]string, len(g.Loaded))
				for i, u := range g.Loaded {
					urls[i] = card.MarkdownURL(u)
				}
				parts = append(parts, "loaded "+strings.Join(urls, ", "))
			}
			if len(g.Stored) > 0 {
				names := make([]string, len(g.Stored))
				for i, n := range g.Stored {
					names[i] = code(n)
				}
				parts = append(parts, "stored "+strings.Join(names, ", "))
			}
			p("- **%s**: %s. %s\n", md(g.Vendor), strings.Join(parts, "; "), md(strings.Join(g.Whys, " ")))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
