package data

import (
	"strings"
	"testing"
)

func TestInDomainAndSite(t *testing.T) {
	for _, c := range []struct {
		host, domain string
		in           bool
	}{
		{"www.shop.example", "shop.example", true},
		{"shop.example", ".shop.example", true},
		{"shop.example.org", "shop.example", false},
		{"myshop.example", "shop.example", false},
		{"shop.example", "www.shop.example", false},
	} {
		if got := InDomain(c.host, c.domain); got != c.in {
			t.Errorf("InDomain(%q, %q) = %v", c.host, c.domain, got)
		}
	}
	for host, want := range map[string]string{"www.shop.co.uk": "shop.co.uk", ".Shop.Example": "shop.example", "co.uk": "", "a.b.github.io": "b.github.io"} {
		if got := Site(host); got != want {
			t.Errorf("Site(%q) = %q, want %q", host, got, want)
		}
	}
}

// IsSite answers as Site(host) == host does.
func TestIsSiteIsSiteOfItself(t *testing.T) {
	for _, host := range []string{"google.be", "www.google.be", "shop.co.uk", "www.shop.co.uk", "co.uk", "b.github.io", "a.b.github.io",
		"github.io", "foo.example", "analytics-egain.com", "analytics.yahoo.com", "Google.BE", "x", ".a.com", "a.b.ck"} {
		if got, want := IsSite(host), Site(host) == strings.ToLower(host); got != want {
			t.Errorf("IsSite(%q) = %v; Site gives %q", host, got, Site(host))
		}
	}
}
