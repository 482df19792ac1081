package scan

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

// A HAR records every page the tab showed while it was recording: a visit
// to the site that went on to www.google.com holds Google's own cookies,
// sent on Google's page. Those are not the site's, and judging the site
// by them fails it for what another site did. So the entries of a page
// (pageref) on another registrable domain than the HAR's site are left
// out, with a warning naming the page and what was left.

// harPageTrack is, for each request and cookie kept so far, the pageref
// of the entry it came from, and how to tell each page's site.
type harPageTrack struct {
	reqRef, cookieRef []string
	title             map[string]string // page id: its title's host, when the title is a URL
	doc, any          map[string]siteCandidate
}

// pageTitles notes the host each page's title names (Chrome titles a page
// with its URL).
func (t *harPageTrack) pageTitles(pages []harPage) {
	for _, p := range pages {
		if u, err := url.Parse(strings.TrimSpace(p.Title)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			if t.title == nil {
				t.title = map[string]string{}
			}
			t.title[p.ID] = clean(strings.ToLower(u.Hostname()))
		}
	}
}

// track marks what entry e added to ev as its page's, and notes the page's
// first document and first request.
func (t *harPageTrack) track(ev *Evidence, ref string, cand siteCandidate, doc bool) {
	for len(t.reqRef) < len(ev.Requests) {
		t.reqRef = append(t.reqRef, ref)
	}
	for len(t.cookieRef) < len(ev.Cookies) {
		t.cookieRef = append(t.cookieRef, ref)
	}
	if ref == "" {
		return
	}
	if t.doc == nil {
		t.doc, t.any = map[string]siteCandidate{}, map[string]siteCandidate{}
	}
	if c := t.any[ref]; c.earlier(cand.t) {
		t.any[ref] = cand
	}
	if c := t.doc[ref]; doc && c.earlier(cand.t) {
		t.doc[ref] = cand
	}
}

// pageSite is the host of page ref: its title's, else its first
// document's, else its first request's.
func (t *harPageTrack) pageSite(ref string) string {
	if h := t.title[ref]; h != "" {
		return h
	}
	if c, ok := t.doc[ref]; ok {
		return c.host
	}
	return t.any[ref].host
}

// leaveOtherSites drops from ev the requests and cookies of pages on
// another site than site (the first page is always the site's), and
// warns for each page dropped.
func (t *harPageTrack) leaveOtherSites(rd *reader, site, first string) {
	ev := rd.ev
	other := map[string]string{} // pageref: its host
	for _, ref := range slices.Concat(t.reqRef, t.cookieRef) {
		if _, seen := other[ref]; seen || ref == "" || ref == first {
			continue
		}
		if h := t.pageSite(ref); h != "" && !oneSite(h, site, nil) {
			other[ref] = h
		}
	}
	if len(other) == 0 {
		return
	}
	reqs, cookies := map[string]int{}, map[string]int{}
	ev.Requests = dropOf(ev.Requests, t.reqRef, other, reqs)
	ev.Cookies = dropOf(ev.Cookies, t.cookieRef, other, cookies)
	refs := make([]string, 0, len(other))
	for ref := range other {
		refs = append(refs, ref)
	}
	slices.Sort(refs)
	for _, ref := range refs {
		ev.Warnings = append(ev.Warnings, Warning{Source: rd.at(""), Message: fmt.Sprintf(
			"the capture went on from %s to another site: page %s (%s) was left out (%d of its requests, %d of its cookies): they are that site's, not %s's",
			site, data.Quote(ref), other[ref], reqs[ref], cookies[ref], site)})
	}
}

// dropOf is xs without the items whose page (refs, in step with xs) is in
// other, counting what each page lost in n.
func dropOf[T any](xs []T, refs []string, other map[string]string, n map[string]int) []T {
	out := xs[:0]
	for i, x := range xs {
		if i < len(refs) {
			if _, drop := other[refs[i]]; drop {
				n[refs[i]]++
				continue
			}
		}
		out = append(out, x)
	}
	return out
}
