package data

import "strings"

// SourcedVendor is one layer's record of a vendor, with the layer it came
// from ("user:vendors.json", "embedded", "import:tracker-radar:entities.json").
type SourcedVendor struct {
	Source string
	Vendor Vendor
}

// EmbeddedSource names the embedded catalogue in provenance records.
const EmbeddedSource = "embedded"

// Merge combines the records of one vendor, given highest precedence first.
// The first record's facts stand; later records only fill fields it leaves
// empty and add list items it does not have (domains, scripts, storage
// keys, aliases, ...). They never overwrite. When more than one layer, or a
// layer other than the embedded catalogue, contributes, each domain,
// script, storage key, alias and category is recorded in Provenance.
func Merge(records []SourcedVendor) Vendor {
	if len(records) == 0 {
		return Vendor{}
	}
	out := cloneVendor(records[0].Vendor)
	out.Provenance = nil
	track := len(records) > 1 || records[0].Source != EmbeddedSource
	var prov []Provenance
	note := func(field, value, source string) {
		if track {
			prov = append(prov, Provenance{Field: field, Value: value, Source: source})
		}
	}
	first := records[0]
	note("name", first.Vendor.Name, first.Source)
	if first.Vendor.Category != "" {
		note("category", string(first.Vendor.Category), first.Source)
	}
	for _, d := range first.Vendor.Domains {
		note("domains", d.Host, first.Source)
	}
	for _, s := range first.Vendor.Scripts {
		note("scripts", s.Host+s.Path, first.Source)
	}
	for _, st := range first.Vendor.Storage {
		note("storage", st.Name, first.Source)
	}
	for _, a := range first.Vendor.Aliases {
		note("aliases", a, first.Source)
	}

	for _, r := range records[1:] {
		v, src := r.Vendor, r.Source
		fill(&out.Name, v.Name)
		fill(&out.Owner, v.Owner)
		fill(&out.Summary, v.Summary)
		fill(&out.Overview, v.Overview)
		fill(&out.Website, v.Website)
		fill(&out.PrivacyPolicy, v.PrivacyPolicy)
		fill(&out.Compliance.GDPR, v.Compliance.GDPR)
		fill(&out.Compliance.CCPA, v.Compliance.CCPA)
		fill(&out.Compliance.DataResidency, v.Compliance.DataResidency)
		fill(&out.Compliance.Transfers, v.Compliance.Transfers)
		if out.Compliance.Role == "" {
			out.Compliance.Role = v.Compliance.Role
		}
		if out.Category == "" && v.Category != "" {
			out.Category = v.Category
			note("category", string(v.Category), src)
		} else if v.Category != "" && v.Category != out.Category && !hasCategory(out.Categories, v.Category) {
			out.Categories = append(out.Categories, v.Category)
			note("categories", string(v.Category), src)
		}
		for _, c := range v.Categories {
			if c != out.Category && !hasCategory(out.Categories, c) {
				out.Categories = append(out.Categories, c)
				note("categories", string(c), src)
			}
		}
		if (out.SetsCookies == "" || out.SetsCookies == Unknown) && v.SetsCookies != "" && v.SetsCookies != Unknown {
			out.SetsCookies = v.SetsCookies
		}
		if out.ConsentRequired.Value == "" {
			out.ConsentRequired = v.ConsentRequired
		}
		if out.BlockBeforeConsent.Value == "" {
			out.BlockBeforeConsent = v.BlockBeforeConsent
		}
		for _, a := range v.Aliases {
			if !ContainsFold(out.Aliases, a) && !strings.EqualFold(a, out.Name) {
				out.Aliases = append(out.Aliases, a)
				note("aliases", a, src)
			}
		}
		out.Products = addStrings(out.Products, v.Products)
		out.Industries = addStrings(out.Industries, v.Industries)
		out.DataCollected = addStrings(out.DataCollected, v.DataCollected)
		out.SeenCategories = addStrings(out.SeenCategories, v.SeenCategories)
		out.Related = addStrings(out.Related, v.Related)
		out.Unpublished = addStrings(out.Unpublished, v.Unpublished)
		for _, d := range v.Domains {
			if !HasDomain(out.Domains, d.Host) {
				out.Domains = append(out.Domains, d)
				note("domains", d.Host, src)
			}
		}
		for _, s := range v.Scripts {
			if !hasScript(out.Scripts, s) {
				out.Scripts = append(out.Scripts, s)
				note("scripts", s.Host+s.Path, src)
			}
		}
		for _, c := range v.Connections {
			if !hasConnection(out.Connections, c) {
				out.Connections = append(out.Connections, c)
			}
		}
		for _, st := range v.Storage {
			if !HasStorage(out.Storage, st) {
				out.Storage = append(out.Storage, st)
				note("storage", st.Name, src)
			}
		}
		for _, p := range v.Permissions {
			if !hasPermission(out.Permissions, p.Name) {
				out.Permissions = append(out.Permissions, p)
			}
		}
		for _, f := range v.FAQ {
			if !hasFAQ(out.FAQ, f.Question) {
				out.FAQ = append(out.FAQ, f)
			}
		}
		for _, s := range v.Sources {
			// The same source from two records (the IAB list and a vendor
			// info file both name "IAB TCF vendor 57") is listed once, with
			// what either says of it.
			if i := sameSource(out.Sources, s); i >= 0 {
				fill(&out.Sources[i].URL, s.URL)
				fill(&out.Sources[i].Checked, s.Checked)
				fill(&out.Sources[i].Note, s.Note)
				continue
			}
			out.Sources = append(out.Sources, s)
		}
	}
	out.Provenance = prov
	return out
}

func cloneVendor(v Vendor) Vendor {
	c := v
	c.Aliases = append([]string(nil), v.Aliases...)
	c.Products = append([]string(nil), v.Products...)
	c.Industries = append([]string(nil), v.Industries...)
	c.Categories = append([]Category(nil), v.Categories...)
	c.Domains = append([]Domain(nil), v.Domains...)
	c.Scripts = append([]Script(nil), v.Scripts...)
	c.Connections = append([]Connection(nil), v.Connections...)
	c.DataCollected = append([]string(nil), v.DataCollected...)
	c.Storage = append([]StorageItem(nil), v.Storage...)
	c.Permissions = append([]Permission(nil), v.Permissions...)
	c.FAQ = append([]FAQ(nil), v.FAQ...)
	c.Related = append([]string(nil), v.Related...)
	c.Sources = append([]Source(nil), v.Sources...)
	c.SeenCategories = append([]string(nil), v.SeenCategories...)
	c.Unpublished = append([]string(nil), v.Unpublished...)
	return c
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// ContainsFold reports whether list has s, ignoring case.
func ContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func addStrings(dst, src []string) []string {
	for _, s := range src {
		if !ContainsFold(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

func hasCategory(list []Category, c Category) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// HasDomain reports whether list has host.
func HasDomain(list []Domain, host string) bool {
	for _, d := range list {
		if d.Host == host {
			return true
		}
	}
	return false
}

func hasScript(list []Script, s Script) bool {
	for _, x := range list {
		if x.Host == s.Host && x.Path == s.Path {
			return true
		}
	}
	return false
}

func hasConnection(list []Connection, c Connection) bool {
	for _, x := range list {
		if x.Kind == c.Kind && x.Description == c.Description {
			return true
		}
	}
	return false
}

// HasStorage reports whether list has an item of st's kind and name.
func HasStorage(list []StorageItem, st StorageItem) bool {
	for _, x := range list {
		if x.Kind == st.Kind && x.Name == st.Name {
			return true
		}
	}
	return false
}

func hasPermission(list []Permission, p PermissionName) bool {
	for _, x := range list {
		if x.Name == p {
			return true
		}
	}
	return false
}

func hasFAQ(list []FAQ, q string) bool {
	for _, x := range list {
		if strings.EqualFold(x.Question, q) {
			return true
		}
	}
	return false
}

// sameSource is the index in list of a source of the same name whose URL,
// if both have one, is the same; or -1.
func sameSource(list []Source, s Source) int {
	for i, x := range list {
		if x.Name == s.Name && (x.URL == s.URL || x.URL == "" || s.URL == "") {
			return i
		}
	}
	return -1
}

func hasSource(list []Source, s Source) bool {
	for _, x := range list {
		if x.Name == s.Name && x.URL == s.URL {
			return true
		}
	}
	return false
}

// FromImportsOnly reports whether every fact of a merged record came from
// imported datasets: neither the embedded catalogue nor the user's files
// know the vendor. Lists put such vendors after the curated ones.
func (v *Vendor) FromImportsOnly() bool {
	if len(v.Provenance) == 0 {
		return false // the embedded catalogue alone records no provenance
	}
	for _, p := range v.Provenance {
		if !strings.HasPrefix(p.Source, "import:") {
			return false
		}
	}
	return true
}

// NormalizeName folds a vendor name or alias for lookups: lower case,
// inner runs of spaces, hyphens, dots and underscores collapsed to one
// space, so "Google-Analytics", "google analytics" and "Google  Analytics"
// meet.
func NormalizeName(s string) string {
	if n, ok := normalizeASCIIName(s); ok {
		return n
	}
	s = strings.ToLower(strings.TrimSpace(s))
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '.' || r == '\t' || r == '/'
	})
	return strings.Join(f, " ")
}

// normalizeASCIIName is NormalizeName for an ASCII name, in one pass and,
// when the name is already normal, without allocating: imports normalise
// every row's vendor name.
func normalizeASCIIName(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return "", false
		}
	}
	s = strings.TrimSpace(s)
	normal := true
	for i := 0; i < len(s) && normal; i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c == '-', c == '_', c == '.', c == '\t', c == '/':
			normal = false
		case c == ' ':
			normal = i > 0 && i < len(s)-1 && s[i+1] != ' '
		}
	}
	if normal {
		return s, true
	}
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '-', '_', '.', '\t', '/':
			gap = true
			continue
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b), true
}

// WordPrefixFold reports whether a word of s starts with q, ignoring
// case: "ADARA MEDIA" and "x-adara.com" have a word starting with
// "adara", "Sportradar" does not. Words start at the beginning and after
// a space or punctuation. Searches rank such a match above a looser one.
func WordPrefixFold(s, q string) bool {
	if q == "" || len(q) > len(s) {
		return false
	}
	ascii := true
	for i := 0; i < len(q); i++ {
		ascii = ascii && q[i] < 0x80 && !('A' <= q[i] && q[i] <= 'Z')
	}
	for i := 0; i+len(q) <= len(s); i++ {
		if i > 0 {
			switch s[i-1] {
			case ' ', '.', '-', '_', '(', '/', ',', '&', ':':
			default:
				continue
			}
		}
		if ascii {
			// The common case, checked on every result of a keystroke: a
			// lower-case ASCII query against s byte by byte.
			j := 0
			for ; j < len(q); j++ {
				c := s[i+j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if c != q[j] {
					break
				}
			}
			if j == len(q) {
				return true
			}
		} else if strings.EqualFold(s[i:i+len(q)], q) {
			return true
		}
	}
	return false
}
