package scan

import (
	"errors"
	"fmt"
	"strings"
)

// Cookie exports in JSON: Playwright's storageState, and the arrays
// browser extensions write.

// jsonCookie is a cookie as Playwright (expires: epoch seconds, -1 for a
// session), Cookie-Editor, EditThisCookie and WebExtensions'
// cookies.Cookie (expirationDate: float seconds, absent for a session;
// hostOnly; session) write it.
type jsonCookie struct {
	Name           string   `json:"name"`
	Value          string   `json:"value"`
	Domain         string   `json:"domain"`
	Path           string   `json:"path"`
	Expires        flexTime `json:"expires"`
	ExpirationDate flexTime `json:"expirationDate"`
	Session        *bool    `json:"session"`
	HostOnly       *bool    `json:"hostOnly"`
	HTTPOnly       bool     `json:"httpOnly"`
	Secure         bool     `json:"secure"`
	SameSite       *string  `json:"sameSite"`
}

func (rd *reader) jsonCookie(c jsonCookie, where string) {
	k := Cookie{
		Name:     cleanName(c.Name),
		Value:    clean(c.Value),
		Domain:   strings.ToLower(clean(c.Domain)),
		Path:     clean(c.Path),
		HTTPOnly: c.HTTPOnly,
		Secure:   c.Secure,
		Source:   rd.at(where),
	}
	if c.SameSite != nil {
		k.SameSite = sameSite(*c.SameSite)
	}
	rd.badExpiry(where, "expirationDate", c.ExpirationDate)
	rd.badExpiry(where, "expires", c.Expires)
	switch {
	case c.ExpirationDate.Set:
		k.Expires = c.ExpirationDate.T
	case c.Expires.Set:
		k.Expires = c.Expires.T
	}
	k.Session = k.Expires.IsZero()
	if c.Session != nil && *c.Session {
		k.Session, k.Expires = true, k.Expires.Truncate(0)
	}
	// A host-only cookie is the host's alone; a domain cookie reaches its
	// subdomains, which the model writes with a leading dot.
	if c.HostOnly != nil && !*c.HostOnly && k.Domain != "" && !strings.HasPrefix(k.Domain, ".") {
		k.Domain = "." + k.Domain
	}
	if c.HostOnly != nil && *c.HostOnly {
		k.Domain = strings.TrimPrefix(k.Domain, ".")
	}
	rd.addCookie(k)
}

func (rd *reader) cookieJar(b []byte) error {
	var cs []jsonCookie
	if err := rd.unmarshal(b, &cs); err != nil {
		return err
	}
	for i, c := range cs {
		if strings.TrimSpace(c.Name) == "" {
			rd.warn(fmt.Sprintf("cookie %d", i+1), "no name; skipped")
			continue
		}
		rd.jsonCookie(c, fmt.Sprintf("cookie %d", i+1))
	}
	return nil
}

// storageState is Playwright's browserContext.storageState(): cookies and,
// by origin, localStorage (name/value pairs).
func (rd *reader) storageState(b []byte) error {
	var st struct {
		Cookies []jsonCookie `json:"cookies"`
		Origins []struct {
			Origin       string `json:"origin"`
			LocalStorage []struct {
				Name string `json:"name"`
			} `json:"localStorage"`
		} `json:"origins"`
	}
	if err := rd.unmarshal(b, &st); err != nil {
		return err
	}
	if st.Cookies == nil && st.Origins == nil {
		return rd.fail(locNone, errors.New("no cookies or origins: not a Playwright storageState"))
	}
	for i, c := range st.Cookies {
		rd.jsonCookie(c, fmt.Sprintf("cookies[%d]", i))
	}
	for i, o := range st.Origins {
		origin := clean(o.Origin)
		for _, kv := range o.LocalStorage {
			if name := cleanName(kv.Name); name != "" {
				rd.ev.Storage = append(rd.ev.Storage, StorageKey{Origin: origin, Kind: "localStorage", Name: name,
					Source: rd.at(fmt.Sprintf("origins[%d]", i))})
			}
		}
	}
	return nil
}

// trc is a DuckDuckGo tracker-radar-collector crawl: the page (initialUrl,
// finalUrl), when (testStarted, epoch milliseconds), data.requests with
// their initiators, data.cookies (expires in epoch milliseconds, absent
// for a session).
func (rd *reader) trc(b []byte) error {
	var crawl struct {
		InitialURL  string   `json:"initialUrl"`
		FinalURL    string   `json:"finalUrl"`
		TestStarted *float64 `json:"testStarted"`
		Data        struct {
			Requests []struct {
				URL        string   `json:"url"`
				Method     string   `json:"method"`
				Type       string   `json:"type"`
				Status     float64  `json:"status"`
				Initiators []string `json:"initiators"`
			} `json:"requests"`
			Cookies []jsonCookie `json:"cookies"`
		} `json:"data"`
	}
	if err := rd.unmarshal(b, &crawl); err != nil {
		return err
	}
	if crawl.InitialURL == "" && crawl.FinalURL == "" {
		return rd.fail(locNone, errors.New("no initialUrl or finalUrl: not a tracker-radar-collector crawl"))
	}
	ev := rd.ev
	ev.Site = hostOf(clean(firstNonEmpty(crawl.FinalURL, crawl.InitialURL)))
	if crawl.TestStarted != nil {
		ev.Captured = epoch(*crawl.TestStarted)
	}
	for i, r := range crawl.Data.Requests {
		u := clean(r.URL)
		if !networkURL(u) {
			continue
		}
		q := Request{URL: u, Method: strings.ToUpper(clean(r.Method)), Type: strings.ToLower(clean(r.Type)),
			Status: httpStatus(r.Status), Source: rd.at(fmt.Sprintf("data.requests[%d]", i))}
		// initiators is the initiator's URL, then the stack's scripts,
		// innermost first: the first is the closest.
		for _, in := range r.Initiators {
			if in = clean(in); networkURL(in) {
				q.Initiator = in
				break
			}
		}
		ev.Requests = append(ev.Requests, q)
	}
	for i, c := range crawl.Data.Cookies {
		rd.jsonCookie(c, fmt.Sprintf("data.cookies[%d]", i))
	}
	return nil
}
