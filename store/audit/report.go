package audit

import (
	"time"

	"github.com/vendex/vendex/data"
)

// Report is what an audit found. Its JSON form is documented in the README
// (vendex scan --json); field names are stable.
type Report struct {
	Site     string    `json:"site"`
	Mode     Mode      `json:"mode,omitempty"`
	Captured time.Time `json:"captured,omitzero"`
	// Requests counts the http(s) requests read; FirstParty the site's own.
	Requests       int         `json:"requests"`
	Vendors        []Vendor    `json:"vendors"`
	FirstParty     []HostCount `json:"first_party_hosts"`
	Cookies        []Cookie    `json:"cookies"`
	UnknownHosts   []HostCount `json:"unknown_hosts"`
	UnknownCookies []Cookie    `json:"unknown_cookies"`
	Findings       []Finding   `json:"findings"`
	// NotJudged counts what a consent audit could not judge: hosts and
	// cookies no vendor claims, vendors with no verdict (with Strict they
	// are findings too).
	NotJudged *NotJudged `json:"not_judged,omitempty"`
	Warnings  []string   `json:"warnings"`
}

// NotJudged counts what a consent audit could not judge: the unclaimed
// hosts and cookies, and the vendors that loaded with no verdict (neither
// their card's nor one their category implies, data.CategoryVerdict).
type NotJudged struct {
	Hosts   int `json:"hosts"`
	Cookies int `json:"cookies"`
	Vendors int `json:"vendors"`
}

// Vendor is a vendor the site loads, or whose cookies it holds.
type Vendor struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Category string      `json:"category"`             // a category slug, "unclassified" when none
	Block    string      `json:"block_before_consent"` // yes, no, conditional, unknown
	Hosts    []HostCount `json:"hosts"`
	Requests int         `json:"requests"`
	Cookies  []string    `json:"cookies"` // names of its cookies and storage keys seen
	// Site reports that the vendor is the site itself (or its owner's):
	// its cookies are the site's own, not a third party's.
	Site bool `json:"site,omitempty"`
}

// HostCount is a host and how many requests went to it. An unclaimed host
// under a hosting domain says which (Matched, s3.amazonaws.com) and whose
// hosting it is (HostedOn, AWS, and its id, HostedOnID), as lookup does.
type HostCount struct {
	Host       string `json:"host"`
	Requests   int    `json:"requests"`
	Matched    string `json:"matched,omitempty"`
	HostedOn   string `json:"hosted_on,omitempty"`
	HostedOnID string `json:"hosted_on_id,omitempty"`
}

// Hosting is what is known of an unclaimed host under a hosting domain
// (data.HostedMiss), or "".
func (h HostCount) Hosting() string {
	if h.Matched == "" {
		return ""
	}
	return data.HostedMiss(h.Matched, h.HostedOn)
}

// Cookie is a cookie or storage key the site left, and whose it is.
type Cookie struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`   // cookie, localStorage, sessionStorage, indexedDB
	Domain   string `json:"domain"` // a cookie's domain, a storage key's origin
	Party    string `json:"party"`  // first or third
	VendorID string `json:"vendor_id,omitempty"`
	Vendor   string `json:"vendor,omitempty"`
	Category string `json:"category,omitempty"`
	// MatchedBy is the evidence that names the vendor: "name" (the
	// catalogue lists the name or a pattern of it), "domain" (the cookie's
	// domain is the vendor's), "set-cookie" (a response from the vendor's
	// host set it), "script" (the vendor's script set it).
	MatchedBy string `json:"matched_by,omitempty"`
	// Pattern is the catalogue's pattern when the name matched one.
	Pattern          string `json:"pattern,omitempty"`
	DeclaredLifetime string `json:"declared_lifetime,omitempty"`
	ObservedLifetime string `json:"observed_lifetime,omitempty"`
	// Flags say what is odd about it: "longer than declared", "over
	// Chrome's 400-day cap".
	Flags  []string `json:"flags,omitempty"`
	Count  int      `json:"count"` // how many times the captures recorded it
	Source string   `json:"source,omitempty"`

	observed time.Duration
	host     string // a storage key's origin host; a cookie's is its Domain
}

// Finding is something that ran or was stored before consent (or after a
// rejection) although the catalogue says it needs consent.
type Finding struct {
	Kind     string `json:"kind"` // request, cookie, storage; with Strict also unknown-host, unknown-cookie, unjudged-vendor
	VendorID string `json:"vendor_id"`
	Vendor   string `json:"vendor"`
	Cookie   string `json:"cookie,omitempty"`
	URL      string `json:"url,omitempty"`
	Why      string `json:"why"`
	// what ("Marketing cookie") and reason (the card's) make a cookie's
	// Why, so that a vendor's findings say one reason once for all the
	// categories it covers.
	what, reason string
}
