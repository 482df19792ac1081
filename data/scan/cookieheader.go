package scan

import (
	"strconv"
	"strings"
	"time"
)

// The Cookie and Set-Cookie headers a HAR carries are read by the rules
// of net/http's ParseCookie and ParseSetCookie (FuzzCookieHeaders holds
// them to those), here rather than through net/http: importing it linked
// package net, whose cgo resolver made every vendex process, a lookup of
// one host included, a dynamically linked one that starts slower.

// setCookie is what a Set-Cookie header says of its cookie.
type setCookie struct {
	name, value, domain, path string
	secure, httpOnly          bool
	sameSite                  string // "Lax", "Strict", "None", or "" when unset or unknown
	// maxAge is 0 when the header gives none, -1 when it ends the cookie
	// now, else the seconds it lives.
	maxAge  int
	expires time.Time // UTC; zero when absent or unreadable
}

// maxCookiesPerHeader is net/http's bound on the pairs of one Cookie
// header: a longer header yields none.
const maxCookiesPerHeader = 3000

// parseCookieHeader is the name=value pairs of a Cookie header: none if
// any pair is malformed, as net/http reads it.
func parseCookieHeader(line string) (names, values []string) {
	if strings.Count(line, ";")+1 > maxCookiesPerHeader {
		return nil, nil
	}
	line = trimHTTPSpace(line)
	if line == "" {
		return nil, nil
	}
	for part := range strings.SplitSeq(line, ";") {
		name, raw, found := strings.Cut(trimHTTPSpace(part), "=")
		value, ok := cookieValue(raw, true)
		if !found || !isToken(name) || !ok {
			return nil, nil
		}
		names, values = append(names, name), append(values, value)
	}
	return names, values
}

// parseSetCookie reads a Set-Cookie header; false when its name=value is
// malformed. An attribute it cannot read is ignored.
func parseSetCookie(line string) (setCookie, bool) {
	line = trimHTTPSpace(line)
	if line == "" {
		return setCookie{}, false
	}
	first, attrs, _ := strings.Cut(line, ";")
	name, raw, found := strings.Cut(trimHTTPSpace(first), "=")
	name = trimHTTPSpace(name)
	value, ok := cookieValue(raw, true)
	if !found || !isToken(name) || !ok {
		return setCookie{}, false
	}
	c := setCookie{name: name, value: value}
	for attrs != "" {
		var a string
		a, attrs, _ = strings.Cut(attrs, ";")
		attr, raw, _ := strings.Cut(trimHTTPSpace(a), "=")
		val, ok := cookieValue(raw, false)
		if attr == "" || !isPrintASCII(attr) || !ok {
			continue
		}
		switch strings.ToLower(attr) {
		case "samesite":
			switch strings.ToLower(val) {
			case "lax":
				c.sameSite = "Lax"
			case "strict":
				c.sameSite = "Strict"
			case "none":
				c.sameSite = "None"
			default:
				c.sameSite = ""
			}
		case "secure":
			c.secure = true
		case "httponly":
			c.httpOnly = true
		case "domain":
			c.domain = val
		case "path":
			c.path = val
		case "max-age":
			// A leading zero makes the attribute unreadable, not zero.
			if secs, err := strconv.Atoi(val); err == nil && (secs == 0 || val[0] != '0') {
				c.maxAge = secs
				if secs <= 0 {
					c.maxAge = -1 // the cookie ends now
				}
			}
		case "expires":
			t, err := time.Parse(time.RFC1123, val)
			if err != nil {
				t, err = time.Parse("Mon, 02-Jan-2006 15:04:05 MST", val)
			}
			c.expires = time.Time{}
			if err == nil {
				c.expires = t.UTC()
			}
		}
	}
	return c, true
}

// trimHTTPSpace trims the spaces, tabs, CRs and LFs around s.
func trimHTTPSpace(s string) string {
	return strings.Trim(s, " \t\r\n")
}

// cookieValue is a cookie value or attribute value without the double
// quotes a cookie's own value may wear; false if it holds a control,
// non-ASCII, double quote, semicolon or backslash byte.
func cookieValue(raw string, unquote bool) (string, bool) {
	if unquote && len(raw) > 1 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	}
	for i := range len(raw) {
		if b := raw[i]; b < 0x20 || b >= 0x7f || b == '"' || b == ';' || b == '\\' {
			return "", false
		}
	}
	return raw, true
}

// isToken reports whether s is a non-empty HTTP token (RFC 7230): a
// cookie name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		switch b := s[i]; {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0:
		default:
			return false
		}
	}
	return true
}

func isPrintASCII(s string) bool {
	for i := range len(s) {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
