package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text renders the vendor card as plain text wrapped to width columns (80
// if width is not positive): no colour, no escape sequences, the sections
// in the same order as Markdown.
func Text(v Vendor, width int) string {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	para := func(indent, s string) {
		for _, p := range strings.Split(CleanText(s), "\n") {
			b.WriteString(Wrap(p, width, indent))
			b.WriteByte('\n')
		}
	}
	heading := func(title string) {
		fmt.Fprintf(&b, "\n%s\n%s\n", strings.ToUpper(title), strings.Repeat("-", min(width, utf8.RuneCountInString(title))))
	}
	field := func(label, value string) {
		if value == "" {
			return
		}
		b.WriteString(Wrap(label+": "+CleanLine(value), width, "  "))
		b.WriteByte('\n')
	}
	bullet := func(s string) {
		b.WriteString(Wrap("- "+CleanLine(s), width, "  "))
		b.WriteByte('\n')
	}

	name := CleanLine(v.Name)
	fmt.Fprintf(&b, "%s\n%s\n", name, strings.Repeat("=", min(width, max(1, utf8.RuneCountInString(name)))))
	para("", v.Summary)
	b.WriteByte('\n')
	field("Consent category", v.Category.Title())
	field("Block before consent", v.BlockBeforeConsent.Value.Title())
	field("Sets HTTP cookies", v.SetsCookies.Title())

	if v.Overview != "" {
		heading(SecOverview)
		para("", v.Overview)
	}
	if len(v.Scripts)+len(v.Connections)+len(v.DataCollected) > 0 {
		heading(SecWhatItDoes)
		for _, s := range v.Scripts {
			label := s.SourceString()
			if s.Name != "" {
				label = s.Name + " (" + label + ")"
			}
			if s.Description != "" {
				label += ": " + s.Description
			}
			bullet("Loads " + label)
		}
		for _, c := range v.Connections {
			s := c.Kind
			if len(c.Hosts) > 0 {
				s += " (" + strings.Join(c.Hosts, ", ") + ")"
			}
			bullet("Connects: " + s + ": " + c.Description)
		}
		for _, d := range v.DataCollected {
			bullet("Collects: " + d)
		}
	}
	heading(SecStorage)
	field("Sets HTTP cookies", v.SetsCookies.Title())
	if len(v.Storage) == 0 {
		para("", NoStorageText(v))
	}
	for _, s := range v.Storage {
		meta := []string{string(s.Kind)}
		if s.Party != "" {
			meta = append(meta, s.Party.Title())
		}
		meta = append(meta, s.Lifetime.String())
		bullet(fmt.Sprintf("%s (%s): %s", s.Name, strings.Join(meta, ", "), s.Purpose))
	}
	heading(SecPermissions)
	if len(v.Permissions) == 0 {
		para("", "It asks for no browser permissions.")
	}
	for _, p := range v.Permissions {
		bullet(string(p.Name) + ": " + p.When)
	}
	heading(SecCompliance)
	field("Consent category", v.Category.Title())
	if len(v.Categories) > 0 {
		cs := make([]string, len(v.Categories))
		for i, c := range v.Categories {
			cs[i] = c.Title()
		}
		field("Also", strings.Join(cs, ", "))
	}
	field("Categories seen in imports", strings.Join(v.SeenCategories, ", "))
	field("Consent required", v.ConsentRequired.Value.Title()+". "+v.ConsentRequired.Reason)
	field("GDPR and ePrivacy", v.Compliance.GDPR)
	field("CCPA/CPRA", v.Compliance.CCPA)
	if v.Compliance.Role != "" {
		field("Role", v.Compliance.Role.Title())
	}
	field("Data residency", v.Compliance.DataResidency)
	field("International transfers", v.Compliance.Transfers)
	heading(SecBlock)
	para("", v.BlockBeforeConsent.Value.Title()+". "+v.BlockBeforeConsent.Reason)
	if v.BlockBeforeConsent.Advice != "" {
		para("", v.BlockBeforeConsent.Advice)
	}
	heading(SecDetails)
	field("Owner", v.Owner)
	field("Website", v.Website)
	field("Privacy policy", v.PrivacyPolicy)
	if v.PrivacyPolicy == "" && v.IsUnpublished("privacy_policy") {
		field("Privacy policy", "not published by the vendor")
	}
	field("Products", strings.Join(v.Products, ", "))
	field("Also known as", strings.Join(v.Aliases, ", "))
	field("Industries", strings.Join(v.Industries, ", "))
	if len(v.Domains) > 0 {
		heading(SecDomains)
		for _, d := range v.Domains {
			c := d.Category
			if c == "" {
				c = v.Category
			}
			s := d.Host + " (" + c.Title()
			if d.Shared {
				s += ", shared"
			}
			bullet(s + ")")
		}
	}
	if len(v.FAQ) > 0 {
		heading(SecFAQ)
		for i, f := range v.FAQ {
			if i > 0 {
				b.WriteByte('\n')
			}
			para("", "Q: "+f.Question)
			a := f.Body()
			if f.Short != "" {
				a = f.Short.Title() + ". " + a
			}
			para("", "A: "+a)
		}
	}
	if len(v.Related) > 0 {
		heading(SecRelated)
		for _, r := range v.Related {
			bullet(r)
		}
	}
	if len(v.Sources) > 0 {
		heading(SecSources)
		for _, s := range v.Sources {
			line := s.Name
			if s.URL != "" {
				line += " <" + s.URL + ">"
			}
			if s.Checked != "" {
				line += ", checked " + s.Checked
			}
			if s.Note != "" {
				line += ": " + s.Note
			}
			bullet(line)
		}
	}
	if len(v.Provenance) > 0 {
		heading(SecProvenance)
		for _, p := range v.Provenance {
			bullet(p.Field + " " + p.Value + ": " + p.Source)
		}
	}
	return b.String()
}

// Wrap breaks s into lines of at most width runes at spaces, indenting
// continuation lines with indent. A word longer than a line is split.
func Wrap(s string, width int, indent string) string {
	if width <= len(indent)+1 {
		width = len(indent) + 2
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	col := 0
	lineStart := true
	for _, w := range words {
		for utf8.RuneCountInString(w) > width-len(indent) && width-len(indent) > 1 {
			// Split an over-long word (a URL, a host) across lines.
			if !lineStart {
				b.WriteString("\n" + indent)
				col = len(indent)
			}
			room := width - col
			r := []rune(w)
			b.WriteString(string(r[:room]))
			w = string(r[room:])
			b.WriteString("\n" + indent)
			col = len(indent)
			lineStart = true
		}
		n := utf8.RuneCountInString(w)
		switch {
		case lineStart:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
		lineStart = false
	}
	return b.String()
}
