package data

import "slices"

// Cleaned returns a copy of v whose every string is safe to show on a
// terminal: CleanText for paragraphs, CleanLine for the rest, enums
// included (an import may carry a value outside them). The original is
// not modified.
func (v Vendor) Cleaned() Vendor {
	l := CleanLine
	t := CleanText
	v.ID, v.Name, v.Owner = l(v.ID), l(v.Name), l(v.Owner)
	v.Aliases = mapStrings(v.Aliases, l)
	v.Summary, v.Overview = t(v.Summary), t(v.Overview)
	v.Website, v.PrivacyPolicy = l(v.Website), l(v.PrivacyPolicy)
	v.Products, v.Industries = mapStrings(v.Products, l), mapStrings(v.Industries, l)
	v.Category = Category(l(string(v.Category)))
	v.Categories = slices.Clone(v.Categories)
	for i := range v.Categories {
		v.Categories[i] = Category(l(string(v.Categories[i])))
	}
	v.Domains = slices.Clone(v.Domains)
	for i := range v.Domains {
		d := &v.Domains[i]
		d.Host, d.Note, d.Category = l(d.Host), l(d.Note), Category(l(string(d.Category)))
	}
	v.Scripts = slices.Clone(v.Scripts)
	for i := range v.Scripts {
		s := &v.Scripts[i]
		s.Name, s.Host, s.Path, s.Description = l(s.Name), l(s.Host), l(s.Path), l(s.Description)
	}
	v.Connections = slices.Clone(v.Connections)
	for i := range v.Connections {
		c := &v.Connections[i]
		c.Kind, c.Description, c.Hosts = l(c.Kind), l(c.Description), mapStrings(c.Hosts, l)
	}
	v.DataCollected = mapStrings(v.DataCollected, l)
	v.SetsCookies = Tristate(l(string(v.SetsCookies)))
	v.Storage = slices.Clone(v.Storage)
	for i := range v.Storage {
		s := &v.Storage[i]
		s.Kind, s.Name, s.Party, s.Purpose = StorageKind(l(string(s.Kind))), l(s.Name), Party(l(string(s.Party))), l(s.Purpose)
		s.Category = Category(l(string(s.Category)))
	}
	v.Permissions = slices.Clone(v.Permissions)
	for i := range v.Permissions {
		p := &v.Permissions[i]
		p.Name, p.When = PermissionName(l(string(p.Name))), l(p.When)
	}
	c := &v.Compliance
	c.GDPR, c.CCPA, c.Role, c.DataResidency, c.Transfers = t(c.GDPR), t(c.CCPA), Role(l(string(c.Role))), l(c.DataResidency), t(c.Transfers)
	cleanVerdict := func(x Verdict) Verdict {
		return Verdict{Value: Answer(l(string(x.Value))), Reason: t(x.Reason), Advice: t(x.Advice)}
	}
	v.ConsentRequired, v.BlockBeforeConsent = cleanVerdict(v.ConsentRequired), cleanVerdict(v.BlockBeforeConsent)
	v.FAQ = slices.Clone(v.FAQ)
	for i := range v.FAQ {
		f := &v.FAQ[i]
		f.Question, f.Short, f.Answer = l(f.Question), Answer(l(string(f.Short))), t(f.Answer)
	}
	v.Related = mapStrings(v.Related, l)
	v.Sources = slices.Clone(v.Sources)
	for i := range v.Sources {
		s := &v.Sources[i]
		s.Name, s.URL, s.Checked, s.Note = l(s.Name), l(s.URL), l(s.Checked), l(s.Note)
	}
	v.Provenance = slices.Clone(v.Provenance)
	for i := range v.Provenance {
		p := &v.Provenance[i]
		p.Field, p.Value, p.Source = l(p.Field), l(p.Value), l(p.Source)
	}
	v.SeenCategories = mapStrings(v.SeenCategories, l)
	v.Unpublished = mapStrings(v.Unpublished, l)
	return v
}

func mapStrings(ss []string, f func(string) string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}
