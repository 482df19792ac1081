package dataset

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/vendex/vendex/data"
)

// Tracker Radar and the tracker blocklist "categories".
var trCategories = categoryTable{
	"advertising": data.Marketing, "ad motivated tracking": data.Marketing, "action pixels": data.Marketing,
	"third-party analytics marketing": data.Marketing, "social network": data.Marketing,
	"social - share": data.Marketing, "social - comment": data.Marketing,
	"analytics": data.Analytics, "audience measurement": data.Analytics, "session replay": data.Analytics,
	"ad fraud": data.StrictlyNecessary, "fraud prevention": data.StrictlyNecessary,
	"consent management platform": data.StrictlyNecessary, "federated login": data.StrictlyNecessary,
	"sso": data.StrictlyNecessary, "online payment": data.StrictlyNecessary,
	"embedded content": data.Functional, "cdn": data.Functional, "content delivery": data.Functional,
	"support chat widget": data.Functional, "tag manager": data.Functional, "badge": data.Functional,
	"non-tracking": "",
}

// trDomain is a Tracker Radar domain file (the parts vendex uses).
type trDomain struct {
	Domain string `json:"domain"`
	Owner  struct {
		Name          string `json:"name"`
		DisplayName   string `json:"displayName"`
		PrivacyPolicy string `json:"privacyPolicy"`
		URL           string `json:"url"`
	} `json:"owner"`
	Categories []string     `json:"categories"`
	Resources  []trResource `json:"resources"`
}

// trResource is a script of a Tracker Radar domain.
type trResource struct {
	// Sites is how many crawled sites loaded the script, Prevalence
	// the same as a share of all crawled sites.
	Sites      int     `json:"sites"`
	Prevalence float64 `json:"prevalence"`
	// CNAMEs are the host names the script was requested at that
	// alias this domain: a site's own name (cdn.registerdisney.go.com
	// for go.com.edgekey.net), so a script the CDN serves for it.
	CNAMEs            []struct{}                    `json:"cnames"`
	FirstPartyCookies map[string]trFirstPartyCookie `json:"firstPartyCookies"`
}

// trFirstPartyCookie is a cookie a Tracker Radar script was seen setting.
type trFirstPartyCookie struct {
	TTL float64 `json:"ttl"`
	// Prevalence is the share of all crawled sites on which the
	// script was seen setting the cookie.
	Prevalence float64 `json:"prevalence"`
}

// A script that wraps document.cookie (a consent manager, a tag manager,
// an A/B testing tool) is seen "setting" every cookie the site sets while
// it runs: Osano's record lists _ga, _gid and datadome, Cookie
// Information's _ga_9D2G5XJQB8 and _hjSession_1232922. A cookie is the
// vendor's own when its script sets it on most sites that load it (Google
// Analytics' _ga on 4 in 5 of analytics.js's sites, OneTrust's
// OptanonConsent on 120 of 125); a site's cookie passing through is seen
// on the few sites that use it. Tracker Radar counts www.example.com and
// example.com as two sites, so one site can count as two: a cookie seen
// on fewer than trMinCookieSites, or on fewer than half the script's
// sites, is left out.
const trMinCookieSites = 3

// trVendorsCookie reports whether a cookie seen set by a script on
// cookiePrev of all crawled sites, a script loaded on sites sites
// (scriptPrev of all), is the script's vendor's own. A record without
// these counts (an older or hand-made file) cannot tell, and keeps it.
func trVendorsCookie(cookiePrev, scriptPrev float64, sites int) bool {
	if cookiePrev <= 0 || scriptPrev <= 0 || sites <= 0 {
		return true
	}
	seen := math.Round(cookiePrev / scriptPrev * float64(sites))
	return seen >= trMinCookieSites && 2*seen >= float64(sites)
}

// trCustomersScript reports whether a script on a domain of Tracker Radar
// categories cats, requested at cnames other host names, is one the
// domain's owner serves for its customers, so that the cookies it sets are
// the customers' (Lloyds' LBGc3 on Tealium's tiqcdn.com, Disney's SWID on
// go.com.edgekey.net, ESPN's country on stls.edgesuite.net), not the
// owner's. Such a script is requested at a customer's own host name that
// aliases the domain, or served by a tag manager (the customer's tags), or
// by a domain that is nothing but a CDN: google.com, youtube.com and
// msecnd.net are filed under CDN too, among the categories of the owner's
// own services, and their scripts set the owner's cookies.
func trCustomersScript(cats []string, cnames int) bool {
	return cnames > 0 || slices.Contains(cats, "Tag Manager") || slices.Equal(cats, []string{"CDN"})
}

// trLeftOut holds the names of the cookies an import leaves off their
// script's vendor, by why, for its report.
type trLeftOut struct {
	passing, customers map[string]struct{}
}

func newTRLeftOut() *trLeftOut {
	return &trLeftOut{passing: map[string]struct{}{}, customers: map[string]struct{}{}}
}

// note records a cookie name left out: set by a customer's script, or
// passing through (trVendorsCookie). A nil l notes nothing.
func (l *trLeftOut) note(customers bool, name string) {
	switch {
	case l == nil:
	case customers:
		l.customers[name] = struct{}{}
	default:
		l.passing[name] = struct{}{}
	}
}

// warn reports what was left out, before the warnings about single
// records: it is about the whole file, and an import shows the first few.
func (l *trLeftOut) warn(rd *reader) {
	k := len(rd.warnings)
	if n := len(l.customers); n > 0 {
		rd.warn(0, "", "left out %d cookie names set by scripts a CDN or a tag manager serves for its customers: the customers' cookies, not its own", n)
	}
	other := ""
	for n := range l.customers {
		delete(l.passing, n) // counted once
		other = "other "
	}
	if n := len(l.passing); n > 0 {
		rd.warn(0, "", "left out %d %scookie names seen set by a domain's script on fewer than %d sites or fewer than half the sites loading it: a site's own cookies passing through a script that wraps document.cookie (a consent manager, a tag manager), not its vendor's", n, other, trMinCookieSites)
	}
	if n := len(rd.warnings) - k; n > 0 {
		mine := slices.Clone(rd.warnings[k:])
		copy(rd.warnings[n:], rd.warnings[:k])
		copy(rd.warnings, mine)
	}
}

// MaxRecord is the longest record a streamed file may hold, in bytes: a
// line of JSON lines, or one pretty-printed domain file. Tracker Radar's
// longest line is about 1 MB; a longer record than this is a damaged file,
// or one that is not JSON lines.
const MaxRecord = 16 << 20

// ErrRecordTooLong is wrapped when a record is longer than MaxRecord.
var ErrRecordTooLong = errors.New("a record longer than " + strconv.Itoa(MaxRecord) + " bytes")

// trDomains reads Tracker Radar domain files: one (domains/<region>/<domain>.json
// upstream) or JSON lines of them, or the domain index CSV derived from
// them (see trDomainCSV). Domains group by owner; a domain with no
// owner is a vendor of its own, named after the domain. First-party
// cookies the owner's scripts set become cookies with their observed TTL.
//
// The file streams: JSON lines are read, checked and decoded a line at a
// time, so the file is never held, only its vendors.
func (rd *reader) trDomains(br *bufio.Reader) ([][]data.Vendor, error) {
	if trDomainIsCSV(br) {
		return rd.trDomainCSV(br)
	}
	scan := rd.newJSONScan(false)
	c := newCollector()
	left := newTRLeftOut()
	var buf []byte
	for line := 1; ; line++ {
		var err error
		if buf, err = readLine(br, buf[:0], scan); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		rd.checkUTF8(buf, line)
		chunk := bytes.TrimSuffix(buf, []byte{'\n'})
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		if _, err := br.Peek(1); line == 1 && err == nil && !bytes.HasSuffix(bytes.TrimSpace(chunk), []byte("}")) {
			// One pretty-printed domain file, not JSON lines.
			if chunk, err = readRecord(br, buf, scan); err != nil {
				return nil, err
			}
			rd.checkUTF8(chunk[len(buf):], line+1)
		}
		var d trDomain
		if !decodeTRDomain(chunk, &d) {
			d = trDomain{}
			if err := rd.decodeJSONAt(chunk, line-1, "", &d); err != nil {
				return nil, err
			}
		}
		rd.addTRDomain(c, line, d, left)
	}
	left.warn(rd)
	return c.chunks(), nil
}

var bom = []byte("\xef\xbb\xbf")

// trDomainIsCSV skips br's byte order mark and reports whether what
// follows is the domain index CSV rather than JSON.
func trDomainIsCSV(br *bufio.Reader) bool {
	skipBOM(br)
	p, _ := br.Peek(7)
	return string(p) == "domain,"
}

// readLine appends the next line of br, with its newline, to buf,
// checking it with scan as it is read; io.EOF when none is left. A line
// longer than MaxRecord is refused.
func readLine(br *bufio.Reader, buf []byte, scan *jsonScan) ([]byte, error) {
	for {
		frag, err := br.ReadSlice('\n')
		if err == io.EOF {
			if err := scan.feed(frag, true); err != nil {
				return nil, err
			}
			if len(buf)+len(frag) == 0 {
				return nil, io.EOF
			}
		} else if err != nil && err != bufio.ErrBufferFull {
			return nil, scan.rd.fail(scan.line, "", err)
		} else if err := scan.feed(frag, false); err != nil {
			return nil, err
		}
		if cap(buf)-len(buf) < len(frag) { // doubling: append's growth would copy a long line five times over
			buf = slices.Grow(buf, max(len(frag), len(buf)))
		}
		if buf = append(buf, frag...); len(buf) > MaxRecord {
			return nil, scan.rd.fail(scan.line, "", fmt.Errorf("%w (a line that runs on past it: is the file JSON lines?)", ErrRecordTooLong))
		}
		if err != bufio.ErrBufferFull {
			return buf, nil
		}
	}
}

// readRecord appends the rest of br, one record that starts on line 1, to
// buf, checking it with scan; a record longer than MaxRecord is refused.
func readRecord(br *bufio.Reader, buf []byte, scan *jsonScan) ([]byte, error) {
	rest, err := io.ReadAll(io.LimitReader(br, int64(MaxRecord-len(buf)+1)))
	if err != nil {
		return nil, scan.rd.fail(scan.line, "", err)
	}
	if len(buf)+len(rest) > MaxRecord {
		return nil, scan.rd.fail(1, "", ErrRecordTooLong) // the record starts there
	}
	if err := scan.scan(rest); err != nil {
		return nil, err
	}
	return append(buf, rest...), nil
}

// addTRDomain adds one Tracker Radar domain record to its owner's vendor,
// noting in left (when not nil) the names of cookies it leaves out as a
// site's or a customer's, not the vendor's (trVendorsCookie,
// trCustomersScript).
func (rd *reader) addTRDomain(c *collector, line int, d trDomain, left *trLeftOut) {
	host, ok := importHost(d.Domain)
	if !ok {
		rd.warn(line, "domain", "skipped %q: not a host name", text(d.Domain))
		return
	}
	owner := firstNonEmpty(d.Owner.DisplayName, d.Owner.Name)
	var v *data.Vendor
	if text(owner) == "" {
		v = c.get("\x00"+host, host)
	} else {
		v = c.get(d.Owner.Name+"\x00"+owner, owner)
		addAlias(v, d.Owner.Name)
	}
	if !data.HasDomain(v.Domains, host) {
		v.Domains = append(v.Domains, data.Domain{Host: host})
	}
	v.PrivacyPolicy = cmp.Or(v.PrivacyPolicy, text(d.Owner.PrivacyPolicy))
	v.Website = cmp.Or(v.Website, text(d.Owner.URL))
	for _, cat := range d.Categories {
		trCategories.addCategory(v, cat)
	}
	for _, r := range d.Resources {
		customers := trCustomersScript(d.Categories, len(r.CNAMEs))
		for _, n := range slices.Sorted(maps.Keys(r.FirstPartyCookies)) {
			if text(n) == "" {
				continue
			}
			switch {
			case customers:
				left.note(true, text(n))
			case !trVendorsCookie(r.FirstPartyCookies[n].Prevalence, r.Prevalence, r.Sites):
				left.note(false, text(n))
			default:
				addStorage(v, data.StorageItem{Kind: data.Cookie, Name: text(n), Party: data.FirstParty, Lifetime: secondsLifetime(r.FirstPartyCookies[n].TTL)})
			}
		}
	}
}
