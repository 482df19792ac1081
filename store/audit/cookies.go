package audit

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

// name answers "whose cookie or storage key is this?", once per name:
// answerNames has answered the capture's names already.
func (a *auditor) name(n string) ([]store.CookieMatch, error) {
	if ms, ok := a.names[n]; ok {
		return ms, nil
	}
	if err := a.answerNames([]string{n}); err != nil {
		return nil, err
	}
	return a.names[n], nil
}

// answerNames answers every name not yet answered in one read of the
// store (Catalogue.Cookies), which decodes each vendor it meets once, not
// once a name.
func (a *auditor) answerNames(names []string) error {
	return a.cat.Cookies(func(byCookie func(string) ([]store.CookieMatch, error)) error {
		for _, n := range names {
			if _, ok := a.names[n]; ok {
				continue
			}
			ms, err := byCookie(n)
			if err != nil {
				return err
			}
			a.names[n] = ms
		}
		return nil
	})
}

// evidenceNames is the name of every cookie and storage key of ev, as the
// report shows them and attribute asks for them.
func evidenceNames(ev *scan.Evidence) []string {
	names := make([]string, 0, len(ev.Cookies)+len(ev.Storage))
	for _, c := range ev.Cookies {
		names = append(names, data.CleanLine(c.Name))
	}
	for _, s := range ev.Storage {
		names = append(names, data.CleanLine(s.Name))
	}
	return names
}

// setter is the vendor whose response or script set something, if the
// catalogue knows it and it is not the site's own.
func (a *auditor) setter(u string) (hostAnswer, error) {
	if u == "" {
		return hostAnswer{}, nil
	}
	t, err := data.ParseTarget(u)
	if err != nil {
		return hostAnswer{}, nil // a setter we cannot read is no evidence
	}
	h, err := a.host(t)
	if err != nil || !h.found || a.firstParty(t.Host, h) {
		return hostAnswer{}, err
	}
	return h, nil
}

type cookieKey struct{ kind, name, domain string }

// mergeCookies folds the records of one cookie (a name on a domain, as
// several captures or several requests recorded it) into one: the record
// that knows when the cookie ends, with the first setter any record names.
// A cookie a request only sent knows no domain but the host it went to: it
// joins a cookie of its name whose domain covers that host, else the others
// sent to the same site. counts says how many records each had.
func mergeCookies(cs []scan.Cookie) (out []scan.Cookie, counts []int) {
	at := map[cookieKey]int{}
	add := func(k cookieKey, c scan.Cookie) {
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out, counts = append(out, c), append(counts, 1)
			return
		}
		counts[i]++
		kept := &out[i]
		if kept.Expires.IsZero() && (!c.Expires.IsZero() || (c.Session && !kept.Session)) {
			setBy, script := kept.SetBy, kept.SetByScript
			*kept = c
			if kept.SetBy == "" {
				kept.SetBy, kept.SetByScript = setBy, script
			}
		} else if kept.SetBy == "" && c.SetBy != "" {
			kept.SetBy, kept.SetByScript = c.SetBy, c.SetByScript
		}
	}
	key := func(c scan.Cookie) cookieKey { return cookieKey{"cookie", c.Name, strings.ToLower(c.Host())} }
	var sent []scan.Cookie
	for _, c := range cs {
		if c.Expires.IsZero() && !c.Session && c.SetBy == "" {
			sent = append(sent, c)
			continue
		}
		add(key(c), c)
	}
	for _, c := range sent {
		host := strings.ToLower(c.Host())
		k, found := key(c), false
		for _, d := range out {
			if d.Name == c.Name && data.InDomain(host, strings.ToLower(d.Host())) {
				k, found = key(d), true
				break
			}
		}
		if site := data.Site(host); !found && site != "" {
			k.domain, c.Domain = site, site
		}
		add(k, c)
	}
	return out, counts
}

// cookies attributes every cookie, once per name and domain however many
// captures or requests recorded it.
func (a *auditor) cookies(r *Report, ev *scan.Evidence) error {
	cs, counts := mergeCookies(ev.Cookies)
	for i, c := range cs {
		out := Cookie{Name: data.CleanLine(c.Name), Kind: "cookie", Domain: data.CleanLine(c.Host()), Count: counts[i], Source: c.Source}
		out.observed, out.ObservedLifetime = observed(c, r.Captured)
		domain, err := a.hostNamed(c.Host())
		if err != nil && c.Host() != "" {
			domain = hostAnswer{} // a domain we cannot read names nobody
		}
		out.Party = "third"
		if c.Host() == "" || a.firstParty(strings.ToLower(c.Host()), domain) {
			out.Party, domain = "first", hostAnswer{}
		} else if a.uncontacted(c.Host()) {
			continue
		}
		setBy, err := a.setter(c.SetBy)
		if err != nil {
			return err
		}
		by := "set-cookie"
		if c.SetByScript {
			by = "script"
		}
		if err := a.attribute(&out, domain, setBy, by); err != nil {
			return err
		}
		r.Cookies = append(r.Cookies, out)
	}
	return nil
}

// storage attributes every storage key, by its name or the script that
// wrote it. Its origin says whose page held it: the site's own, or a
// third party's frame (reCAPTCHA's rc::a on www.google.com).
func (a *auditor) storage(r *Report, keys []scan.StorageKey) error {
	seen := map[cookieKey]int{}
	for _, s := range keys {
		k := cookieKey{s.Kind, s.Name, s.Origin}
		if i, ok := seen[k]; ok {
			r.Cookies[i].Count++
			continue
		}
		out := Cookie{Name: data.CleanLine(s.Name), Kind: s.Kind, Domain: data.CleanLine(s.Origin), Party: "first", Count: 1, Source: s.Source}
		if u, err := url.Parse(s.Origin); err == nil && u.Hostname() != "" {
			out.host = strings.ToLower(u.Hostname())
			if h, err := a.hostNamed(out.host); err == nil && !a.firstParty(out.host, h) {
				out.Party = "third"
			}
		}
		if out.Party == "third" && a.uncontacted(out.host) {
			continue
		}
		setBy, err := a.setter(s.SetBy)
		if err != nil {
			return err
		}
		if err := a.attribute(&out, hostAnswer{}, setBy, "script"); err != nil {
			return err
		}
		seen[k] = len(r.Cookies)
		r.Cookies = append(r.Cookies, out)
	}
	return nil
}

// attribute names the vendor of a cookie or key by the strongest evidence
// there is, in this order:
//  1. the response or script that set it, when its vendor lists the name
//     (the Meta pixel's /tr response sets fr on facebook.com);
//  2. its domain, when the domain's vendor lists the name;
//  3. for a third-party cookie, a vendor on the cookie's site that lists
//     the name (reCAPTCHA's _GRECAPTCHA on google.com), else the domain's
//     vendor: a third-party cookie lives on its vendor's domain, so a name
//     alone never gives it to a vendor elsewhere (a pid on an unknown
//     domain is not Equativ's);
//  4. for a first-party cookie, the name, except a vendor's third-party
//     name (Instagram's sessionid is not every site's sessionid), one set
//     on its own website, or a short one of no known party
//     (data.StorageItem.ClaimsSitesName);
//  5. whatever set it.
func (a *auditor) attribute(c *Cookie, domain, setBy hostAnswer, setByKind string) error {
	all, err := a.name(c.Name)
	if err != nil {
		return err
	}
	host := c.host
	if host == "" {
		host = c.Domain
	}
	ms := slices.DeleteFunc(slices.Clone(all), func(m store.CookieMatch) bool {
		if c.Party == "first" {
			// On the site's own domain a vendor's third-party name is
			// the site's when the vendor is the site itself.
			return !m.Item.ClaimsSitesName() && !a.own(m.VendorID)
		}
		return !a.onSite(m.VendorID, host)
	})
	if b := store.Believed(ms); len(b) < len(ms) {
		// A claim of the catalogue's or the user's fits this cookie:
		// no imported one is heard, not even its setter's (the OCD's
		// guest_id on X's pixel does not take it from X's embeds).
		ms, all = b, store.Believed(all)
	}
	pickIn := func(ms []store.CookieMatch, h hostAnswer) *store.CookieMatch {
		for i := range ms {
			if h.found && ms[i].VendorID == h.hit.ID {
				return &ms[i]
			}
		}
		return nil
	}
	pick := func(h hostAnswer) *store.CookieMatch { return pickIn(ms, h) }
	// A vendor the capture reached: its hosts made requests, or it hosts
	// the site itself (a shop on its myshopify.com name).
	seen := func(id string) bool {
		v := a.vendors[id]
		return v != nil && v.Requests > 0 || id != "" && id == a.sitePlatform
	}
	byName := func(by string, nameAlone bool) {
		// Of the vendors that list the name, one whose hosts the capture
		// shows on the page (the consent platform that set euconsent-v2),
		// else the catalogue's first; ms holds no imported claim when a
		// curated one fits (store.Believed): Google's card holding an
		// imported _gcl_au does not take it from Google Ads' because
		// google.com was on the page.
		m := &ms[0]
		for i := range ms {
			if seen(ms[i].VendorID) {
				m = &ms[i]
				break
			}
		}
		// A name only an imported dataset gives, or a generic one
		// (data.GenericName), for a vendor a capture that records its
		// requests never reached, is too little to say the site's own
		// cookie is that vendor's: the OCD lists cookiePreferences under
		// Google Tag Manager, and a github.io page's own cart and _s are
		// not Shopify's. A marked name (_ga from a server-side
		// container, JSESSIONID from the site's servlet) still is.
		if nameAlone && len(a.contacted) > 0 && !seen(m.VendorID) && !a.own(m.VendorID) &&
			(m.Imported() || data.GenericName(m.Item.Name)) {
			return
		}
		c.MatchedBy = by
		a.claim(c, m.VendorID, m.VendorName, m.Category, m)
	}
	// What set the cookie is the strongest evidence: the rules that keep a
	// name from a vendor on the site's own domain (ms) are for a name
	// alone, not for the vendor's own script setting it.
	switch {
	case pickIn(all, setBy) != nil:
		m := pickIn(all, setBy)
		c.MatchedBy = setByKind
		a.claim(c, m.VendorID, m.VendorName, m.Category, m)
	case pick(domain) != nil:
		m := pick(domain)
		c.MatchedBy = "domain"
		a.claim(c, m.VendorID, m.VendorName, m.Category, m)
	case c.Party == "third" && len(ms) > 0:
		byName("name", false)
	case domain.found:
		c.MatchedBy = "domain"
		a.claim(c, domain.hit.ID, domain.hit.Name, domain.hit.Category, nil)
	case c.Party == "first" && len(ms) > 0:
		byName("name", true)
	case setBy.found:
		c.MatchedBy = setByKind
		a.claim(c, setBy.hit.ID, setBy.hit.Name, setBy.hit.Category, nil)
	}
	return nil
}

// onSite reports whether vendor id has a domain or script host on the
// same registrable domain as host.
func (a *auditor) onSite(id, host string) bool {
	site := data.Site(host)
	if site == "" {
		return false
	}
	v := a.card(id)
	for _, d := range v.Domains {
		if data.InDomain(d.Host, site) {
			return true
		}
	}
	for _, sc := range v.Scripts {
		if data.InDomain(sc.Host, site) {
			return true
		}
	}
	return false
}

// claim gives c to a vendor; m, when not nil, is the vendor's own entry
// for the name, with its category and declared lifetime.
func (a *auditor) claim(c *Cookie, id, name string, cat data.Category, m *store.CookieMatch) {
	c.VendorID, c.Vendor, c.Category = id, data.CleanLine(name), cat.Slug()
	if m != nil {
		if m.Pattern {
			c.Pattern = data.CleanLine(m.Item.Name)
		}
		// A lifetime is declared for a kind of storage: a cookie's says
		// nothing of a localStorage key of the same name.
		if !m.Item.Lifetime.IsZero() && string(m.Item.Kind) == c.Kind {
			c.DeclaredLifetime = m.Item.Lifetime.String()
			c.Flags = lifetimeFlags(c.observed, m.Item.Lifetime)
		} else {
			c.Flags = lifetimeFlags(c.observed, data.Lifetime{})
		}
	} else {
		c.Flags = lifetimeFlags(c.observed, data.Lifetime{})
	}
	v, ok := a.vendors[id]
	if !ok {
		// The vendor's category is its card's, as for a vendor that made
		// requests: its cookie's category is the cookie's (c.Category);
		// a card without one (or that will not load) takes the cookie's.
		card := a.card(id)
		v = &Vendor{ID: id, Name: data.CleanLine(name), Category: cmp.Or(card.Category, cat).Slug(), Block: card.BlockBeforeConsent.Value.Slug(), Site: a.own(id)}
		a.vendors[id] = v
	}
	v.Cookies = append(v.Cookies, c.Name)
}

// observed is how long a cookie was set to live when it was captured, as
// a duration and as a person reads it.
func observed(c scan.Cookie, captured time.Time) (time.Duration, string) {
	switch {
	case c.Session:
		return 0, "session"
	case c.Expires.IsZero() || captured.IsZero():
		return 0, ""
	}
	d := c.Expires.Sub(captured)
	if d <= 0 {
		return 0, "expired"
	}
	// In seconds: Lifetime.String, the one wording rule, rounds what
	// is near a round figure itself, and says 31 s as 31 seconds, not
	// "1 minute" (trial8).
	return d, data.Lifetime{Seconds: int64(d.Round(time.Second) / time.Second)}.String()
}

// lifetimeFlags says what is odd about an observed lifetime: longer than
// the vendor declares (by more than a day and a tenth, as clocks and
// rounding differ), lasting days where the vendor says the session, or
// over Chrome's cap.
func lifetimeFlags(obs time.Duration, declared data.Lifetime) []string {
	var out []string
	if declared.Session && obs > 24*time.Hour {
		out = append(out, "persistent, declared for the session")
	}
	if declared.Seconds > 0 {
		d := time.Duration(declared.Seconds) * time.Second
		if obs > d+d/10+24*time.Hour {
			out = append(out, "longer than declared")
		}
	}
	if obs > ChromeCap+24*time.Hour { // a day's slack: captures round their clocks
		out = append(out, "over Chrome's 400-day cap")
	}
	return out
}
