// Package audit applies the catalogue to a site's evidence: which vendors
// the site loads, whose its cookies and storage keys are, how long they
// live against what the vendor declares, and, for a capture taken before
// consent (or after "reject all"), what ran that should not have.
//
// Hosts are attributed with the store's LookupHost and names with its
// Cookies, a capture's names in one read: the same answers `vendex lookup`
// and `vendex cookie` give.
package audit

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/store"
)

// ErrBadSite is wrapped when the site named in Options is not a host.
var ErrBadSite = errors.New("the site is not a host name")

// ErrSiteTie is wrapped when no capture names its page and several
// domains hold the most cookies and storage: a consent audit will not
// judge a site it would have to pick at random.
var ErrSiteTie = errors.New("no capture names its page, and several domains hold the most cookies and storage")

// ErrSites is wrapped when a declaration or banner is asked of captures
// of several sites: what it lists would be theirs together, under one name.
var ErrSites = errors.New("the captures are of several sites")

// Catalogue is what the audit asks of the store; *store.Store has it.
type Catalogue interface {
	LookupHost(data.Target) (store.Hit, error)
	// Cookies answers names as ByCookie does, all in one read.
	Cookies(fn func(byCookie func(name string) ([]store.CookieMatch, error)) error) error
	Get(id string) (data.Vendor, error)
}

// Mode says when the capture was taken, which decides what is a finding.
type Mode string

const (
	// Anytime: no claim about consent; the report has no findings.
	Anytime Mode = ""
	// BeforeConsent: taken before the visitor answered the banner.
	BeforeConsent Mode = "before-consent"
	// AfterReject: taken after the visitor chose "reject all".
	AfterReject Mode = "after-reject"
)

// Options steer an audit.
type Options struct {
	// Site is the site's host; when empty, the evidence's own.
	Site string
	Mode Mode
	// Strict makes what nobody claims a finding too, in a consent audit:
	// every unclaimed host, and every unclaimed third-party cookie.
	Strict bool
	// Names says the report goes on to a declaration or banner that is
	// published under the site's name: like a consent audit, it refuses a
	// tied site guess, and it refuses captures of several sites.
	Names bool
}

// judgesSite reports whether the output stands or falls by which site it
// is: a consent audit, or a declaration or banner published as the site's.
func (o Options) judgesSite() bool { return o.Mode != Anytime || o.Names }

// ChromeCap is the longest a cookie may live in Chrome (400 days): a
// cookie set for longer is cut to it, and is worth a flag.
const ChromeCap = 400 * 24 * time.Hour

// Run audits ev against the catalogue.
func Run(cat Catalogue, ev *scan.Evidence, o Options) (*Report, error) {
	a := newAuditor(cat)
	r := &Report{Mode: o.Mode, Captured: ev.Captured}
	site := o.Site
	if site != "" {
		t, err := data.ParseTarget(site)
		if _, ip := data.IPAddress(t.Host); err == nil && !ip && data.IsPublicSuffix(t.Host) {
			// Names are registered under a public suffix: it is no one
			// site (trial8: --site co.uk made every host a third party).
			// A single name is a host all the same (review9: --site web
			// was refused while a capture of http://web/ was read).
			err = fmt.Errorf("%s is a public suffix, under which others register their names; name the site's host, such as www.example.com", data.Quote(t.Host))
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadSite, err)
		}
	} else if site = ev.Site; site != "" {
		if _, err := data.ParseTarget(site); err != nil {
			r.Warnings = append(r.Warnings, "the capture's page is not a host vendex can read ("+err.Error()+"); name the site with --site")
			site = ""
		}
	}
	if site == "" {
		guess, err := a.guessSite(ev, o, r)
		if err != nil {
			return nil, err
		}
		site = guess
	}
	if sites, guessed := ev.Sites(a.siteName); len(sites) > 1 {
		which := strings.Join(sites, ", ")
		if guessed {
			which += "; a capture that names no page is taken to be of the domain holding most of its cookies and storage"
		}
		if o.Names {
			return nil, fmt.Errorf("%w (%s): a declaration or banner is of one site; make one for each site from its own captures", ErrSites, which)
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("the captures are of %d sites (%s); the report is for %s and counts every capture's vendors and cookies as that site's: scan each site on its own (or say which with --site)", len(sites), which, cmp.Or(site, sites[0])))
	}
	if site != "" {
		t, _ := data.ParseTarget(site)
		r.Site = t.Host
		r.Captured = ev.CapturedOf(t.Host, a.siteName)
		a.site = siteOf(t.Host)
		if h, err := a.host(data.Target{Host: t.Host}); err == nil && h.found {
			a.siteVendor = h.hit.ID
			a.siteOwner = a.owner(h.hit.ID)
		} else if s := h.hit.CustomerSite(t.Host); s != "" {
			// A site on a platform's name (alice.wordpress.com) is that
			// name alone: the platform's own hosts beside it are not the site's.
			a.site, a.sitePlatform = s, h.hit.HostedOnID
		}
	}
	for _, w := range ev.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	if err := a.answerNames(evidenceNames(ev)); err != nil {
		return nil, err
	}
	if err := a.requests(r, ev.Requests); err != nil {
		return nil, err
	}
	if err := a.cookies(r, ev); err != nil {
		return nil, err
	}
	if err := a.storage(r, ev.Storage); err != nil {
		return nil, err
	}
	a.warnLeftOut(r)
	a.finish(r)
	if r.Site == "" && r.Requests > 0 {
		r.Warnings = append(r.Warnings, "no capture names its page, and none holds a cookie or storage key to tell the site by: every host counts as a third party (the site's own too); name the site with --site")
	}
	if o.Names {
		a.unlisted(r)
	}
	if o.Mode != Anytime {
		a.findings(r)
		a.unjudged(r, o.Strict)
	}
	return r, nil
}

// unlisted warns, for a declaration or banner, of what loaded whose
// storage it cannot list: hosts no vendor claims, and vendors whose cards
// name no cookie or storage key.
func (a *auditor) unlisted(r *Report) {
	if len(r.UnknownHosts) > 0 {
		hosts := make([]string, len(r.UnknownHosts))
		for i, h := range r.UnknownHosts {
			hosts[i] = data.CleanLine(h.Host)
		}
		they, them := "they store", "them"
		if len(hosts) == 1 {
			they, them = "it stores", "it"
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s that no vendor in the catalogue claims loaded (%s), so what %s is not listed: classify %s with 'vendex import --user FILE' and run this again",
			data.Plural(len(hosts), "host"), strings.Join(hosts, ", "), they, them))
	}
	// A vendor whose card names nothing it stores hides what it stores
	// as an unclaimed host does: said the same way, imports or not.
	var blank []string
	for _, v := range r.Vendors {
		card := a.card(v.ID)
		if len(v.Cookies) == 0 && card.NamesNoStorage() {
			blank = append(blank, data.CleanLine(v.Name))
		}
	}
	if len(blank) > 0 {
		whose, they, their, sets := "vendors whose cards name", "they store", "their cookie policies", "they set"
		if len(blank) == 1 {
			whose, they, their, sets = "vendor whose card names", "it stores", "its cookie policy", "it sets"
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d %s no cookie or storage key loaded (%s), so what %s is not listed: check %s, or classify what %s with 'vendex import --user FILE' and run this again",
			len(blank), whose, strings.Join(blank, ", "), they, their, sets))
	}
}

type hostAnswer struct {
	hit   store.Hit
	found bool
}

type auditor struct {
	cat        Catalogue
	site       string // the site's registrable domain
	siteVendor string // the vendor the catalogue says the site is, if any
	siteOwner  string
	// sitePlatform is the hosting vendor the site's own name is under
	// (Shopify for alice.myshopify.com): the page itself reached it.
	sitePlatform string
	hits         map[data.Target]hostAnswer
	names        map[string][]store.CookieMatch
	cards        map[string]data.Vendor
	vendors      map[string]*Vendor
	unknown      map[string]int
	first        map[string]int
	firstURL     map[string]string // a vendor's or an unclaimed host's first request, for findings
	// contacted are the registrable domains the captures made requests
	// to; leftOut the domains of third-party cookies and storage on none
	// of them, which the report leaves out (see uncontacted).
	contacted map[string]bool
	leftOut   map[string]int
}

// newAuditor reads cat, with nothing read yet: Run and Pasted start so.
func newAuditor(cat Catalogue) *auditor {
	return &auditor{cat: cat, hits: map[data.Target]hostAnswer{}, names: map[string][]store.CookieMatch{}, cards: map[string]data.Vendor{}, vendors: map[string]*Vendor{}}
}

// siteName is where the site host belongs to ends: the customer's own name
// under a hosting platform (alice.wordpress.com), as the lookup's hosting
// rule says, else the registrable domain.
func (a *auditor) siteName(host string) string {
	if h, err := a.hostNamed(host); err == nil {
		if s := h.hit.CustomerSite(host); s != "" {
			return s
		}
	}
	return siteOf(host)
}

// siteOf is host's registrable domain, or host when it has none (an IP
// address, localhost).
func siteOf(host string) string {
	if s := data.Site(host); s != "" {
		return s
	}
	return host
}

// uncontacted reports whether a third-party cookie or storage key on host
// is on a domain no capture made a request to: a cookie export of the
// whole browser, or a storageState of a context that visited other sites,
// holds other sites' cookies, which this site did not set; they are left
// out (counted for a warning). Captures without requests (a cookie export
// alone) leave nothing out: there is nothing to tell by.
func (a *auditor) uncontacted(host string) bool {
	if len(a.contacted) == 0 || host == "" {
		return false
	}
	d := siteOf(strings.ToLower(host))
	if a.contacted[d] {
		return false
	}
	if a.leftOut == nil {
		a.leftOut = map[string]int{}
	}
	a.leftOut[d]++
	return true
}

// warnLeftOut says which cookies and storage keys uncontacted left out.
func (a *auditor) warnLeftOut(r *Report) {
	if len(a.leftOut) == 0 {
		return
	}
	n := 0
	for _, c := range a.leftOut {
		n += c
	}
	domains := slices.Sorted(maps.Keys(a.leftOut))
	if len(domains) > 5 {
		domains = append(domains[:5], "...")
	}
	what := "1 cookie or storage key"
	if n != 1 {
		what = fmt.Sprintf("%d cookies and storage keys", n)
	}
	r.Warnings = append(r.Warnings, fmt.Sprintf("%s on domains no capture made a request to (%s) left out: a cookie export or storageState can hold other sites' cookies, which this site did not set (capture the site in a fresh browser profile to be sure)",
		what, data.CleanLine(strings.Join(domains, ", "))))
}

// host answers "whose host is this?", once per host (and path).
func (a *auditor) host(t data.Target) (hostAnswer, error) {
	if h, ok := a.hits[t]; ok {
		return h, nil
	}
	h, err := a.cat.LookupHost(t)
	switch {
	case err == nil:
		a.hits[t] = hostAnswer{h, true}
	case errors.Is(err, store.ErrNotFound):
		a.hits[t] = hostAnswer{hit: h} // a miss keeps whose hosting it is (HostedOn)
	default:
		return hostAnswer{}, err
	}
	return a.hits[t], nil
}

// guessSite is the site of captures that name no page: the domain holding
// the most cookies and storage. Of several tied, a domain no catalogue
// vendor owns is the site before a vendor's (a cookie jar's facebook.com
// and google.com are the vendors' whose cookies the site's pages set);
// only a tie that leaves is said, and settled by name. When the output is
// published as the site's, or judges it (a consent audit), any tie is
// refused: a vendor's own site may tie with a domain no card names.
func (a *auditor) guessSite(ev *scan.Evidence, o Options, r *Report) (string, error) {
	guess, tied := ev.LikelySite()
	var vendors []string
	if len(tied) > 1 {
		all := tied
		var rest []string
		for _, d := range tied {
			if h, err := a.hostNamed(d); err == nil && h.found {
				vendors = append(vendors, d)
			} else {
				rest = append(rest, d)
			}
		}
		if len(rest) > 0 && len(vendors) > 0 {
			guess, tied = rest[0], rest
		}
		if o.judgesSite() {
			// Published as the site's, or judged: a vendor's own site (a
			// capture of hubspot.com) may tie with a domain no card names,
			// so no rule picks; the person says which.
			hint := ""
			if len(tied) == 1 {
				hint = "; " + guess + " is the only one no catalogue vendor owns"
			}
			return "", fmt.Errorf("%w (%s%s); pass --site to say which is the site", ErrSiteTie, strings.Join(all, ", "), hint)
		}
	}
	switch {
	case len(tied) > 1:
		r.Warnings = append(r.Warnings, "no capture names its page; "+data.JoinAnd(tied)+" hold as many cookies and storage as each other, and the site is taken to be "+guess+", the first by name (say which with --site)")
	case len(vendors) > 0:
		r.Warnings = append(r.Warnings, "no capture names its page; the site is taken to be "+guess+", which holds as many cookies and storage as "+data.JoinAnd(vendors)+
			" but is no catalogue vendor's domain (say otherwise with --site)")
	case guess != "":
		r.Warnings = append(r.Warnings, "no capture names its page; the site is taken to be "+guess+", the domain holding the most cookies and storage (say otherwise with --site)")
	}
	return guess, nil
}

// hostNamed is host for a bare host from a capture (a cookie's domain, a
// storage origin's host), which has first to be read as one.
func (a *auditor) hostNamed(host string) (hostAnswer, error) {
	t, err := data.ParseTarget(host)
	if err != nil {
		return hostAnswer{}, err
	}
	return a.host(data.Target{Host: t.Host})
}

func (a *auditor) card(id string) data.Vendor {
	if v, ok := a.cards[id]; ok {
		return v
	}
	v, _ := a.cat.Get(id) // a vendor the index names but that will not load reads as empty
	a.cards[id] = v
	return v
}

func (a *auditor) owner(id string) string {
	v := a.card(id)
	if v.Owner != "" {
		return strings.ToLower(v.Owner)
	}
	return strings.ToLower(v.Name)
}

// firstParty reports whether host is the site's own: on its registrable
// domain, or on a domain the catalogue gives the site's vendor or owner
// (a publisher's CDN).
func (a *auditor) firstParty(host string, h hostAnswer) bool {
	if a.site == "" {
		return false
	}
	if data.InDomain(host, a.site) {
		return true
	}
	return h.found && a.own(h.hit.ID)
}

// own reports whether vendor id is the site itself: the vendor the
// catalogue says the site is, or another of its owner's (LinkedIn's
// cookies on linkedin.com, the New York Times' on nytimes.com).
func (a *auditor) own(id string) bool {
	if a.siteVendor == "" {
		return false
	}
	return id == a.siteVendor || (a.siteOwner != "" && a.owner(id) == a.siteOwner)
}

func (a *auditor) vendor(h store.Hit) *Vendor {
	v, ok := a.vendors[h.ID]
	if !ok {
		v = &Vendor{ID: h.ID, Name: data.CleanLine(h.Name), Category: h.Category.Slug(), Block: h.Block.Slug()}
		a.vendors[h.ID] = v
	}
	return v
}

// requests attributes every request to a vendor, the site, or nobody,
// each request once: a host a capture only lists (WEC's hosts) counts
// when no other request of the evidence went to it, a beacon WEC matched
// when no HAR of the visit records that URL in full, and a request two
// captures both record (the same method, URL and start time: one HAR
// named twice, or copied) once.
func (a *auditor) requests(r *Report, reqs []scan.Request) error {
	a.unknown, a.first, a.firstURL = map[string]int{}, map[string]int{}, map[string]string{}
	hostCounts := map[string]map[string]int{} // vendor id -> host -> requests
	requested := map[string]bool{}
	recorded := map[string]bool{} // URLs requested in full (not beacons)
	a.contacted = map[string]bool{}
	for _, q := range reqs {
		u, err := url.Parse(q.URL)
		if err != nil || u.Hostname() == "" {
			continue
		}
		host := strings.ToLower(u.Hostname())
		if q.Type != scan.TypeHostOnly {
			requested[host] = true
		}
		if q.Type != scan.TypeHostOnly && q.Type != scan.TypeBeacon {
			recorded[q.URL] = true
		}
		a.contacted[siteOf(host)] = true
	}
	type when struct {
		method, url string
		at          int64
	}
	countedIn := map[when]int{} // the capture that recorded it
	for _, q := range reqs {
		if !q.Time.IsZero() {
			// Within one capture two such requests are two (a page with a
			// button twice); across captures they are one, recorded twice.
			k := when{q.Method, q.URL, q.Time.UnixNano()}
			if in, ok := countedIn[k]; ok && in != q.Capture {
				continue
			}
			countedIn[k] = q.Capture
		}
		u, err := url.Parse(q.URL)
		switch {
		case q.Type == scan.TypeBeacon && recorded[q.URL]:
			continue
		case err != nil:
			r.Warnings = append(r.Warnings, scan.Warning{Source: q.Source, Message: "a request URL that does not parse was left out: " + data.Quote(q.URL)}.String())
			continue
		case (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "":
			continue // data:, blob:, about: and the like load nothing from anyone
		case q.Type == scan.TypeHostOnly && requested[strings.ToLower(u.Hostname())]:
			continue
		}
		in := q.URL
		if len(in) > 4096 {
			// A tracking URL can carry kilobytes of query; the host and
			// the start of the path decide whose it is.
			in = in[:4096]
		}
		t, err := data.ParseTarget(in)
		if err != nil {
			r.Warnings = append(r.Warnings, scan.Warning{Source: q.Source, Message: err.Error()}.String())
			continue
		}
		h, err := a.host(t)
		if err != nil {
			return err
		}
		r.Requests++
		switch {
		case a.firstParty(t.Host, h):
			a.first[t.Host]++
		case h.found:
			v := a.vendor(h.hit)
			v.Requests++
			if hostCounts[v.ID] == nil {
				hostCounts[v.ID] = map[string]int{}
			}
			hostCounts[v.ID][t.Host]++
			if _, ok := a.firstURL[v.ID]; !ok {
				a.firstURL[v.ID] = data.CleanLine(q.URL)
			}
		default:
			a.unknown[t.Host]++
			if _, ok := a.firstURL["\x00"+t.Host]; !ok {
				a.firstURL["\x00"+t.Host] = data.CleanLine(q.URL)
			}
		}
	}
	for id, hs := range hostCounts {
		a.vendors[id].Hosts = counts(hs)
	}
	return nil
}

// counts sorts a tally most frequent first, then by name.
func counts(m map[string]int) []HostCount {
	out := make([]HostCount, 0, len(m))
	for h, n := range m {
		out = append(out, HostCount{Host: h, Requests: n})
	}
	slices.SortFunc(out, func(x, y HostCount) int {
		if x.Requests != y.Requests {
			return y.Requests - x.Requests
		}
		return strings.Compare(x.Host, y.Host)
	})
	return out
}
