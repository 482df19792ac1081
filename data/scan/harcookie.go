package scan

import (
	"github.com/charmbracelet/x/ansi"
	"strings"
	"time"
)

// cookies keeps the cookies a HAR entry sent (request.cookies, the Cookie
// header) and set (response.cookies, Set-Cookie headers). Chrome writes
// both the lists and the headers: a header's cookie already in the list
// is not kept twice.
func (s *harState) cookies(e *harEntry, u, host string, t time.Time, where string) {
	src := s.rd.at(where)
	sent := map[string]bool{}
	for _, c := range e.Request.Cookies {
		s.cookieEvidence = true
		s.rd.badExpiry(where, "a cookie's expires", c.Expires)
		k := harCookieOf(c, host, src)
		// A cookie a request sent says nothing of when it ends: the Cookie
		// header carries names and values only, whatever a HAR writer
		// leaves in the other fields.
		k.Session, k.Expires = false, time.Time{}
		sent[k.Name] = true
		s.rd.addCookie(k)
	}
	for _, h := range e.Request.Headers {
		if !strings.EqualFold(h.Name, "Cookie") {
			continue
		}
		s.cookieEvidence = true
		names, values := parseCookieHeader(strings.TrimSpace(h.Value))
		for i, n := range names {
			if name := cleanName(n); !sent[name] {
				s.rd.addCookie(Cookie{Name: name, Value: clean(values[i]), Domain: host, Source: src})
			}
		}
	}
	set := map[string]bool{}
	for _, c := range e.Response.Cookies {
		s.cookieEvidence = true
		s.rd.badExpiry(where, "a cookie's expires", c.Expires)
		k := harCookieOf(c, host, src)
		k.SetBy = u
		set[k.Name] = true
		s.rd.addCookie(k)
	}
	for _, h := range e.Response.Headers {
		if !strings.EqualFold(h.Name, "Set-Cookie") {
			continue
		}
		s.cookieEvidence = true
		// Firefox joins several Set-Cookie headers with newlines.
		for line := range strings.SplitSeq(h.Value, "\n") {
			line = strings.TrimSpace(line)
			c, ok := parseSetCookie(line)
			if !ok {
				s.unreadable(line)
				continue
			}
			if name := cleanName(c.name); !set[name] {
				k := setCookieOf(c, host, t, src)
				k.SetBy = u
				s.rd.addCookie(k)
			}
		}
	}
}

// unreadable counts a Set-Cookie line that is not empty and that
// parseSetCookie refused, keeping the first one's name to quote in the
// warning: never its value, which is often a session token, in a report
// meant to be shared.
func (s *harState) unreadable(line string) {
	if trimHTTPSpace(line) == "" {
		return
	}
	if s.unreadSetCookies == 0 {
		pair, _, _ := strings.Cut(line, ";")
		name, _, _ := strings.Cut(pair, "=")
		s.firstUnread = ansi.Truncate(trimHTTPSpace(name), 40, "…")
	}
	s.unreadSetCookies++
}

// harCookieOf is a HAR cookie; one without a domain is the host's.
func harCookieOf(c harCookie, host, src string) Cookie {
	k := Cookie{
		Name:     cleanName(c.Name),
		Value:    clean(c.Value),
		Domain:   strings.ToLower(clean(c.Domain)),
		Path:     clean(c.Path),
		Expires:  c.Expires.T,
		Session:  !c.Expires.Set,
		HTTPOnly: c.HTTPOnly,
		Secure:   c.Secure,
		SameSite: sameSite(c.SameSite),
		Source:   src,
	}
	if k.Domain == "" {
		k.Domain = host
	}
	return k
}

// setCookieOf is a cookie a Set-Cookie header set at t; Max-Age counts
// from t.
func setCookieOf(c setCookie, host string, t time.Time, src string) Cookie {
	k := Cookie{
		Name:     cleanName(c.name),
		Value:    clean(c.value),
		Domain:   strings.ToLower(clean(c.domain)),
		Path:     clean(c.path),
		HTTPOnly: c.httpOnly,
		Secure:   c.secure,
		SameSite: c.sameSite,
		Source:   src,
	}
	if k.Domain == "" {
		k.Domain = host
	} else if !strings.HasPrefix(k.Domain, ".") {
		k.Domain = "." + k.Domain // a Domain attribute reaches every subdomain
	}
	switch {
	case c.maxAge > 0 && !t.IsZero():
		k.Expires = t.Add(time.Duration(c.maxAge) * time.Second)
	case !c.expires.IsZero():
		k.Expires = c.expires
	default:
		k.Session = c.maxAge == 0
	}
	return k
}
