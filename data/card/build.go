package card

import (
	"strings"

	"github.com/vendex/vendex/data"
)

// Names gives a related vendor's display name, or false when the catalogue
// has no vendor of that id.
type Names func(id string) (name string, ok bool)

// Build makes v's card. names turns related vendors' ids into names; with
// nil names, related vendors are listed by id.
func Build(v data.Vendor, names Names) Card {
	v = v.Cleaned()
	c := Card{
		ID: v.ID, Name: v.Name, Owner: v.Owner, Summary: v.Summary,
		Category: v.Category, Verdict: v.BlockBeforeConsent,
		Facts: []Fact{
			{Label: "Consent category", Value: v.Category.Title()},
			{Label: "Block before consent", Value: v.BlockBeforeConsent.Value.Title(), Answer: v.BlockBeforeConsent.Value},
			{Label: "Consent required", Value: v.ConsentRequired.Value.Title(), Answer: v.ConsentRequired.Value},
			{Label: "Sets HTTP cookies", Value: v.SetsCookies.Title()},
		},
	}
	for _, s := range []Section{
		{SecOverview, overview(v)},
		{SecWhatItDoes, whatItDoes(v)},
		{SecStorage, storage(v)},
		{SecPermissions, permissions(v)},
		{SecCompliance, compliance(v)},
		{SecBlock, []Block{blockAnswer(v)}},
		{SecDetails, details(v)},
		{SecDomains, domains(v)},
		{SecFAQ, faq(v)},
		{SecRelated, related(v, names)},
		{SecSources, sources(v)},
		{SecProvenance, provenance(v)},
	} {
		if len(s.Blocks) > 0 {
			c.Sections = append(c.Sections, s)
		}
	}
	return c
}

// blockAnswer is the card's answer to "should you block it before
// consent?": the vendor's verdict, or for a vendor not judged (an
// imported one its category does not decide) what to do until it is.
func blockAnswer(v data.Vendor) Answer {
	a := Answer{v.BlockBeforeConsent}
	if a.Value != "" {
		return a
	}
	if a.Reason == "" {
		a.Reason = "No verdict is recorded for it, and its consent category (" + strings.ToLower(v.Category.Title()) + ") does not decide one."
	}
	if a.Advice == "" {
		a.Advice = "Until it is judged, treat it as needing consent: load it only after the visitor agrees. To record a verdict, export its card (vendex export --format json " + v.ID + "), set block_before_consent, and import the file."
	}
	return a
}

// Section returns the card's section id, if it has one.
func (c Card) Section(id SectionID) (Section, bool) {
	for _, s := range c.Sections {
		if s.ID == id {
			return s, true
		}
	}
	return Section{}, false
}

func overview(v data.Vendor) []Block {
	if v.Overview == "" {
		return nil
	}
	return []Block{Prose{v.Overview}}
}

func whatItDoes(v data.Vendor) []Block {
	var out []Block
	if len(v.Scripts) > 0 {
		l := make(List, len(v.Scripts))
		for i, s := range v.Scripts {
			l[i] = Item{Lead: s.Name, Code: []string{s.SourceString()}, Text: s.Description}
		}
		out = append(out, Heading{"What pages load from it"}, l)
	}
	if len(v.Connections) > 0 {
		l := make(List, len(v.Connections))
		for i, c := range v.Connections {
			l[i] = Item{Lead: c.Kind, Code: c.Hosts, Text: c.Description}
		}
		out = append(out, Heading{"Connections it opens"}, l)
	}
	if len(v.DataCollected) > 0 {
		l := make(List, len(v.DataCollected))
		for i, d := range v.DataCollected {
			l[i] = Item{Text: d}
		}
		out = append(out, Heading{"Data it collects"}, l)
	}
	return out
}

// storage always has something to say: an empty table is explained.
func storage(v data.Vendor) []Block {
	out := []Block{Fields{{Label: "Sets HTTP cookies", Value: v.SetsCookies.Title()}}}
	if len(v.Storage) == 0 {
		return append(out, Prose{NoStorageText(v)})
	}
	t := Table{Columns: []Column{{Title: "Kind"}, {Title: "Name", Code: true}, {Title: "Party"}, {Title: "Lifetime"}, {Title: "Purpose", Wide: true}}}
	for _, s := range v.Storage {
		t.Rows = append(t.Rows, []string{string(s.Kind), s.Name, s.PartyTitle(), s.Lifetime.String(), s.Purpose})
	}
	return append(out, t)
}

// NoStorageText explains an empty storage table.
func NoStorageText(v data.Vendor) string {
	switch {
	case v.IsUnpublished("storage"):
		return "It sets cookies, but the vendor does not publish their names or lifetimes."
	case v.SetsCookies == data.No:
		return "It sets no cookies, and no other browser storage is recorded for it."
	}
	if s := notRecorded(v, "what browser storage it uses"); s != "" {
		return s
	}
	return "The catalogue records no browser storage for this vendor."
}

// notRecorded is the rule for a field a card leaves empty: the embedded
// catalogue records every field of its vendors, so its silence says there
// is nothing (no permissions, no storage); a card the catalogue has no
// part in says nothing either way, and its empty field is "Not recorded",
// naming the sources that do not say what. It returns "" for a card the
// catalogue has a part in.
func notRecorded(v data.Vendor, what string) string {
	if len(v.Provenance) == 0 {
		return "" // the embedded catalogue's card alone
	}
	var user, imported bool
	for _, p := range v.Provenance {
		switch {
		case p.Source == data.EmbeddedSource:
			return ""
		case p.Source == data.CaptureSource:
			return "Not known: no card in the catalogue names this host, so vendex cannot say " + what + "."
		case data.UserSource(p.Source):
			user = true
		case data.ImportedSource(p.Source):
			imported = true
		}
	}
	switch {
	case user && imported:
		return "Not recorded: neither your vendor file nor the datasets this vendor was imported from say " + what + "."
	case user:
		return "Not recorded: your vendor file does not say " + what + "."
	}
	return "Not recorded: the datasets this vendor was imported from do not say " + what + "."
}

func permissions(v data.Vendor) []Block {
	if len(v.Permissions) == 0 {
		return []Block{Prose{NoPermissionsText(v)}}
	}
	l := make(List, len(v.Permissions))
	for i, p := range v.Permissions {
		l[i] = Item{Lead: string(p.Name), Text: p.When}
	}
	return []Block{l}
}

// NoPermissionsText explains an empty permissions section: the catalogue
// records the permissions each of its vendors asks for, while no dataset
// an import reads says anything about them, and a user's card may not
// (notRecordedBy).
func NoPermissionsText(v data.Vendor) string {
	if s := notRecorded(v, "which browser permissions it asks for"); s != "" {
		return s
	}
	return "It asks for no browser permissions."
}

func compliance(v data.Vendor) []Block {
	// A further category an import added is a dataset's filing, not the
	// card's: said apart, so Popads does not read as partly strictly
	// necessary because Tracker Radar's domain index files one of its
	// hosts so.
	own, imported := v.CategoriesByOrigin()
	category := v.Category.Title()
	if len(own) > 0 {
		category += " (also: " + categoryTitles(own) + ")"
	}
	fs := Fields{{Label: "Consent category", Value: category}}
	if seen := append(titles(imported), v.SeenCategories...); len(seen) > 0 { // titles' slice is new: append cannot touch v
		fs = append(fs, Field{Label: "Other categories in imported datasets", Value: strings.Join(seen, ", ")})
	}
	fs = append(fs, Field{
		Label: "Consent required", Value: v.ConsentRequired.Value.Title(), Answer: v.ConsentRequired.Value,
		Detail: nonEmpty(v.ConsentRequired.Reason, v.ConsentRequired.Advice),
	})
	role := ""
	if v.Compliance.Role != "" {
		role = v.Compliance.Role.Title()
	}
	fs = appendFields(fs,
		"GDPR and ePrivacy", v.Compliance.GDPR,
		"CCPA/CPRA", v.Compliance.CCPA,
		"Role", role,
		"Data residency", v.Compliance.DataResidency,
		"International transfers", v.Compliance.Transfers)
	return []Block{fs}
}

func details(v data.Vendor) []Block {
	var fs Fields
	fs = appendFields(fs, "Owner", v.Owner, "Retired", v.Retired)
	if v.Website != "" {
		fs = append(fs, Field{Label: "Website", Value: v.Website, URL: true})
	}
	switch {
	case v.PrivacyPolicy != "":
		fs = append(fs, Field{Label: "Privacy policy", Value: v.PrivacyPolicy, URL: true})
	case v.IsUnpublished("privacy_policy"):
		fs = append(fs, Field{Label: "Privacy policy", Value: "not published by the vendor"})
	}
	fs = appendFields(fs,
		"Products", strings.Join(v.Products, ", "),
		"Also known as", strings.Join(v.Aliases, ", "),
		"Industries", strings.Join(v.Industries, ", "))
	if len(fs) == 0 {
		return nil
	}
	return []Block{fs}
}

// domains always says something: a vendor with no domain cannot be found
// by a lookup, which is worth knowing.
func domains(v data.Vendor) []Block {
	if len(v.Domains) == 0 {
		return []Block{Prose{"No domains are recorded."}}
	}
	t := Table{Columns: []Column{{Title: "Domain", Code: true}, {Title: "Category"}, {Title: "Notes", Wide: true}}}
	for _, d := range v.Domains {
		c := d.Category
		if c == "" {
			c = v.Category
		}
		var notes []string
		if d.Shared {
			notes = append(notes, "shared with other vendors")
		}
		if d.Note != "" {
			notes = append(notes, d.Note)
		}
		host := d.Host
		if u := data.UnicodeHost(host); u != host {
			host = u + " (" + d.Host + ")" // as read, and as a blocklist needs it
		}
		t.Rows = append(t.Rows, []string{host, c.Title(), strings.Join(notes, "; ")})
	}
	return []Block{t}
}

func faq(v data.Vendor) []Block {
	var out []Block
	for _, f := range v.FAQ {
		out = append(out, QA{Question: f.Question, Short: f.PrintedShort(), Answer: f.Body()})
	}
	return out
}

func related(v data.Vendor, names Names) []Block {
	if len(v.Related) == 0 {
		return nil
	}
	ls := make(Links, len(v.Related))
	for i, id := range v.Related {
		ls[i] = Link{ID: id, Name: id, Known: true}
		if names != nil {
			name, ok := names(id)
			ls[i].Known = ok
			if ok && name != "" {
				ls[i].Name = data.CleanLine(name)
			}
		}
	}
	return []Block{ls}
}

func sources(v data.Vendor) []Block {
	if len(v.Sources) == 0 {
		return nil
	}
	l := make(List, len(v.Sources))
	for i, s := range v.Sources {
		l[i] = Item{Lead: s.Name, URL: s.URL, Text: s.Note}
		if s.Checked != "" {
			l[i].Note = "checked " + s.Checked
		}
	}
	return []Block{l}
}

func provenance(v data.Vendor) []Block {
	if len(v.Provenance) == 0 {
		return nil
	}
	t := Table{Columns: []Column{{Title: "Fact"}, {Title: "Value", Code: true}, {Title: "Source", Wide: true}}}
	for _, p := range v.Provenance {
		t.Rows = append(t.Rows, []string{p.Field, p.Value, p.Source})
	}
	return []Block{t}
}

func categoryTitles(cs []data.Category) string { return strings.Join(titles(cs), ", ") }

func titles(cs []data.Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Title()
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// appendFields adds label, value pairs whose value is not empty.
func appendFields(fs Fields, pairs ...string) Fields {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			fs = append(fs, Field{Label: pairs[i], Value: pairs[i+1]})
		}
	}
	return fs
}
