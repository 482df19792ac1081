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
			n += len(readCookieInput(p).names)
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

// cookieInput is what one input of `vendex cookie` asks about.
type cookieInput struct {
	names  []string
	domain string // a Set-Cookie line's Domain ("uuid=1; domain=.agkn.com" is agkn.com), or ""
}

// readCookieInput reads one input. A name is itself; a cookie string
// pasted from a browser's tools or a request gives its names: "a=1; b=2"
// and "Cookie: a=1; b=2" are a and b, and a Set-Cookie line ("Set-Cookie:
// a=1; Path=/", or its value alone) is its one cookie, on the domain its
// Domain attribute gives. No cookie name holds '=' or ';' (RFC 6265), nor
// does any storage key in the catalogue, so an input with '=' is such a
// string; one without is a name, whatever else it holds, unless it is a
// Cookie or Set-Cookie header with nothing after its colon: that names
// no cookie.
func readCookieInput(in string) cookieInput {
	h, v, header := strings.Cut(in, ":")
	header = header && !strings.ContainsAny(h, "=;")
	if !strings.Contains(in, "=") {
		if header && strings.TrimSpace(v) == "" && isCookieHeader(h) != "" {
			return cookieInput{}
		}
		return cookieInput{names: []string{in}}
	}
	var out cookieInput
	setCookie, domain := false, false
	if header && isCookieHeader(h) != "" {
		// Any other "word:" before the pairs is part of the first name.
		in, setCookie = v, isCookieHeader(h) == "set-cookie"
	}
	for i, pair := range strings.Split(in, ";") {
		name, value, _ := strings.Cut(pair, "=")
		name = strings.TrimSpace(name)
		if slices.Contains(setCookieAttributes, strings.ToLower(name)) {
			setCookie = true
		}
		if i > 0 && !domain && strings.EqualFold(name, "domain") {
			out.domain, domain = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(value)), "."), true
		}
		if name != "" {
			out.names = append(out.names, name)
		}
	}
	if setCookie && len(out.names) > 1 {
		out.names = out.names[:1]
	}
	return out
}

// isCookieHeader is h, a header's name, in lower case when it is
// "cookie" or "set-cookie", else "".
func isCookieHeader(h string) string {
	switch h = strings.ToLower(strings.TrimSpace(h)); h {
	case "cookie", "set-cookie":
		return h
	}
	return ""
}
