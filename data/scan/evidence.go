// Package scan reads what a browser recorded on a site (a HAR, a cookie
// export, an EDPS Website Evidence Collector inspection, a Playwright
// storageState, a tracker-radar-collector crawl, a saved HTML page, a plain
// list of URLs) into one Evidence: the requests made, the cookies and the
// storage keys left. It knows nothing about vendors: attributing the
// evidence is the store's job, wording the report the command line's.
//
// Detect tells a capture's format from its content, Read reads one file.
// No reader keeps a response body: the HAR reader, whose files run to
// hundreds of megabytes, streams one entry at a time; the text formats
// read line by line and the HTML tokenizer token by token; the other JSON
// captures (a crawl, an inspection, a cookie export: megabytes at most)
// are read whole. Text from a capture is untrusted and is cleaned
// (data.CleanLine) before it is kept.
package scan

import (
	"net/url"
	"slices"
	"time"

	"github.com/vendex/vendex/data"
)

// Evidence is everything one or more captures recorded about a site.
type Evidence struct {
	// Site is the page's host, when a capture says which page it recorded
	// (a HAR's first document, WEC's uri_ins); "" when none does.
	Site string
	// Captured is when the capture was taken (a HAR's first page or entry,
	// WEC's start time), for observed cookie lifetimes; zero when unknown.
	Captured time.Time
	// Pages are the page each capture recorded, in the order the files
	// were added: two sites' captures in one scan are a mistake to name.
	Pages    []Page
	Requests []Request
	Cookies  []Cookie
	Storage  []StorageKey
	// Warnings are things the reader could not use or a person should
	// know (a sanitised HAR, an entry without a URL), with their place.
	Warnings []Warning
	// unnamed are the captures that name no page (a storageState, a
	// cookie export), each by the sites its cookies and storage are on.
	unnamed []unnamedCapture
	// added counts the captures Add has folded in.
	added int
}

// unnamedCapture is a capture that names no page: guess is the site it
// most likely recorded, on the registrable domain holding the most of its
// cookies and storage; on counts them on each registrable domain.
type unnamedCapture struct {
	guess string
	on    map[string]int
}

// Page is the page one capture recorded and when.
type Page struct {
	Site     string
	Captured time.Time
}

// oneSite reports whether two hosts are one site: on one registrable
// domain, or on one name siteOf gives (nil: the registrable domain).
func oneSite(a, b string, siteOf func(host string) string) bool {
	if siteOf == nil {
		siteOf = data.Site
	}
	da, db := siteOf(a), siteOf(b)
	if da == "" || db == "" {
		return a == b
	}
	return da == db
}

// CapturedOf is when the captures of site were taken: the earliest of
// its pages, or Captured when no capture names site's page. siteOf says
// where a site ends, as for Sites.
func (e *Evidence) CapturedOf(site string, siteOf func(host string) string) time.Time {
	var t time.Time
	for _, p := range e.Pages {
		if oneSite(p.Site, site, siteOf) && !p.Captured.IsZero() && (t.IsZero() || p.Captured.Before(t)) {
			t = p.Captured
		}
	}
	if t.IsZero() {
		return e.Captured
	}
	return t
}

// Sites are the hosts of the pages the captures recorded, one per site, in
// the order the files were added. A site is a registrable domain unless
// siteOf says where it ends (a lookup's hosting rule: alice.wordpress.com
// and bob.wordpress.com are two sites); nil means the registrable domain.
//
// A capture that names no page counts as another site only when none of
// its cookies or storage is on a site already counted: a cookie export
// taken beside a HAR of the same site holds that site's cookies, while a
// storageState of another site holds none of them; such a capture counts
// as the site it most likely recorded (LikelySite), and guessed says one
// did.
func (e *Evidence) Sites(siteOf func(host string) string) (out []string, guessed bool) {
	for _, p := range e.Pages {
		if !slices.ContainsFunc(out, func(s string) bool { return oneSite(s, p.Site, siteOf) }) {
			out = append(out, p.Site)
		}
	}
	for _, u := range e.unnamed {
		if u.guess == "" || slices.ContainsFunc(out, func(s string) bool { return u.on[data.Site(s)] > 0 }) {
			continue
		}
		out = append(out, u.guess)
		guessed = true
	}
	return out, guessed
}

// LikelySite is the registrable domain that holds the most cookies and
// storage keys, for captures that do not say which page they recorded (a
// storageState, a cookie export); tied lists every domain holding as many
// (sorted), so that a tie is said rather than settled by the alphabet.
func (e *Evidence) LikelySite() (best string, tied []string) { return most(e.domains()) }

// most is the domain of n holding the most, and every domain tied with it.
func most(n map[string]int) (best string, tied []string) {
	most := 0
	for _, c := range n {
		most = max(most, c)
	}
	for d, c := range n {
		if c == most {
			tied = append(tied, d)
		}
	}
	slices.Sort(tied)
	if len(tied) == 0 {
		return "", nil
	}
	return tied[0], tied
}

// domains counts the cookies and storage keys on each registrable domain.
func (e *Evidence) domains() map[string]int {
	n := map[string]int{}
	add := func(host string) {
		if d := data.Site(host); d != "" {
			n[d]++
		}
	}
	for _, c := range e.Cookies {
		add(c.Host())
	}
	for _, s := range e.Storage {
		if u, err := url.Parse(s.Origin); err == nil {
			add(u.Hostname())
		}
	}
	return n
}

// Request is one request the page made.
type Request struct {
	URL    string
	Method string
	Status int // 0 when the capture does not say (or the request failed)
	// Type is the resource type when the capture records or implies one
	// (a HAR without types: the response's MIME type, harType): "document",
	// "script", "xhr", "image", "stylesheet", "iframe"...; "" if not.
	// TypeHostOnly marks a host a capture lists without its requests.
	Type string
	// Initiator is the URL of the script or document that caused the
	// request, when the capture records it (HAR _initiator, TRC initiators).
	Initiator string
	Time      time.Time // zero when unknown
	// Source is where the request was read: "site.har: entry 12"
	// (entries counted from 1), "page.html: line 40: <noscript><img>".
	Source string
	// Capture tells the captures of one scan apart (Evidence.Add numbers
	// them from 1): one request two captures record is counted once.
	Capture int
}

// TypeHostOnly is the Type of a request that stands for a host a capture
// names without the requests made to it (WEC's hosts list): it says the
// host was contacted, not which path or how often.
const TypeHostOnly = "host-only"

// TypeBeacon is the Type of a request a capture names as a tracking
// beacon it matched (WEC's beacons): the same request a HAR of the visit
// records in full, when there is one.
const TypeBeacon = "beacon"

// Cookie is one cookie the browser held or a response set.
type Cookie struct {
	Name   string
	Value  string // kept only to tell two cookies apart; never printed
	Domain string // as recorded: ".example.com" (any subdomain) or a host
	Path   string
	// Expires is when the cookie ends; zero with Session set for a cookie
	// that ends with the browsing session.
	Expires  time.Time
	Session  bool
	HTTPOnly bool
	Secure   bool
	SameSite string // "Lax", "Strict", "None" or ""
	// SetBy is the URL of the response (a Set-Cookie header) or the script
	// (a WEC stack, a HAR _initiator) that set it, when known; SetByScript
	// says which of the two.
	SetBy       string
	SetByScript bool
	Source      string
}

// Host is the cookie's domain without a leading dot.
func (c Cookie) Host() string {
	if len(c.Domain) > 0 && c.Domain[0] == '.' {
		return c.Domain[1:]
	}
	return c.Domain
}

// StorageKey is one key a page kept in localStorage, sessionStorage or
// IndexedDB.
type StorageKey struct {
	Origin string // "https://www.example.com"
	Kind   string // "localStorage", "sessionStorage", "indexedDB"
	Name   string
	SetBy  string // the script that wrote it, when known
	Source string
}

// Warning is something a reader could not use, or a person should know.
type Warning struct {
	// Code names a warning that other evidence can answer (WarnNoCookies).
	Code    string
	Source  string // "site.har", "site.har: entry 12"
	Message string
}

// WarnNoCookies is the Code of a HAR that holds no cookie at all: a cookie
// export read beside it answers it.
const WarnNoCookies = "no-cookies"

func (w Warning) String() string {
	if w.Source == "" {
		return w.Message
	}
	return w.Source + ": " + w.Message
}

// Add folds o's evidence into e: several files make one report.
func (e *Evidence) Add(o *Evidence) {
	if e.Site == "" {
		e.Site = o.Site
	}
	pages := o.Pages
	if len(pages) == 0 && o.Site != "" {
		pages = []Page{{o.Site, o.Captured}}
	}
	e.Pages = append(e.Pages, pages...)
	e.unnamed = append(e.unnamed, o.unnamed...)
	if len(pages) == 0 && len(o.unnamed) == 0 {
		n := o.domains()
		if guess, _ := most(n); guess != "" {
			e.unnamed = append(e.unnamed, unnamedCapture{guess, n})
		}
	}
	// Captured is the site's: a capture of another site does not move it.
	if o.Site == "" || oneSite(o.Site, e.Site, nil) {
		if e.Captured.IsZero() || (!o.Captured.IsZero() && o.Captured.Before(e.Captured)) {
			e.Captured = o.Captured
		}
	}
	e.added++
	for _, q := range o.Requests {
		q.Capture = e.added
		e.Requests = append(e.Requests, q)
	}
	e.Cookies = append(e.Cookies, o.Cookies...)
	e.Storage = append(e.Storage, o.Storage...)
	e.Warnings = append(e.Warnings, o.Warnings...)
	// A HAR without cookies is no gap once another capture brings them.
	if len(e.Cookies) > 0 {
		e.Warnings = slices.DeleteFunc(e.Warnings, func(w Warning) bool { return w.Code == WarnNoCookies })
	}
}
