package cli

import (
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
)

func cmdCookie(c *cli, args []string) error {
	fs := c.flags("cookie")
	asJSON := fs.Bool("json", false, "one JSON object per line: each owner of each name (as lookup --json)")
	all := fs.Bool("all", false, "list every vendor that sets each name, not only the first")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("cookie needs a cookie or storage key name, or - to read names from stdin")
	}
	if len(pos) > 1 && slices.Contains(pos, "-") {
		return usagef("cookie reads stdin (-) alone, not with names")
	}
	for _, p := range pos {
		if strings.TrimSpace(p) == "" {
			// No vendor sets a nameless cookie: an empty argument is a slip
			// (an unset shell variable), as search's empty query is.
			return usagef("cookie needs a cookie or storage key name; the name given is empty")
		}
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	n := 0
	if pos[0] != "-" {
		for _, p := range pos {
			n += len(cookieNames(p))
		}
		if n == 0 {
			return usagef("cookie needs a cookie or storage key name; %s names none", data.Quote(strings.Join(pos, " ")))
		}
	}
	// One name asks who sets it: every vendor. Several are answered as
	// lookup answers several hosts, a line each, unless --all.
	one := n == 1
	return cookieBatch(c, s, pos, *asJSON, *all || one)
}

// setCookieAttributes are the attributes a Set-Cookie header may carry
// after its cookie (RFC 6265 and its drafts), in lower case.
var setCookieAttributes = []string{"expires", "max-age", "domain", "path", "secure", "httponly", "samesite", "priority", "partitioned"}

// emptyCookieHeader reports whether in is a Cookie or Set-Cookie header
// with nothing after its colon.
func emptyCookieHeader(in string) bool {
	h, v, ok := strings.Cut(in, ":")
	if !ok || strings.TrimSpace(v) != "" {
		return false
	}
	h = strings.ToLower(strings.TrimSpace(h))
	return h == "cookie" || h == "set-cookie"
}

// cookieNames are the names an input asks about. A name is itself; a
// cookie string pasted from a browser's tools or a request gives its
// names: "a=1; b=2" and "Cookie: a=1; b=2" are a and b, and a Set-Cookie
// line ("Set-Cookie: a=1; Path=/", or its value alone) is its one cookie.
// No cookie name holds '=' or ';' (RFC 6265), nor does any storage key
// in the catalogue, so an input with '=' is such a string; one without is
// a name, whatever else it holds.
func cookieNames(in string) []string {
	in = strings.TrimSpace(in)
	if !strings.Contains(in, "=") {
		return []string{in}
	}
	setCookie := false
	if h, v, ok := strings.Cut(in, ":"); ok && !strings.ContainsAny(h, "=;") {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "cookie":
			in = v
		case "set-cookie":
			in, setCookie = v, true
		}
	}
	var names []string
	for pair := range strings.SplitSeq(in, ";") {
		name, _, _ := strings.Cut(pair, "=")
		name = strings.TrimSpace(name)
		if slices.Contains(setCookieAttributes, strings.ToLower(name)) {
			setCookie = true
		}
		if name != "" {
			names = append(names, name)
		}
	}
	if setCookie && len(names) > 1 {
		names = names[:1]
	}
	return names
}

// setCookieDomain is the Domain attribute of a Set-Cookie line ("uuid=1;
// domain=.agkn.com" is agkn.com), or "" for a line without one or a name.
func setCookieDomain(in string) string {
	if !strings.Contains(in, "=") {
		return ""
	}
	if h, v, ok := strings.Cut(in, ":"); ok && !strings.ContainsAny(h, "=;") {
		in = v
	}
	for i, pair := range strings.Split(in, ";") {
		name, value, _ := strings.Cut(pair, "=")
		if i > 0 && strings.EqualFold(strings.TrimSpace(name), "domain") {
			return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(value)), ".")
		}
	}
	return ""
}
