package audit

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

// finish orders the report: vendors by consent category (as a banner
// lists them) and then by requests; unknowns most frequent first.
func (a *auditor) finish(r *Report) {
	r.Vendors = make([]Vendor, 0, len(a.vendors))
	for _, v := range a.vendors {
		v.Cookies = uniq(v.Cookies)
		if v.Hosts == nil {
			v.Hosts = []HostCount{}
		}
		r.Vendors = append(r.Vendors, *v)
	}
	slices.SortFunc(r.Vendors, func(x, y Vendor) int {
		if c := categoryRank(x.Category) - categoryRank(y.Category); c != 0 {
			return c
		}
		if x.Requests != y.Requests {
			return y.Requests - x.Requests
		}
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	r.FirstParty = counts(a.first)
	r.UnknownHosts = counts(a.unknown)
	for i, h := range r.UnknownHosts {
		if hit, err := a.hostNamed(h.Host); err == nil && hit.hit.Matched != "" {
			u := &r.UnknownHosts[i]
			u.Matched, u.HostedOn, u.HostedOnID = data.CleanLine(hit.hit.Matched), data.CleanLine(hit.hit.HostedOn), hit.hit.HostedOnID
		}
	}
	known := r.Cookies[:0:0]
	r.UnknownCookies = []Cookie{}
	for _, c := range r.Cookies {
		if c.VendorID == "" {
			r.UnknownCookies = append(r.UnknownCookies, c)
		} else {
			known = append(known, c)
		}
	}
	r.Cookies = known
	slices.SortStableFunc(r.UnknownCookies, func(x, y Cookie) int { return y.Count - x.Count })
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	r.Findings = []Finding{}
}

// categoryRank orders categories as banners list them, unclassified last.
func categoryRank(slug string) int {
	for i, c := range data.Categories {
		if string(c) == slug {
			return i
		}
	}
	if slug == data.Unclassified {
		return len(data.Categories) + 1
	}
	return len(data.Categories) // a category seen only in an import
}

func uniq(ss []string) []string {
	out := []string{}
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// findings lists what should have waited for consent: every vendor the
// catalogue says to block before consent that made a request, and every
// cookie or storage key whose category is not strictly necessary.
func (a *auditor) findings(r *Report) {
	for _, v := range r.Vendors {
		if v.Block != string(data.AnswerYes) || v.Requests == 0 {
			continue
		}
		why := a.card(v.ID).BlockBeforeConsent.Reason
		if why == "" {
			why = "the catalogue says to block it before consent"
		}
		r.Findings = append(r.Findings, Finding{Kind: "request", VendorID: v.ID, Vendor: v.Name, URL: a.firstURL[v.ID], Why: data.CleanLine(why)})
	}
	for _, c := range r.Cookies {
		reason, ok := a.needsConsent(c)
		if !ok {
			continue
		}
		kind := "cookie"
		if c.Kind != "cookie" {
			kind = "storage"
		}
		f := Finding{Kind: kind, VendorID: c.VendorID, Vendor: c.Vendor, Cookie: c.Name,
			what: data.Category(c.Category).Title() + " " + kindTitle(c.Kind), reason: data.CleanLine(reason)}
		f.Why = notNecessary([]string{f.what}, f.reason)
		r.Findings = append(r.Findings, f)
	}
}

// needsConsent reports whether cookie c needs consent, and why: its
// category decides, except that a functional item of a vendor whose card
// says consent is not required is what that card judges (a CDN's
// load-balancing cookie). The reason is the card's when the card says
// consent is needed, else what the item's category means: a finding never
// cites a card arguing the opposite.
func (a *auditor) needsConsent(c Cookie) (string, bool) {
	cat := data.Category(c.Category)
	if cat == data.StrictlyNecessary || c.Category == data.Unclassified {
		return "", false
	}
	if a.own(c.VendorID) {
		// The card's reasons speak of the vendor embedded on other
		// sites; on its own site the category is the reason.
		return cat.About(), true
	}
	card := a.card(c.VendorID)
	judged := card.ConsentVerdict()
	if judged.Value == data.AnswerNo {
		if cat == data.Functional {
			return "", false
		}
		return cat.About(), true
	}
	return judged.Reason, true
}

// notNecessary is why cookies of these kinds ("Marketing cookie") need
// consent, with the card's reason when it gives one.
func notNecessary(whats []string, reason string) string {
	why := data.JoinAnd(whats) + ", not strictly necessary"
	if reason != "" {
		why += ": " + reason
	}
	return why
}

// kindTitle is a storage kind as a sentence names it.
func kindTitle(kind string) string {
	switch kind {
	case "cookie":
		return "cookie"
	case "":
		return "storage key"
	}
	return kind + " key"
}

// FindingGroup is one vendor's findings as a person reads them: what it
// loaded, what it stored, and each reason once (its cookies of three
// categories give one "Marketing cookie, Analytics cookie and Functional
// cookie, not strictly necessary: ...").
type FindingGroup struct {
	VendorID, Vendor string
	Loaded, Stored   []string
	Whys             []string
	whats            map[string]*reasonWhats
}

// reasonWhats are the kinds of cookie one reason covers, and where the
// group's Whys say it.
type reasonWhats struct {
	at    int
	whats []string
}

// addWhy adds f's reason to g.Whys, once.
func (g *FindingGroup) addWhy(f Finding) {
	if f.what == "" {
		if why := data.CleanLine(f.Why); !slices.Contains(g.Whys, why) {
			g.Whys = append(g.Whys, why)
		}
		return
	}
	if g.whats == nil {
		g.whats = map[string]*reasonWhats{}
	}
	rw, ok := g.whats[f.reason]
	if !ok {
		rw = &reasonWhats{at: len(g.Whys)}
		g.whats[f.reason] = rw
		g.Whys = append(g.Whys, "")
	}
	if !slices.Contains(rw.whats, f.what) {
		rw.whats = append(rw.whats, f.what)
	}
	g.Whys[rw.at] = notNecessary(rw.whats, f.reason)
}

// GroupFindings groups findings by vendor, in the order they come.
func GroupFindings(fs []Finding) []*FindingGroup {
	var out []*FindingGroup
	by := map[string]*FindingGroup{}
	for _, f := range fs {
		key := f.VendorID
		if key == "" { // an unclaimed host or cookie: grouped by its host
			key = "\x00" + f.Vendor
		}
		g, ok := by[key]
		if !ok {
			g = &FindingGroup{VendorID: f.VendorID, Vendor: data.CleanLine(f.Vendor)}
			by[key] = g
			out = append(out, g)
		}
		if f.Kind == "request" || f.Kind == "unknown-host" || f.Kind == "unjudged-vendor" {
			g.Loaded = append(g.Loaded, data.CleanLine(f.URL))
		} else if name := data.CleanLine(f.Cookie); !slices.Contains(g.Stored, name) {
			g.Stored = append(g.Stored, name) // a cookie and a key of one name: said once
		}
		g.addWhy(f)
	}
	return out
}

// Text is "loaded URL; stored a, b".
func (g *FindingGroup) Text() string {
	var parts []string
	if len(g.Loaded) > 0 {
		parts = append(parts, "loaded "+strings.Join(g.Loaded, ", "))
	}
	if len(g.Stored) > 0 {
		parts = append(parts, "stored "+strings.Join(g.Stored, ", "))
	}
	return strings.Join(parts, "; ")
}

// unjudged counts, in a consent audit, the hosts and cookies nobody
// claims and the vendors that loaded with no verdict; with strict, each
// of them and each unclaimed third-party cookie is a finding (a
// first-party one is often the site's own session).
func (a *auditor) unjudged(r *Report, strict bool) {
	var vendors []Vendor
	for _, v := range r.Vendors {
		if v.Requests > 0 && !data.Answer(v.Block).Valid() {
			vendors = append(vendors, v)
		}
	}
	r.NotJudged = &NotJudged{Hosts: len(r.UnknownHosts), Cookies: len(r.UnknownCookies), Vendors: len(vendors)}
	if !strict {
		return
	}
	for _, v := range vendors {
		why := "The catalogue has no verdict for it, and its category (" + data.CleanLine(data.Category(v.Category).Title()) +
			") does not decide one; until it is judged, treat it as needing consent."
		r.Findings = append(r.Findings, Finding{Kind: "unjudged-vendor", VendorID: v.ID, Vendor: v.Name, URL: a.firstURL[v.ID], Why: why})
	}
	const why = "No vendor in the catalogue claims it; until it is classified, treat it as needing consent."
	for _, h := range r.UnknownHosts {
		r.Findings = append(r.Findings, Finding{Kind: "unknown-host", Vendor: h.Host, URL: a.firstURL["\x00"+h.Host], Why: why})
	}
	for _, c := range r.UnknownCookies {
		if c.Party == "third" {
			r.Findings = append(r.Findings, Finding{Kind: "unknown-cookie", Vendor: c.Domain, Cookie: c.Name, Why: why})
		}
	}
}
