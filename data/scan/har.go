package scan

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vendex/vendex/data"
)

// The HAR reader: HTTP Archive 1.2 as Chrome, Edge, Firefox, Safari,
// Playwright (recordHar), puppeteer-har and WEC (requests.har) write it.
// It streams: the file is walked token by token and decoded one entry at a
// time into harEntry, which has no field for a body, so that
// response.content.text is skipped and never kept. Entries may come in any
// order; Chrome's _resourceType and _initiator are used when present
// (harType says what a request was where the tool wrote no type).

type harPage struct {
	ID              string `json:"id"`
	Title           string `json:"title"`
	StartedDateTime string `json:"startedDateTime"`
}

type harHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harCookie struct {
	Name     string   `json:"name"`
	Value    string   `json:"value"`
	Path     string   `json:"path"`
	Domain   string   `json:"domain"`
	Expires  flexTime `json:"expires"`
	HTTPOnly bool     `json:"httpOnly"`
	Secure   bool     `json:"secure"`
	SameSite string   `json:"sameSite"`
}

type harEntry struct {
	StartedDateTime string `json:"startedDateTime"`
	Pageref         string `json:"pageref"`
	Request         struct {
		Method  string      `json:"method"`
		URL     string      `json:"url"`
		Headers []harHeader `json:"headers"`
		Cookies []harCookie `json:"cookies"`
	} `json:"request"`
	Response struct {
		Status  float64     `json:"status"`
		Headers []harHeader `json:"headers"`
		Cookies []harCookie `json:"cookies"`
		Content struct {
			MimeType string `json:"mimeType"`
			// No Text: bodies are skipped, never kept.
		} `json:"content"`
	} `json:"response"`
	ResourceType string          `json:"_resourceType"`
	Initiator    json.RawMessage `json:"_initiator"`
}

// harState is what a HAR's reading has found so far.
type harState struct {
	*jsonStream
	sawLog, sawEntries bool
	entries            int
	firstPage          *harPage
	cookieEvidence     bool // any cookie, or a Cookie or Set-Cookie header
	// Set-Cookie lines that could not be read, and the first of them.
	unreadSetCookies int
	firstUnread      string
	// document candidates for Site, the earliest first.
	firstDoc, firstAny siteCandidate
	pageOf             harPageTrack
}

type siteCandidate struct {
	host    string
	t       time.Time
	pageref string
	set     bool
}

// earlier reports whether a capture at t, read after c, comes first.
func (c siteCandidate) earlier(t time.Time) bool {
	return !c.set || (!t.IsZero() && (c.t.IsZero() || t.Before(c.t)))
}

func (rd *reader) har(r io.Reader) error {
	s := &harState{jsonStream: newJSONStream(rd, r)}
	if err := s.delim("", '{', "a JSON object (a HAR holds {\"log\": ...})"); err != nil {
		return err
	}
	for s.dec.More() {
		k, err := s.key("")
		if err != nil {
			return err
		}
		if k == "log" {
			err = s.log()
		} else {
			err = s.skip(k)
		}
		if err != nil {
			return err
		}
	}
	if _, err := s.token(""); err != nil {
		return err
	}
	if err := s.end(); err != nil {
		return err
	}
	return s.finish()
}

func (s *harState) log() error {
	s.sawLog = true
	if err := s.delim("log", '{', "an object"); err != nil {
		return err
	}
	for s.dec.More() {
		k, err := s.key("log")
		if err != nil {
			return err
		}
		switch k {
		case "pages":
			var pages []harPage
			if err := s.decode("log.pages", &pages); err != nil {
				return err
			}
			s.pages(pages)
		case "entries":
			err = s.entryList()
		default:
			err = s.skip("log." + k)
		}
		if err != nil {
			return err
		}
	}
	_, err := s.token("log")
	return err
}

func (s *harState) pages(pages []harPage) {
	for _, p := range pages {
		if t, ok := parseTime(p.StartedDateTime); ok {
			s.captured(t)
		}
	}
	if len(pages) > 0 && s.firstPage == nil {
		s.firstPage = &pages[0]
	}
	s.pageOf.pageTitles(pages)
}

func (s *harState) captured(t time.Time) {
	if ev := s.rd.ev; ev.Captured.IsZero() || t.Before(ev.Captured) {
		ev.Captured = t
	}
}

func (s *harState) entryList() error {
	s.sawEntries = true
	if err := s.delim("log.entries", '[', "a list"); err != nil {
		return err
	}
	for s.dec.More() {
		var e harEntry
		if err := s.decode(fmt.Sprintf("log.entries[%d]", s.entries), &e); err != nil {
			return err
		}
		s.entries++
		s.entry(&e, s.entries)
		s.pr.forget(s.dec.InputOffset())
	}
	_, err := s.token("log.entries")
	return err
}

// entry keeps what entry n (counted from 1) says.
func (s *harState) entry(e *harEntry, n int) {
	where := fmt.Sprintf("entry %d", n)
	raw := e.Request.URL
	if !networkURL(raw) {
		if strings.TrimSpace(raw) == "" {
			s.rd.warn(where, "no request URL; skipped")
		}
		return // data:, blob:, about: and the like go to no one
	}
	u := clean(raw)
	t, _ := parseTime(e.StartedDateTime)
	if !t.IsZero() {
		s.captured(t)
	}
	typ := harType(e, u)
	s.rd.ev.Requests = append(s.rd.ev.Requests, Request{
		URL:       u,
		Method:    strings.ToUpper(clean(e.Request.Method)),
		Status:    httpStatus(e.Response.Status),
		Type:      typ,
		Initiator: harInitiator(e.Initiator),
		Time:      t,
		Source:    s.rd.at(where),
	})
	host := hostOf(u)
	cand := siteCandidate{host: host, t: t, pageref: e.Pageref, set: true}
	if s.firstAny.earlier(t) {
		s.firstAny = cand
	}
	doc := typ == "document"
	if doc && s.firstDoc.earlier(t) {
		s.firstDoc = cand
	}
	s.cookies(e, u, host, t, where)
	s.pageOf.track(s.rd.ev, e.Pageref, cand, doc)
}

// harType is what an entry loaded: "script", "document", "image"... Chrome,
// Edge, Playwright and chrome-har (Browsertime, puppeteer-har) write it as
// _resourceType; Firefox, Safari, WebPageTest and older chrome-har write
// none, so there the response's MIME type tells: a JavaScript type is a
// script, HTML a document; a response with no type (a redirect, a 304) is
// a script when its path ends in .js or .mjs. "" when nothing tells.
func harType(e *harEntry, u string) string {
	if t := strings.ToLower(clean(e.ResourceType)); t != "" {
		return t
	}
	essence, _, _ := strings.Cut(e.Response.Content.MimeType, ";")
	switch essence = strings.ToLower(strings.TrimSpace(essence)); {
	case jsMIME[essence]:
		return "script"
	case essence == "text/html":
		return "document"
	case essence == "":
		if p, err := url.Parse(u); err == nil {
			if p := strings.ToLower(p.Path); strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".mjs") {
				return "script"
			}
		}
	}
	return ""
}

// jsMIME are the JavaScript MIME type essences of the WHATWG MIME Sniffing
// standard (https://mimesniff.spec.whatwg.org/#javascript-mime-type).
var jsMIME = map[string]bool{
	"application/ecmascript": true, "application/javascript": true, "application/x-ecmascript": true,
	"application/x-javascript": true, "text/ecmascript": true, "text/javascript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
	"text/jscript": true, "text/livescript": true, "text/x-ecmascript": true, "text/x-javascript": true,
}

func (s *harState) finish() error {
	ev := s.rd.ev
	if !s.sawLog {
		return s.rd.fail(locNone, errors.New("no \"log\" object: not a HAR"))
	}
	if s.entries == 0 {
		return s.rd.fail(locNone, fmt.Errorf("%w: the HAR has no entries (export it after the page has loaded, with the Network panel open and recording)", ErrEmpty))
	}
	ev.Site = s.site()
	first := ""
	if s.firstPage != nil {
		first = s.firstPage.ID
	}
	s.pageOf.leaveOtherSites(s.rd, ev.Site, first)
	slices.SortStableFunc(ev.Requests, func(a, b Request) int {
		if a.Time.IsZero() != b.Time.IsZero() {
			return cmp.Compare(boolInt(a.Time.IsZero()), boolInt(b.Time.IsZero()))
		}
		return a.Time.Compare(b.Time)
	})
	if n := s.unreadSetCookies; n > 0 {
		// Browsers refuse a line with a control character too, but keep a
		// name with a space or a non-ASCII letter, which vendex cannot read.
		verb := "could not be read and are"
		if n == 1 {
			verb = "could not be read and is"
		}
		s.rd.warn("", "%s %s left out (the first is named %s); a browser keeps such a cookie unless it holds a control character",
			data.Plural(n, "Set-Cookie header"), verb, data.Quote(s.firstUnread))
	}
	if !s.cookieEvidence && len(ev.Requests) > 0 {
		s.rd.ev.Warnings = append(s.rd.ev.Warnings, Warning{Code: WarnNoCookies, Source: s.rd.at(""), Message: fmt.Sprintf(
			"%d requests and not one cookie, Cookie or Set-Cookie header: either the site set none, or the tool that wrote the HAR left them out "+
				"(Chrome does unless DevTools Settings > Preferences > Network > \"Allow to generate HAR with sensitive data\" is on "+
				"and the HAR is saved with \"Export HAR (with sensitive data)\"); "+
				"a cookie export of the same visit (cookies.txt, Cookie-Editor JSON, Playwright storageState) fills the gap", len(ev.Requests))})
	}
	return nil
}

// site is the host of the page the HAR recorded: Chrome titles its pages
// with their URL; otherwise the first document, or the first request.
func (s *harState) site() string {
	if p := s.firstPage; p != nil {
		if u, err := url.Parse(strings.TrimSpace(p.Title)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return clean(u.Hostname())
		}
	}
	if s.firstDoc.set {
		return s.firstDoc.host
	}
	return s.firstAny.host
}

// harInitiator is the URL that caused a request, from Chrome's
// _initiator: a parser's document, or the innermost script on the stack
// (following async parents). Some tools write a plain URL.
func harInitiator(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil && networkURL(s) {
			return clean(s)
		}
		return ""
	}
	var in struct {
		URL   string     `json:"url"`
		Stack *initStack `json:"stack"`
	}
	if json.Unmarshal(raw, &in) != nil {
		return ""
	}
	for st, depth := in.Stack, 0; st != nil && depth < 64; st, depth = st.Parent, depth+1 {
		for _, f := range st.CallFrames {
			if networkURL(f.URL) {
				return clean(f.URL)
			}
		}
	}
	if networkURL(in.URL) {
		return clean(in.URL)
	}
	return ""
}

type initStack struct {
	CallFrames []struct {
		URL string `json:"url"`
	} `json:"callFrames"`
	Parent *initStack `json:"parent"`
}

// networkURL reports whether s is a URL fetched from a host: http(s) or
// a WebSocket.
func networkURL(s string) bool {
	s = strings.TrimSpace(s)
	i := strings.Index(s, "://")
	if i < 0 || i > 5 {
		return false
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "ws", "wss":
		return true
	}
	return false
}

// hostOf is u's host name, lower case, or "".
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(p.Hostname())
}

func httpStatus(f float64) int {
	if f >= 100 && f < 1000 {
		return int(f)
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
