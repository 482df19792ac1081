package data

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

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
// "bücher.example". IP addresses are accepted as hosts.
func ParseTarget(in string) (Target, error) {
	s := strings.TrimSpace(in)
	if s == "" {
		return Target{}, fmt.Errorf("%w: empty input", ErrBadHost)
	}
	if strings.ContainsAny(s, " \t\r\n\x00") {
		return Target{}, fmt.Errorf("%w: %q contains spaces or control characters", ErrBadHost, in)
	}
	raw := s
	switch {
	case strings.Contains(s, "://"):
	case strings.HasPrefix(s, "//"):
		raw = "http:" + s
	default:
		raw = "http://" + s
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Target{}, fmt.Errorf("%w: %q: %v", ErrBadHost, in, err)
	}
	host := u.Hostname()
	if host == "" {
		return Target{}, fmt.Errorf("%w: %q has no host", ErrBadHost, in)
	}
	host, err = NormalizeHost(host)
	if err != nil {
		return Target{}, fmt.Errorf("%w: %q: %v", ErrBadHost, in, err)
	}
	return Target{Host: host, Path: u.EscapedPath()}, nil
}

// NormalizeHost lower-cases a host, drops a trailing dot and turns an
// internationalised name into its ASCII (punycode) form.
func NormalizeHost(h string) (string, error) {
	h = strings.TrimSuffix(strings.TrimSpace(h), ".")
	if h == "" {
		return "", errors.New("empty host")
	}
	if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
		return ip.String(), nil
	}
	a, err := hostProfile.ToASCII(h)
	if err != nil {
		return "", err
	}
	a = strings.ToLower(a)
	if !validHostName(a) {
		return "", fmt.Errorf("%q is not a valid host name", h)
	}
	return a, nil
}

func validHostName(h string) bool {
	if len(h) == 0 || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			default:
				return false
			}
		}
	}
	return true
}

// HostSuffixes returns h and each parent domain, longest first:
// a.b.example.com, b.example.com, example.com, com.
func HostSuffixes(h string) []string {
	out := []string{h}
	for {
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return out
		}
		h = h[i+1:]
		out = append(out, h)
	}
}

// MatchPattern reports whether name matches pattern, where '*' in the
// pattern stands for any run of characters. Matching is case-sensitive, as
// cookie and storage names are.
func MatchPattern(pattern, name string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == name
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	return len(name) >= len(last) && strings.HasSuffix(name, last)
}

// IsPattern reports whether a storage name is a wildcard pattern.
func IsPattern(name string) bool { return strings.Contains(name, "*") }
