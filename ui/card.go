package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/vendex/vendex/data"
)

// RenderCard renders the vendor card for a terminal, styled, wrapped to
// width columns, every section of the record in the order of a vendor page.
// Related vendors show as their ids. Text is cleaned of terminal escapes.
func RenderCard(v data.Vendor, width int) string {
	doc := renderCard(v.Cleaned(), width, DefaultStyles(), nil, -1)
	return strings.Join(doc.lines, "\n")
}

// cardDoc is a rendered card: its lines, and the line each followable
// related vendor sits on.
type cardDoc struct {
	lines     []string
	links     []string // ids of the related vendors one can follow
	linkLines []int
	// verdictEnd is the line after the category and the verdicts: a view
	// shorter than this pins a compact verdict instead (see compactVerdict).
	verdictEnd int
}

// resolver names a vendor id, or reports that it is not in the catalogue.
type resolver func(id string) (name string, ok bool)

// renderCard renders v (already cleaned) at width; focus is the index of
// the focused link, or -1.
func renderCard(v data.Vendor, width int, st Styles, resolve resolver, focus int) cardDoc {
	width = max(width, 8)
	var doc cardDoc
	add := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			doc.lines = append(doc.lines, ansi.Truncate(l, width, "…"))
		}
	}
	blank := func() { doc.lines = append(doc.lines, "") }
	// para wraps text under an indent; paragraphs keep their blank lines.
	para := func(indent int, s string) {
		if s == "" {
			return
		}
		pad := strings.Repeat(" ", indent)
		w := max(4, width-indent)
		for _, p := range strings.Split(s, "\n") {
			if strings.TrimSpace(p) == "" {
				blank()
				continue
			}
			for _, l := range strings.Split(ansi.Wrap(p, w, ""), "\n") {
				add(pad + strings.TrimRight(l, " "))
			}
		}
	}
	// field is "Label: value", wrapped with a hanging indent.
	field := func(indent int, label, value string) {
		if value == "" {
			return
		}
		pad := strings.Repeat(" ", indent)
		w := max(4, width-indent)
		lines := strings.Split(ansi.Wrap(label+": "+value, w, ""), "\n")
		for i, l := range lines {
			l = strings.TrimRight(l, " ")
			if i == 0 && strings.HasPrefix(l, label+":") {
				l = st.Label.Render(label+":") + l[len(label)+1:]
			}
			add(pad + l)
		}
	}
	section := func(title string) {
		blank()
		add(st.Section.Render(strings.ToUpper(title)))
	}

	// Title, owner, and the verdict that matters most, up front.
	add(st.Title.Render(v.Name))
	if v.Owner != "" && v.Owner != v.Name {
		add(st.Subtle.Render(v.Owner))
	}
	blank()
	verdict := []string{
		st.Badge(v.Category).Bold(true).Render(v.Category.Title()),
		"Block before consent: " + verdictText(st, v.BlockBeforeConsent.Value),
		"Consent required: " + verdictText(st, v.ConsentRequired.Value),
	}
	inner := width - st.Verdict.GetHorizontalFrameSize()
	if inner >= 16 {
		var vb strings.Builder
		summary := ansi.Wrap(strings.Join(verdict, "  ·  "), inner, "")
		vb.WriteString(summary)
		// under the box's top border
		doc.verdictEnd = len(doc.lines) + 1 + strings.Count(summary, "\n") + 1
		if r := v.BlockBeforeConsent.Reason; r != "" {
			vb.WriteString("\n" + ansi.Wrap(r, inner, ""))
		}
		if a := v.BlockBeforeConsent.Advice; a != "" {
			vb.WriteString("\n" + ansi.Wrap(st.Label.Render("Advice: ")+a, inner, ""))
		}
		add(st.Verdict.Width(inner + st.Verdict.GetHorizontalPadding()).Render(vb.String()))
	} else {
		for _, l := range verdict {
			para(0, l)
		}
		doc.verdictEnd = len(doc.lines)
		para(0, v.BlockBeforeConsent.Reason)
	}
	blank()
	para(0, v.Summary)

	if v.Overview != "" {
		section(data.SecOverview)
		para(2, v.Overview)
	}

	if len(v.Scripts)+len(v.Connections)+len(v.DataCollected) > 0 {
		section(data.SecWhatItDoes)
		for _, s := range v.Scripts {
			name := s.Name
			if name == "" {
				name = "Script"
			}
			add("  " + st.Title.Render(ansi.Truncate(name, width-2, "…")))
			para(4, s.SourceString())
			para(4, s.Description)
		}
		for _, c := range v.Connections {
			label := c.Kind
			if len(c.Hosts) > 0 {
				label += " (" + strings.Join(c.Hosts, ", ") + ")"
			}
			field(2, label, c.Description)
		}
		if len(v.DataCollected) > 0 {
			add("  " + st.Label.Render("Data it collects:"))
			for _, d := range v.DataCollected {
				para(4, "• "+d)
			}
		}
	}

	section(data.SecStorage)
	field(2, "Sets HTTP cookies", v.SetsCookies.Title())
	if len(v.Storage) == 0 {
		para(2, data.NoStorageText(v))
	} else {
		storageTable(&doc, v.Storage, width, st, para)
	}

	section(data.SecPermissions)
	if len(v.Permissions) == 0 {
		para(2, "It asks for no browser permissions.")
	}
	for _, p := range v.Permissions {
		field(2, string(p.Name), p.When)
	}

	section(data.SecCompliance)
	field(2, "Consent required", v.ConsentRequired.Value.Title())
	para(4, v.ConsentRequired.Reason)
	para(4, v.ConsentRequired.Advice)
	field(2, "Block before consent", v.BlockBeforeConsent.Value.Title())
	field(2, "GDPR", v.Compliance.GDPR)
	field(2, "CCPA", v.Compliance.CCPA)
	if v.Compliance.Role != "" {
		field(2, "Role", v.Compliance.Role.Title())
	}
	field(2, "Data residency", v.Compliance.DataResidency)
	field(2, "Transfers", v.Compliance.Transfers)

	section(data.SecDetails)
	field(2, "Owner", v.Owner)
	field(2, "Website", v.Website)
	field(2, "Privacy policy", v.PrivacyPolicy)
	if v.PrivacyPolicy == "" && v.IsUnpublished("privacy_policy") {
		field(2, "Privacy policy", "not published by the vendor")
	}
	field(2, "Aliases", strings.Join(v.Aliases, ", "))
	field(2, "Products", strings.Join(v.Products, ", "))
	field(2, "Industries", strings.Join(v.Industries, ", "))
	if len(v.Categories) > 0 {
		cs := make([]string, len(v.Categories))
		for i, c := range v.Categories {
			cs[i] = c.Title()
		}
		field(2, "Also in", strings.Join(cs, ", "))
	}
	field(2, "Also seen as", strings.Join(v.SeenCategories, ", "))

	section(data.SecDomains)
	if len(v.Domains) == 0 {
		para(2, "No domains are recorded.")
	}
	for _, d := range v.Domains {
		line := d.Host
		var notes []string
		if d.Category != "" && d.Category != v.Category {
			notes = append(notes, d.Category.Title())
		}
		if d.Shared {
			notes = append(notes, "shared")
		}
		if d.Note != "" {
			notes = append(notes, d.Note)
		}
		if len(notes) > 0 {
			line += st.Subtle.Render(" (" + strings.Join(notes, "; ") + ")")
		}
		para(2, line)
	}

	if len(v.FAQ) > 0 {
		section(data.SecFAQ)
		for i, f := range v.FAQ {
			if i > 0 {
				blank()
			}
			q := f.Question
			if f.Short != "" {
				q += " " + verdictText(st, f.Short)
			}
			para(2, st.Title.Render("Q: ")+q)
			para(2, f.Body())
		}
	}

	section(data.SecRelated)
	if len(v.Related) == 0 {
		para(2, "None recorded.")
	}
	for _, id := range v.Related {
		if resolve == nil { // a card on its own: no links to follow
			add("  • " + ansi.Truncate(id, width-4, "…"))
			continue
		}
		name, ok := resolve(id)
		if !ok {
			add("    " + st.Subtle.Render(ansi.Truncate(id+" (not in the catalogue)", width-4, "…")))
			continue
		}
		n := len(doc.links)
		doc.links = append(doc.links, id)
		doc.linkLines = append(doc.linkLines, len(doc.lines))
		if n == focus {
			add("  ▸ " + st.LinkFocus.Render(ansi.Truncate(name, width-4, "…")))
		} else {
			add("  → " + st.Link.Render(ansi.Truncate(name, width-4, "…")))
		}
	}

	if len(v.Sources) > 0 {
		section(data.SecSources)
		for _, s := range v.Sources {
			line := s.Name
			if s.URL != "" {
				line += " " + s.URL
			}
			if s.Checked != "" {
				line += st.Subtle.Render(" (checked " + s.Checked + ")")
			}
			para(2, line)
			para(4, s.Note)
		}
	}
	if len(v.Provenance) > 0 {
		section(data.SecProvenance)
		for _, p := range v.Provenance {
			para(2, fmt.Sprintf("%s %s: %s", p.Field, p.Value, p.Source))
		}
	}
	return doc
}

// storageTable lays out storage as columns when there is room, else one
// item per block.
func storageTable(doc *cardDoc, items []data.StorageItem, width int, st Styles, para func(int, string)) {
	kindW, nameW, lifeW := 14, 24, 12
	purposeW := width - 2 - kindW - nameW - lifeW
	if purposeW < 16 {
		for _, s := range items {
			para(2, st.Title.Render(s.Name)+st.Subtle.Render(" "+string(s.Kind)+", "+s.Lifetime.String()))
			para(4, s.Purpose)
		}
		return
	}
	cell := func(s string, w int) string { return padRight(ansi.Truncate(s, w-1, "…"), w) }
	doc.lines = append(doc.lines, "  "+st.Label.Render(cell("Kind", kindW)+cell("Name", nameW)+cell("Lifetime", lifeW)+"Purpose"))
	for _, s := range items {
		purpose := strings.Split(ansi.Wrap(s.Purpose, purposeW, ""), "\n")
		head := "  " + cell(string(s.Kind), kindW) + cell(s.Name, nameW) + cell(s.Lifetime.String(), lifeW)
		for i, p := range purpose {
			if i > 0 {
				head = strings.Repeat(" ", 2+kindW+nameW+lifeW)
			}
			doc.lines = append(doc.lines, ansi.Truncate(head+strings.TrimRight(p, " "), width, "…"))
		}
	}
}

// compactVerdict is the category and the block verdict in as few lines as
// width allows (one, or two when room is at least 3 lines), for a view too
// short to show the verdict box: the answer a reader came for stays on
// screen at any size.
func compactVerdict(v data.Vendor, st Styles, width, room int) []string {
	cat := func(s string) string { return st.Badge(v.Category).Bold(true).Render(s) }
	ans := verdictText(st, v.BlockBeforeConsent.Value)
	sep := st.Subtle.Render(" · ")
	title, short := v.Category.Title(), badgeLabel(v.Category)
	if l, ok := firstFitting(width,
		cat(title)+sep+"Block before consent: "+ans,
		cat(title)+sep+"block: "+ans,
		cat(short)+sep+"block: "+ans); ok {
		return []string{l}
	}
	if room >= 2 {
		l1, _ := firstFitting(width, cat(title), cat(short))
		l2, _ := firstFitting(width, "Block before consent: "+ans, "Block: "+ans)
		return []string{l1, l2}
	}
	l, _ := firstFitting(width, cat(short)+" block:"+ans)
	return []string{l}
}

// firstFitting is the first of lines no wider than width, or the last one
// cut to width.
func firstFitting(width int, lines ...string) (string, bool) {
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			return l, true
		}
	}
	return ansi.Truncate(lines[len(lines)-1], width, "…"), false
}

func verdictText(st Styles, a data.Answer) string {
	switch a {
	case data.AnswerYes:
		return st.Error.Render(a.Title())
	case data.AnswerNo:
		return st.OK.Render(a.Title())
	}
	return st.Title.Render(a.Title())
}
