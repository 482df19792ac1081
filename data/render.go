package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Section titles, in the order a consent platform's vendor page shows them.
// Markdown, text and the terminal card all follow this order.
const (
	SecOverview    = "Overview"
	SecWhatItDoes  = "What the script does"
	SecStorage     = "Browser storage"
	SecPermissions = "Permissions"
	SecCompliance  = "Consent and compliance"
	SecBlock       = "Should you block it before consent?"
	SecDetails     = "Vendor details"
	SecDomains     = "Tracked domains"
	SecFAQ         = "Frequently asked questions"
	SecRelated     = "Related vendors"
	SecSources     = "Sources"
	SecProvenance  = "Where these facts came from"
)

// JSON is the whole record with its stable field names, indented, ending
// in a newline. `vendex import` reads it back.
func JSON(v Vendor) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// YesNo is a verdict as a person reads it.
func (a Answer) Title() string {
	switch a {
	case AnswerYes:
		return "Yes"
	case AnswerNo:
		return "No"
	case AnswerConditional:
		return "Conditional"
	}
	return "Unknown"
}

// Title is yes / no / unknown as a person reads it.
func (t Tristate) Title() string {
	switch t {
	case Yes:
		return "Yes"
	case No:
		return "No"
	}
	return "Unknown"
}

// MainDomain is the domain a list shows next to the vendor's name.
func (v *Vendor) MainDomain() string {
	if len(v.Domains) > 0 {
		return v.Domains[0].Host
	}
	if len(v.Scripts) > 0 {
		return v.Scripts[0].Host
	}
	return ""
}

// SourceString is a script source as host plus path.
func (s Script) SourceString() string { return s.Host + s.Path }

// Party is first or third party as a person reads it.
func (p Party) Title() string {
	switch p {
	case FirstParty:
		return "1st party"
	case ThirdParty:
		return "3rd party"
	}
	return ""
}

// md escapes untrusted text for Markdown: control sequences go, the
// characters that start HTML (< > &) become entities so that a pasted card
// cannot inject markup, and characters that would start Markdown structure
// are backslashed.
func md(s string) string {
	s = mdEscaper.Replace(CleanText(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		// A leading # or > would make a heading or a quote; a leading
		// "1." or "-" a list; keep the text as text.
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
			lines[i] = l[:len(l)-len(t)] + "\\" + t
		}
	}
	return strings.Join(lines, "\n")
}

var mdEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`)

// mdLine is md for one line (table cells, list items).
func mdLine(s string) string { return strings.ReplaceAll(md(s), "\n", " ") }

// mdURL keeps a URL clickable but harmless: only http(s), no spaces or
// angle brackets.
func mdURL(u string) string {
	u = CleanLine(u)
	if !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) || strings.ContainsAny(u, " <>\"") {
		return mdLine(u)
	}
	return "<" + u + ">"
}

func code(s string) string {
	s = strings.ReplaceAll(CleanLine(s), "`", "'")
	s = strings.ReplaceAll(s, "|", `\|`)
	return "`" + s + "`"
}

// Markdown renders the vendor card as a Markdown document, sections in the
// order of a vendor page, ready to paste into a cookie policy.
func Markdown(v Vendor) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n\n", mdLine(v.Name))
	p("%s\n\n", md(v.Summary))
	p("- **Consent category:** %s\n", v.Category.Title())
	p("- **Block before consent:** %s\n", v.BlockBeforeConsent.Value.Title())
	p("- **Sets HTTP cookies:** %s\n\n", v.SetsCookies.Title())

	if v.Overview != "" {
		p("## %s\n\n%s\n\n", SecOverview, md(v.Overview))
	}
	if len(v.Scripts)+len(v.Connections)+len(v.DataCollected) > 0 {
		p("## %s\n\n", SecWhatItDoes)
		if len(v.Scripts) > 0 {
			p("### Scripts it loads\n\n| Script | Source | What it does |\n|---|---|---|\n")
			for _, s := range v.Scripts {
				p("| %s | %s | %s |\n", mdLine(s.Name), code(s.SourceString()), mdLine(s.Description))
			}
			p("\n")
		}
		if len(v.Connections) > 0 {
			p("### Connections it opens\n\n")
			for _, c := range v.Connections {
				hosts := ""
				if len(c.Hosts) > 0 {
					hs := make([]string, len(c.Hosts))
					for i, h := range c.Hosts {
						hs[i] = code(h)
					}
					hosts = " (" + strings.Join(hs, ", ") + ")"
				}
				p("- **%s**%s: %s\n", mdLine(c.Kind), hosts, mdLine(c.Description))
			}
			p("\n")
		}
		if len(v.DataCollected) > 0 {
			p("### Data it collects\n\n")
			for _, d := range v.DataCollected {
				p("- %s\n", mdLine(d))
			}
			p("\n")
		}
	}
	p("## %s\n\n", SecStorage)
	p("Sets HTTP cookies: **%s**.\n\n", v.SetsCookies.Title())
	if len(v.Storage) > 0 {
		p("| Kind | Name | Party | Lifetime | Purpose |\n|---|---|---|---|---|\n")
		for _, s := range v.Storage {
			p("| %s | %s | %s | %s | %s |\n", mdLine(string(s.Kind)), code(s.Name), mdLine(s.Party.Title()), s.Lifetime, mdLine(s.Purpose))
		}
		p("\n")
	} else {
		p("%s\n\n", NoStorageText(v))
	}
	p("## %s\n\n", SecPermissions)
	if len(v.Permissions) == 0 {
		p("It asks for no browser permissions.\n\n")
	} else {
		for _, pm := range v.Permissions {
			p("- **%s**: %s\n", mdLine(string(pm.Name)), mdLine(pm.When))
		}
		p("\n")
	}
	p("## %s\n\n", SecCompliance)
	p("- **Consent category:** %s", v.Category.Title())
	if len(v.Categories) > 0 {
		others := make([]string, len(v.Categories))
		for i, c := range v.Categories {
			others[i] = c.Title()
		}
		p(" (also: %s)", strings.Join(others, ", "))
	}
	p("\n")
	if len(v.SeenCategories) > 0 {
		p("- **Categories seen in imported datasets:** %s\n", mdLine(strings.Join(v.SeenCategories, ", ")))
	}
	p("- **Consent required:** %s. %s\n", v.ConsentRequired.Value.Title(), mdLine(v.ConsentRequired.Reason))
	if v.Compliance.GDPR != "" {
		p("- **GDPR and ePrivacy:** %s\n", mdLine(v.Compliance.GDPR))
	}
	if v.Compliance.CCPA != "" {
		p("- **CCPA/CPRA:** %s\n", mdLine(v.Compliance.CCPA))
	}
	if v.Compliance.Role != "" {
		p("- **Role:** %s\n", v.Compliance.Role.Title())
	}
	if v.Compliance.DataResidency != "" {
		p("- **Data residency:** %s\n", mdLine(v.Compliance.DataResidency))
	}
	if v.Compliance.Transfers != "" {
		p("- **International transfers:** %s\n", mdLine(v.Compliance.Transfers))
	}
	p("\n## %s\n\n", SecBlock)
	p("**%s.** %s\n\n", v.BlockBeforeConsent.Value.Title(), md(v.BlockBeforeConsent.Reason))
	if v.BlockBeforeConsent.Advice != "" {
		p("%s\n\n", md(v.BlockBeforeConsent.Advice))
	}
	p("## %s\n\n", SecDetails)
	if v.Owner != "" {
		p("- **Owner:** %s\n", mdLine(v.Owner))
	}
	if v.Website != "" {
		p("- **Website:** %s\n", mdURL(v.Website))
	}
	if v.PrivacyPolicy != "" {
		p("- **Privacy policy:** %s\n", mdURL(v.PrivacyPolicy))
	} else if v.IsUnpublished("privacy_policy") {
		p("- **Privacy policy:** not published by the vendor\n")
	}
	if len(v.Products) > 0 {
		p("- **Products:** %s\n", mdLine(strings.Join(v.Products, ", ")))
	}
	if len(v.Aliases) > 0 {
		p("- **Also known as:** %s\n", mdLine(strings.Join(v.Aliases, ", ")))
	}
	if len(v.Industries) > 0 {
		p("- **Industries:** %s\n", mdLine(strings.Join(v.Industries, ", ")))
	}
	p("\n")
	if len(v.Domains) > 0 {
		p("## %s\n\n| Domain | Category |\n|---|---|\n", SecDomains)
		for _, d := range v.Domains {
			c := d.Category
			if c == "" {
				c = v.Category
			}
			shared := ""
			if d.Shared {
				shared = " (shared)"
			}
			p("| %s%s | %s |\n", code(d.Host), shared, c.Title())
		}
		p("\n")
	}
	if len(v.FAQ) > 0 {
		p("## %s\n\n", SecFAQ)
		for _, f := range v.FAQ {
			p("### %s\n\n", mdLine(f.Question))
			if f.Short != "" {
				p("**%s.** ", f.Short.Title())
			}
			p("%s\n\n", md(f.Body()))
		}
	}
	if len(v.Related) > 0 {
		p("## %s\n\n", SecRelated)
		for _, r := range v.Related {
			p("- %s\n", mdLine(r))
		}
		p("\n")
	}
	if len(v.Sources) > 0 {
		p("## %s\n\n", SecSources)
		for _, s := range v.Sources {
			p("- %s", mdLine(s.Name))
			if s.URL != "" {
				p(" (%s)", mdURL(s.URL))
			}
			if s.Checked != "" {
				p(", checked %s", mdLine(s.Checked))
			}
			if s.Note != "" {
				p(": %s", mdLine(s.Note))
			}
			p("\n")
		}
		p("\n")
	}
	if len(v.Provenance) > 0 {
		p("## %s\n\n| Fact | Value | Source |\n|---|---|---|\n", SecProvenance)
		for _, pr := range v.Provenance {
			p("| %s | %s | %s |\n", mdLine(pr.Field), code(pr.Value), mdLine(pr.Source))
		}
		p("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// Title is the GDPR role as a person reads it.
func (r Role) Title() string {
	switch r {
	case Processor:
		return "Processor (acts on the site owner's instructions, under a data processing agreement)"
	case Controller:
		return "Independent controller (decides itself what the data is used for)"
	case JointController:
		return "Joint controller with the site owner"
	case ProcessorOrController:
		return "Processor for some services, independent controller for others"
	}
	return CleanLine(string(r))
}

// NoStorageText explains an empty storage table.
func NoStorageText(v Vendor) string {
	switch {
	case v.IsUnpublished("storage"):
		return "It sets cookies, but the vendor does not publish their names or lifetimes."
	case v.SetsCookies == No:
		return "It sets no cookies, and no other browser storage is recorded for it."
	}
	return "No browser storage is recorded for this vendor."
}

// Body is the FAQ answer without a leading restatement of its short
// verdict ("No. Twilio sets..." under a short "no" reads as "Twilio
// sets..."), so that a card that prints the verdict does not say it twice.
func (f FAQ) Body() string {
	a := strings.TrimSpace(f.Answer)
	if f.Short == "" {
		return a
	}
	word := f.Short.Title()
	if len(a) > len(word) && strings.EqualFold(a[:len(word)], word) {
		rest := a[len(word):]
		if r := strings.TrimLeft(rest, ".,;:!—– -"); r != rest && r != "" {
			return strings.ToUpper(r[:1]) + r[1:]
		}
	}
	return a
}
