package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
	"github.com/vendex/vendex/store/audit"
)

// reportStyle colours the text report on a terminal; the zero value
// writes plain text, for a pipe.
type reportStyle struct {
	on                         bool
	heading, subtle, bad, good lipgloss.Style
	category                   func(slug string) lipgloss.Style
}

func terminalStyle() reportStyle {
	return reportStyle{
		on:      true,
		heading: lipgloss.NewStyle().Bold(true),
		subtle:  lipgloss.NewStyle().Faint(true),
		bad:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("1")),
		good:    lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		category: func(slug string) lipgloss.Style {
			colours := map[string]string{"strictly-necessary": "2", "functional": "4", "analytics": "3", "marketing": "1", "personalisation": "5"}
			if c, ok := colours[slug]; ok {
				return lipgloss.NewStyle().Foreground(lipgloss.Color(c))
			}
			return lipgloss.NewStyle().Faint(true)
		},
	}
}

func (s reportStyle) render(st lipgloss.Style, text string) string {
	if !s.on {
		return text
	}
	return st.Render(text)
}

func (s reportStyle) cat(slug, text string) string {
	if !s.on {
		return text
	}
	return s.category(slug).Render(text)
}

// verdictWord is a block-before-consent answer as the report shows it.
func (s reportStyle) verdict(a string) string {
	word := fmt.Sprintf("block: %-11s", a) // "conditional" is the longest answer
	switch a {
	case string(data.AnswerYes):
		return s.render(s.bad, word)
	case string(data.AnswerNo):
		return s.render(s.good, word)
	}
	return word
}

// siteItself marks a vendor that is the site itself (or its owner's),
// whose cookies the catalogue knows (LinkedIn's on linkedin.com), so that
// they do not read as a third party's.
const siteItself = "the site itself"

// writeScanText writes the report for a person: what the site loads by
// consent category (a chart, then the vendors), the site's own hosts,
// what nobody is known for, and the findings.
func writeScanText(w io.Writer, r *audit.Report, st reportStyle, width int) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	// wrap writes text from indent on, continuation lines hang cells
	// further in; style is applied line by line, after wrapping.
	wrapHang := func(indent, hang int, text string, style func(string) string) {
		pad := strings.Repeat(" ", indent)
		for i, l := range card.Wrap(text, max(10, width-indent-hang)) {
			if i > 0 {
				l = strings.Repeat(" ", hang) + l
			}
			p("%s%s\n", pad, style(l))
		}
	}
	wrap := func(indent int, text string, style func(string) string) { wrapHang(indent, 2, text, style) }
	plain := func(s string) string { return s }
	heading := func(s string) string { return st.render(st.heading, s) }
	subtle := func(s string) string { return st.render(st.subtle, s) }
	wrap(0, scanTitle(r), heading)
	for _, warn := range r.Warnings {
		wrap(0, "warning: "+data.CleanLine(warn), plain)
	}
	groups := byCategory(r.Vendors)
	if len(r.Vendors) > 0 {
		p("\n%s\n", st.render(st.heading, "VENDORS BY CATEGORY"))
		chart(&b, groups, st, width)
	}
	nameW := 0
	for _, v := range r.Vendors {
		nameW = max(nameW, min(32, ansi.StringWidth(data.CleanLine(v.Name))))
	}
	for _, g := range groups {
		p("\n%s\n", st.cat(g.slug, st.render(st.heading, strings.ToUpper(g.title))))
		for _, v := range g.vendors {
			hosts := make([]string, 0, len(v.Hosts))
			for _, h := range v.Hosts {
				hosts = append(hosts, fmt.Sprintf("%s (%d)", h.Host, h.Requests))
			}
			name := ansi.Truncate(data.CleanLine(v.Name), nameW, "…")
			name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
			// The site itself is not blocked on its own pages: the
			// column says whose cookies they are instead.
			verdict := st.verdict(v.Block)
			if v.Site {
				verdict = st.render(st.subtle, fmt.Sprintf("%-18s", siteItself))
			}
			line := fmt.Sprintf("  %s  %s", name, verdict)
			if len(hosts) > 0 {
				line += st.render(st.subtle, "  "+strings.Join(hosts, ", "))
			} else {
				line = strings.TrimRight(line, " ")
			}
			p("%s\n", ansi.Truncate(line, width, "…"))
			cs := cookiesOf(r, v.ID)
			twice := namedTwice(cs)
			for _, c := range cs {
				wrap(4, cookieLine(c, v.Category, twice[c.Name]), plain)
			}
		}
	}
	if len(r.FirstParty) > 0 {
		p("\n%s\n", st.render(st.heading, "THE SITE'S OWN HOSTS"))
		for _, h := range r.FirstParty {
			p("  %s (%d)\n", data.CleanLine(h.Host), h.Requests)
		}
	}
	if len(r.UnknownHosts)+len(r.UnknownCookies) > 0 {
		p("\n%s\n", st.render(st.heading, "NOT IN THE CATALOGUE"))
		for _, h := range r.UnknownHosts {
			line := data.CleanLine(h.Host) + "  " + data.Plural(h.Requests, "request")
			if s := h.Hosting(); s != "" {
				line += "; " + s
			}
			wrap(2, line, plain)
		}
		for _, c := range r.UnknownCookies {
			wrap(2, cookieLine(c, "", false), plain)
		}
		wrap(2, "Add your own vendors for these with 'vendex import --user FILE' (see 'vendex import --help').", subtle)
	}
	if r.Mode != audit.Anytime {
		groups := audit.GroupFindings(r.Findings)
		title := "FINDINGS (0)"
		if len(r.Findings) > 0 {
			title = fmt.Sprintf("FINDINGS (%d, from %s)", len(r.Findings), findingSources(groups))
		}
		p("\n%s\n", st.render(st.heading, title))
		if len(r.Findings) == 0 {
			p("  %s\n", st.render(st.good, "Nothing the catalogue knows to need consent ran "+modeWords(r.Mode)+"."))
		}
		for _, g := range groups {
			p("  %s", st.render(st.bad, "✗ "))
			for i, l := range card.Wrap(g.Vendor+": "+g.Text(), max(10, width-4)) {
				if i > 0 {
					l = "    " + l
				}
				p("%s\n", l)
			}
			for _, why := range g.Whys {
				wrapHang(4, 0, why, subtle)
			}
		}
		if nj := r.NotJudged; nj != nil && nj.Hosts+nj.Cookies+nj.Vendors > 0 && !strictRun(r) {
			wrap(2, notJudgedLine(nj), plain)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func scanTitle(r *audit.Report) string {
	site := r.Site
	if site == "" {
		site = "the capture"
	}
	// The site itself (its own cookies, known to the catalogue) is not one
	// of the vendors it loads.
	vendors, itself := 0, ""
	for _, v := range r.Vendors {
		if v.Site {
			itself = " and the site itself"
		} else {
			vendors++
		}
	}
	s := fmt.Sprintf("%s: %s%s, %s", data.CleanLine(site), data.Plural(vendors, "vendor"), itself, data.Plural(r.Requests, "request"))
	if !r.Captured.IsZero() {
		s += ", captured " + r.Captured.UTC().Format("2006-01-02 15:04 UTC")
	}
	if r.Mode != audit.Anytime {
		s += ", " + modeWords(r.Mode)
	}
	return s
}

func modeWords(m audit.Mode) string {
	if m == audit.AfterReject {
		return "after 'reject all'"
	}
	return "before consent"
}

// cookieLine is one cookie or key: its name, then cookieDetails.
func cookieLine(c audit.Cookie, under string, where bool) string {
	return data.CleanLine(c.Name) + "  " + cookieDetails(c, under, where)
}

// cookieDetails is what the report says of a cookie besides its name:
// kind, lifetimes, the evidence that names its vendor (or its domain when
// none does), and what is odd about it. Listed under a vendor of the
// category under, a cookie of another category says its own ("marketing
// cookie" under a strictly necessary vendor), so that the vendor's
// heading and the cookie's finding do not seem to disagree. A third-party
// cookie says its domain, and so does one of the site's own when where is
// set: its name is listed twice (on www.linkedin.com and linkedin.com).
func cookieDetails(c audit.Cookie, under string, where bool) string {
	parts := []string{c.Kind}
	if under != "" && c.Category != "" && c.Category != under && c.Category != data.Unclassified {
		parts[0] = strings.ToLower(data.Category(c.Category).Title()) + " " + c.Kind
	}
	if c.Party == "third" || where {
		parts[0] += " on " + data.CleanLine(c.Domain)
	}
	switch c.ObservedLifetime {
	case "":
	case "session", "expired":
		parts = append(parts, c.ObservedLifetime)
	default:
		parts = append(parts, "observed "+c.ObservedLifetime)
	}
	if c.DeclaredLifetime != "" {
		parts = append(parts, "declared "+c.DeclaredLifetime)
	}
	if c.MatchedBy != "" {
		parts = append(parts, "by "+c.MatchedBy)
	} else if c.Party != "third" {
		parts = append(parts, data.CleanLine(c.Domain))
	}
	s := strings.Join(parts, ", ")
	if len(c.Flags) > 0 {
		s += "; " + strings.Join(c.Flags, "; ")
	}
	return s
}

// namedTwice are the names more than one of cs has, whose lines must say
// their domain to be told apart.
func namedTwice(cs []audit.Cookie) map[string]bool {
	seen, twice := map[string]bool{}, map[string]bool{}
	for _, c := range cs {
		twice[c.Name] = twice[c.Name] || seen[c.Name]
		seen[c.Name] = true
	}
	return twice
}

func cookiesOf(r *audit.Report, id string) []audit.Cookie {
	var out []audit.Cookie
	for _, c := range r.Cookies {
		if c.VendorID == id {
			out = append(out, c)
		}
	}
	return out
}

type categoryGroup struct {
	slug, title string
	vendors     []audit.Vendor
}

// byCategory groups vendors (already in banner order) by category.
func byCategory(vs []audit.Vendor) []categoryGroup {
	var out []categoryGroup
	for _, v := range vs {
		if len(out) == 0 || out[len(out)-1].slug != v.Category {
			title := data.Category(v.Category).Title()
			if v.Category == data.Unclassified {
				title = data.Category("").Title()
			}
			out = append(out, categoryGroup{slug: v.Category, title: title})
		}
		out[len(out)-1].vendors = append(out[len(out)-1].vendors, v)
	}
	return out
}

// chart draws one bar per category, as long as its share of the vendors.
func chart(b *strings.Builder, groups []categoryGroup, st reportStyle, width int) {
	label, most := 0, 0
	for _, g := range groups {
		label = max(label, ansi.StringWidth(g.title))
		most = max(most, len(g.vendors))
	}
	room := max(1, min(40, width-label-10))
	for _, g := range groups {
		n := len(g.vendors)
		bar := strings.Repeat("█", max(1, n*room/most))
		fmt.Fprintf(b, "  %s%s %s %d\n", g.title, strings.Repeat(" ", label-ansi.StringWidth(g.title)), st.cat(g.slug, bar), n)
	}
}

// notJudgedLine says what a consent audit run without --strict could not
// judge.
func notJudgedLine(nj *audit.NotJudged) string {
	s := fmt.Sprintf("Not judged: %s and %s that nobody in the catalogue claims (listed above)", data.Plural(nj.Hosts, "host"), data.Plural(nj.Cookies, "cookie"))
	if nj.Vendors > 0 {
		s += fmt.Sprintf(", and %s with no verdict (block: unknown)", data.Plural(nj.Vendors, "vendor"))
	}
	return s + ". Classify them with 'vendex import --user FILE', or run with --strict to count them as findings."
}

// strictRun reports whether the audit counted what it could not judge
// (unclaimed hosts and cookies, vendors with no verdict) as findings.
func strictRun(r *audit.Report) bool {
	for _, f := range r.Findings {
		switch f.Kind {
		case "unknown-host", "unknown-cookie", "unjudged-vendor":
			return true
		}
	}
	return false
}

// findingSources says whom a consent audit's findings come from: "40
// vendors", or "38 vendors and 2 unclaimed hosts" when --strict counts
// hosts nobody claims ("40 sources" read like vendex sources' imports).
func findingSources(groups []*audit.FindingGroup) string {
	vendors := 0
	for _, g := range groups {
		if g.VendorID != "" {
			vendors++
		}
	}
	var parts []string
	if vendors > 0 {
		parts = append(parts, data.Plural(vendors, "vendor"))
	}
	if hosts := len(groups) - vendors; hosts > 0 {
		parts = append(parts, data.Plural(hosts, "unclaimed host"))
	}
	return strings.Join(parts, " and ")
}
