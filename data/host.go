package data

import (
	"errors"
	"fmt"
	"iter"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vendex/vendex/data/internal/publicsuffix"
	"golang.org/x/net/idna"
)

// Target is a normalised lookup input: a lower-case ASCII host (IDNs in
// punycode, no port, no trailing dot) and the URL path, if any.
type Target struct {
	Host string
	Path string
}

// ErrBadHost is wrapped by every ParseTarget error.
var ErrBadHost = errors.New("not a host name or URL")

var hostProfile = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(false))

// ParseTarget reads a host or URL as a user would paste it:
// "https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js",
// "WWW.Example.COM.", "example.com:8443", "//cdn.example.com/x.js",
// "bücher.example", ".doubleclick.net" (a cookie's domain). IP addresses
// are accepted as hosts, and a host that ends in a number must be one
// (300.1.1.1 is refused). An error says, in
// a user's words, what is wrong with the input.
func ParseTarget(in string) (Target, error) {
	if plainHost(in) {
		// A bare lower-case host, as a batch lookup's lines mostly are:
		// what the general path below would make of it, without parsing
		// a URL or allocating.
		return Target{Host: strings.TrimSuffix(in, ".")}, nil
	}
	s := strings.TrimSpace(in)
	bad := func(why string) (Target, error) {
		return Target{}, fmt.Errorf("%w: %s (%s)", ErrBadHost, Quote(in), why)
	}
	if s == "" {
		return Target{}, fmt.Errorf("%w: the input is empty", ErrBadHost)
	}
	if len(s) > 8192 {
		return bad("longer than 8 KiB")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return bad("contains spaces")
	}
	if !utf8.ValidString(s) {
		return bad("it is not valid UTF-8")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' || bidiControl(r) {
			return bad("contains control characters")
		}
	}
	raw := s
	switch {
	case strings.Contains(s, "://"):
	case strings.HasPrefix(s, "//"):
		raw = "http:" + s
	default:
		// ".doubleclick.net" is how a cookie names its domain (the domain
		// and every host under it): the host is doubleclick.net.
		raw = "http://" + strings.TrimPrefix(s, ".")
	}
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(err.Error(), "invalid port") {
			return bad("the port is not a number")
		}
		return bad("it does not parse as a URL")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return bad("the port is not a number from 1 to 65535")
		}
	}
	host := u.Hostname()
	if host == "" {
		return bad("there is no host in it")
	}
	host, err = NormalizeHost(host)
	if err != nil {
		return bad(err.Error())
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		// The query stays: it can name the product (gtag/js?id=AW-... is
		// Google Ads, ?id=G-... Google Analytics), and a path rule is a
		// prefix, so /gtag/js still covers both.
		path += "?" + u.RawQuery
	}
	return Target{Host: host, Path: path}, nil
}

// plainHost reports whether s is a lower-case ASCII host name that
// ParseTarget would return as it is (but for a trailing dot): letters,
// digits, '-', '_' and dots, with labels of 1 to 63 characters that
// neither start nor end with a hyphen.
func plainHost(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			n := i - start
			if n == 0 || n > 63 || s[start] == '-' || s[i-1] == '-' {
				return false
			}
			start = i + 1
			continue
		}
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return !EndsInNumber(s)
}

// EndsInNumber reports whether h's last label is a number, all digits or
// 0x and hex digits, as the URL standard's "ends in a number" has it: a
// browser reads such a host as an IPv4 address, so it is one or it is no
// host at all (300.1.1.1, example.0x10).
func EndsInNumber(h string) bool {
	last := h[strings.LastIndexByte(h, '.')+1:]
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	if len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') {
		last = last[2:]
		if last == "" {
			return true
		}
		digit = func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	} else if last == "" {
		return false
	}
	for i := 0; i < len(last); i++ {
		if !digit(last[i]) {
			return false
		}
	}
	return true
}

// HostLike reports whether s, as written (an alias, say), is a host name
// under a public suffix ICANN manages ("analytics.yahoo.com", "Tawk.to"),
// not a file or a product written with a dot ("analytics.js", "w3.css").
func HostLike(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || !plainHost(strings.ToLower(s)) {
		return false
	}
	_, icann := publicsuffix.PublicSuffix(strings.ToLower(s[i+1:]))
	return icann
}

// IsSite reports whether host is a registrable domain itself (google.be,
// example.co.uk), not a host below one: Site(host) == host, without
// building Site's answer.
func IsSite(host string) bool {
	host = strings.ToLower(host)
	label, rest, ok := strings.Cut(host, ".")
	if !ok || label == "" {
		return false
	}
	suffix, _ := publicsuffix.PublicSuffix(host)
	return suffix == rest
}

// IPAddress reports whether h (brackets allowed) is an IP address, and
// gives its canonical text: dotted for IPv4, an IPv4-mapped IPv6 address
// included, RFC 5952 for IPv6; no zone. It is net.ParseIP's rule and
// text, kept here so that vendex does not link package net, whose cgo
// resolver made every vendex process a dynamically linked one.
func IPAddress(h string) (string, bool) {
	h = strings.Trim(h, "[]")
	// A host name is told at once: a byte no address has (a letter past
	// f, a hyphen) answers without parsing, whose error was an allocation
	// for every host an import checks. A zone's % is such a byte, and a
	// zone is refused anyway.
	for i := 0; i < len(h); i++ {
		if c := h[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':') {
			return "", false
		}
	}
	ip, err := netip.ParseAddr(h)
	if err != nil || ip.Zone() != "" {
		return "", false
	}
	return ip.Unmap().String(), true
}

// NormalizeHost lower-cases a host, drops a trailing dot and turns an
// internationalised name into its ASCII (punycode) form.
func NormalizeHost(h string) (string, error) {
	h = strings.TrimSuffix(strings.TrimSpace(h), ".")
	if h == "" {
		return "", errors.New("the host is empty")
	}
	if ip, ok := IPAddress(h); ok {
		return ip, nil
	}
	if strings.Contains(h, "..") || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") {
		return "", errors.New("the host has an empty label: two dots in a row")
	}
	a := strings.ToLower(h)
	if !isASCII(h) {
		// Only an internationalised name goes through IDNA: its rules
		// also refuse ASCII labels real sites use, such as the "--" at
		// the third and fourth characters of YouTube's video hosts
		// (r5---sn-najern7r.googlevideo.com).
		var err error
		if a, err = hostProfile.ToASCII(h); err != nil {
			return "", errors.New("the host holds characters a domain name cannot have")
		}
		a = strings.ToLower(a)
	}
	if err := checkHostName(a); err != nil {
		return "", err
	}
	return a, nil
}

// checkHostName says what is wrong with h as a domain name, if anything.
func checkHostName(h string) error {
	if len(h) > 253 {
		return fmt.Errorf("the host is %d characters long; a domain name has at most 253", len(h))
	}
	for _, label := range strings.Split(h, ".") {
		switch {
		case label == "":
			return errors.New("the host has an empty label: two dots in a row")
		case len(label) > 63:
			return fmt.Errorf("a label of the host is %d characters long; at most 63 are allowed", len(label))
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			default:
				return errors.New("the host holds characters a domain name cannot have")
			}
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("the label %q starts or ends with a hyphen, which a domain name cannot", label)
		}
	}
	if EndsInNumber(h) {
		return errors.New("it ends in a number but is not an IP address: an IPv4 address is four decimal numbers from 0 to 255, without leading zeros")
	}
	return nil
}

// MatchPattern reports whether name matches pattern, where '*' in the
// pattern stands for any run of characters. Matching is case-sensitive, as
// cookie and storage names are.
func MatchPattern(pattern, name string) bool {
	// Cut, not Split: a batch of names is matched against every pattern,
	// and this allocates nothing.
	first, rest, ok := strings.Cut(pattern, "*")
	if !ok {
		return pattern == name
	}
	if !strings.HasPrefix(name, first) {
		return false
	}
	name = name[len(first):]
	for {
		part, more, ok := strings.Cut(rest, "*")
		if !ok { // the last part: name must end with it
			return strings.HasSuffix(name, part)
		}
		i := strings.Index(name, part)
		if i < 0 {
			return false
		}
		name, rest = name[i+len(part):], more
	}
}

// IsPattern reports whether a storage name is a wildcard pattern.
func IsPattern(name string) bool { return strings.Contains(name, "*") }

// GenericName reports whether a storage name is one a site's own code
// could give its cookie with no vendor in mind: a lower-case word of four
// letters at most (cart, lang, mbox) or an underscore and one letter (_s,
// _y). Its vendor's card may list it, but only that vendor's presence on
// the page makes it that vendor's (see audit's byName). Names with a mark
// of their own (_ga, _fbp, _shopify_y, JSESSIONID) are not generic.
func GenericName(name string) bool {
	if len(name) == 2 && name[0] == '_' {
		return 'a' <= name[1] && name[1] <= 'z'
	}
	if len(name) == 0 || len(name) > 4 {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// ShortName reports whether a storage name is too short to tell a
// vendor's from a site's own: a name of three letters or digits at most
// (A, DV, pi, chk, OID), or a pattern whose fixed part is a character or
// two (_s*, SR*, tp*). Names of three characters with a mark of their
// own, such as _ga, are not.
func ShortName(name string) bool {
	if IsPattern(name) {
		return len(strings.ReplaceAll(name, "*", "")) <= 2
	}
	if len(name) > 3 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// UnicodeHost is h (as NormalizeHost gives it, its labels in ASCII) with
// its internationalised labels shown as a person writes them:
// "xn--mnchen-3ya.de" is "münchen.de". A label that does not decode stays.
func UnicodeHost(h string) string {
	if !strings.Contains(h, "xn--") {
		return h
	}
	u, err := idna.ToUnicode(h)
	if err != nil {
		return h
	}
	return u
}

// InDomain reports whether host is domain or a name under it (a cookie's
// domain, a site): www.shop.example is in shop.example, shop.example.org is
// not. A leading dot on domain, as cookie domains have, is ignored.
func InDomain(host, domain string) bool {
	domain = strings.TrimPrefix(domain, ".")
	return host == domain || (strings.HasSuffix(host, domain) && len(host) > len(domain) && host[len(host)-len(domain)-1] == '.')
}

// Site is host's registrable domain (shop.example for www.shop.example,
// shop.co.uk for www.shop.co.uk), by the Public Suffix List, or "" when it
// has none (a public suffix itself, an IP address). A leading dot is
// ignored and the host is lower-cased.
func Site(host string) string {
	s, err := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(strings.TrimPrefix(host, ".")))
	if err != nil {
		return ""
	}
	return s
}

// HostingSuffix is the public suffix of the List's private section that
// host sits below (github.io for someone.github.io, s3.amazonaws.com for a
// bucket's name), or "" when host is not below one: a company lists such a
// suffix because its customers get names under it, so a name there is the
// customer's, not the company's.
func HostingSuffix(host string) string {
	ps, icann := publicsuffix.PublicSuffix(host)
	if icann || ps == host || !strings.Contains(ps, ".") {
		return ""
	}
	return ps
}

// HostingSuffixOfMany is HostingSuffix for a caller asking about many
// hosts, most of them below no private suffix: a table of the List's
// private names (built on the first call, as HostingSuffixMayReach's)
// rules those out with a map lookup or two, without walking the List.
func HostingSuffixOfMany(host string) string {
	if !publicsuffix.MayBeBelowPrivate(host) {
		return ""
	}
	return HostingSuffix(host)
}

// HostingSuffixMayReach reports whether HostingSuffix of a name below
// domain may be domain or a name below it. When it is false, a walk up
// from such a name can tell that domain is not at or above its hosting
// suffix without working it out. The first call builds a table of the
// List's private names: it is for callers asking about many names.
func HostingSuffixMayReach(domain string) bool {
	return publicsuffix.PrivateReaches(domain)
}

// Parents yields host and each domain above it, longest first
// (a.b.example.com, b.example.com, example.com, com), without allocating:
// the walk every "longest claimed domain wins" rule takes.
func Parents(host string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for s := host; ; {
			if !yield(s) {
				return
			}
			i := strings.IndexByte(s, '.')
			if i < 0 {
				return
			}
			s = s[i+1:]
		}
	}
}

// IsPublicSuffix reports whether host is a suffix of the Public Suffix
// List (com, co.uk, github.io), under which others register their names,
// rather than a host of its own. A single name the List does not know
// (localhost, a docker-compose service called web) is a host: only the
// List's "*" rule makes it a suffix.
func IsPublicSuffix(host string) bool {
	ps, icann := publicsuffix.PublicSuffix(host)
	return ps == host && (icann || strings.Contains(host, "."))
}

// PlatformsOwnName reports whether host, under a domain a card marks as
// hosting its customers' sites (wordpress.com, squarespace.com), is the
// platform's own name rather than a customer's: the www name of the
// platform's own domain, which leads to its website (www.wordpress.com),
// as no customer can sign up as "www". Under a Public Suffix List suffix
// (netlify.app, github.io, herokuapp.com, s3.amazonaws.com) a www name is
// a customer's like any other, whose owner is unknown: nothing says the
// platform keeps it (review9: trial8 gave every such www name to the
// platform). Where a source shows it does, the card claims that name
// itself, with the source: the catalogue is the one list of them, and an
// exact claim answers before any hosting rule.
func PlatformsOwnName(host, domain string) bool {
	rest, ok := strings.CutSuffix(host, domain)
	return ok && rest == "www." && HostingSuffix(host) != domain
}

// HostedMiss says what a host no vendor claims is when it sits under a
// hosting domain (suffix, hosted by hostedBy: someone.github.io under
// github.io, GitHub): that whose it is is not known, first, so that a
// status line cut to 40 cells still says it, then whose hosting it is.
// hostedBy is "" for a hosting suffix of the Public Suffix List no card
// names (gitlab.io): a platform's users' names, whose platform not said.
// vendex lookup's row and the browser's lookup both say it so.
func HostedMiss(suffix, hostedBy string) string {
	if hostedBy == "" {
		return "owner unknown: a name under " + CleanLine(suffix) + ", a hosting platform's suffix for its users' sites"
	}
	return "owner unknown: a name under " + CleanLine(suffix) + ", hosted by " + CleanLine(hostedBy)
}

// IsHostingSuffix reports whether host is itself a suffix of the List's
// private section (gitlab.io, github.io): a platform's, under which each
// name is a user's site.
func IsHostingSuffix(host string) bool {
	ps, icann := publicsuffix.PublicSuffix(host)
	return !icann && ps == host && strings.Contains(ps, ".")
}

// SuffixMiss says what a hosting suffix no vendor claims is (gitlab.io),
// as HostedMiss says it of a name under it (verify10: lookup gitlab.io said
// only "no vendor known" while alice.gitlab.io got the hint).
func SuffixMiss(suffix string) string {
	return "owner unknown: " + CleanLine(suffix) + " is a hosting platform's suffix; each name under it is a user's site"
}

// ProbeHost is, for a per-visitor name of Akamai's own DNS-mapping probe
// (kxsyq7b6p6iugyp4xbqq-phui23-a8bcda042-clientnsv4-s.akamaihd.net,
// 85-229-136-124_s-62-127-145-185_ts-1643952225-clienttons-s.akamaihd.net),
// the probe's fixed name the catalogue lists
// (trial-eum-clientnsv4-s.akamaihd.net): mPulse asks the fixed name's
// /eum/getdns.txt, which redirects to a name made for the visitor, so
// whose the request is does not depend on the random part. Tracker Radar
// files each such name it saw (15) under Akamai, and the ferguson.com
// capture in testdata shows the redirect. Any other t comes back as it is.
func (t Target) ProbeHost() Target {
	label, ok := strings.CutSuffix(t.Host, "-s.akamaihd.net")
	if !ok || strings.Contains(label, ".") || strings.HasPrefix(label, "trial-eum-") {
		return t
	}
	for _, family := range []string{"-clientnsv4", "-clienttons"} {
		if strings.HasSuffix(label, family) {
			return Target{Host: "trial-eum" + family + "-s.akamaihd.net", Path: t.Path}
		}
	}
	return t
}

// BucketHost is, for a path-style request to an object store
// (https://s3.amazonaws.com/BUCKET/key, s3.eu-west-1.amazonaws.com,
// s3-eu-west-1.amazonaws.com, s3.dualstack.REGION.amazonaws.com), the same
// request in the virtual-hosted style the store also answers
// (BUCKET.s3.amazonaws.com/key), so that whose a file is does not depend
// on how its URL was written: the bucket is the customer's either way
// (AWS's "Methods for accessing a bucket"). Any other t comes back as it is.
func (t Target) BucketHost() Target {
	h := t.Host
	if !strings.HasPrefix(h, "s3") || !strings.HasSuffix(strings.TrimSuffix(h, ".cn"), ".amazonaws.com") || !s3Endpoint(h) {
		return t
	}
	bucket, rest, _ := strings.Cut(strings.TrimPrefix(t.Path, "/"), "/")
	if !validBucket(bucket) {
		return t
	}
	return Target{Host: bucket + "." + h, Path: "/" + rest}
}

// s3Endpoint reports whether h, a host under amazonaws.com(.cn) starting
// "s3", is an S3 endpoint that takes path-style requests: s3, s3.REGION,
// s3-REGION, s3.dualstack.REGION, s3-external-1; not a website endpoint
// (s3-website-REGION), which serves buckets only by name.
func s3Endpoint(h string) bool {
	first, rest, _ := strings.Cut(h, ".")
	base, ok := strings.CutSuffix(rest, "amazonaws.com")
	if !ok {
		base, ok = strings.CutSuffix(rest, "amazonaws.com.cn")
	}
	if !ok {
		return false
	}
	switch {
	case strings.HasPrefix(first, "s3-website"):
		return false
	case first == "s3":
		// "" or "REGION." or "dualstack.REGION.": one region label, no
		// more (s3.example.com.s3.amazonaws.com is a bucket's name).
		region := strings.TrimPrefix(base, "dualstack.")
		return base == "" || (strings.Count(region, ".") == 1 && strings.HasSuffix(region, ".") && len(region) > 1)
	default:
		return strings.HasPrefix(first, "s3-") && base == ""
	}
}

// validBucket reports whether s can be an S3 bucket's name: 3 to 63
// lower-case letters, digits, dots and hyphens, starting and ending with a
// letter or digit.
func validBucket(s string) bool {
	if len(s) < 3 || len(s) > 63 || s[0] == '.' || s[0] == '-' || s[len(s)-1] == '.' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}
