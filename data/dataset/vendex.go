package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/internal/publicsuffix"
)

// vendex reads vendex's own JSON, strictly (unknown fields are errors), and
// checks what the store relies on: ids, enums and hosts.
func (rd *reader) vendex(b []byte) ([]data.Vendor, error) {
	list := bytes.HasPrefix(bytes.TrimSpace(b), []byte("["))
	if list && json.Valid(b) {
		// One card at a time: a list of a million is refused at its first
		// bad card, not after all of them are decoded.
		var vs []data.Vendor
		err := rd.eachRecord(b, func(i int, raw []byte, lineOffset int) error {
			v, err := data.DecodeVendor(raw)
			if err != nil {
				return rd.failCard(err, lineOffset, fmt.Sprintf("[%d]", i))
			}
			vs = append(vs, v)
			keep, err := rd.checkVendex(&vs[len(vs)-1], raw, fmt.Sprintf("[%d]", i))
			if !keep {
				vs = vs[:len(vs)-1]
			}
			return err
		})
		return vs, err
	}
	vs, err := data.DecodeVendors(bytes.NewReader(b))
	if err != nil {
		return nil, rd.failCard(err, 0, "")
	}
	kept := vs[:0]
	for i := range vs {
		at := ""
		if list {
			at = fmt.Sprintf("[%d]", i)
		}
		keep, err := rd.checkVendex(&vs[i], b, at)
		if err != nil {
			return nil, err
		}
		if keep {
			kept = append(kept, vs[i])
		}
	}
	return kept, nil
}

// failCard places err, from decoding cards that start after lineOffset
// lines at the JSON path at, in the file.
func (rd *reader) failCard(err error, lineOffset int, at string) error {
	var le *data.LocationError
	if !errors.As(err, &le) {
		return rd.fail(0, at, err)
	}
	line := le.Line
	if line > 0 {
		line += lineOffset
	}
	return rd.fail(line, strings.TrimSuffix(strings.TrimPrefix(at+"."+le.Path, "."), "."), le.Err)
}

// checkVendex checks the card v, read from raw and found at the JSON path
// at, for what the store relies on. A category and a party are taken as
// a card shows them too ("Strictly necessary", "first party"). It keeps
// no card whose facts are all another source's (leaveOthersFacts).
func (rd *reader) checkVendex(v *data.Vendor, raw []byte, at string) (keep bool, err error) {
	bad := func(field, format string, args ...any) error {
		return rd.fail(0, strings.TrimPrefix(at+"."+field, "."), fmt.Errorf(format, args...))
	}
	if c, ok := data.ParseCategory(string(v.Category)); ok {
		v.Category = c
	}
	for j, c := range v.Categories {
		if c, ok := data.ParseCategory(string(c)); ok {
			v.Categories[j] = c
		}
	}
	if left, whole := leaveOthersFacts(v); len(left) > 0 {
		rd.warn(0, strings.TrimPrefix(at+".provenance", "."), "%s", leftFacts(v.Name, left, whole))
		if whole {
			return false, nil
		}
	}
	if v.ID != "" && !data.ValidID(v.ID) {
		return false, bad("id", "malformed id %s: use lower-case letters, digits and hyphens, at most %d", data.Quote(v.ID), data.MaxIDLen)
	}
	if v.ID == "" && strings.TrimSpace(v.Name) == "" {
		return false, bad("id", "a vendor needs an id or a name")
	}
	if v.Category != "" && !v.Category.Valid() {
		return false, bad("category", "unknown category %q (want one of %s)", v.Category, data.CategoryNames())
	}
	for j, c := range v.Categories {
		if !c.Valid() {
			return false, bad(fmt.Sprintf("categories[%d]", j), "unknown category %q", c)
		}
	}
	if v.SetsCookies != "" && !v.SetsCookies.Valid() {
		return false, bad("sets_cookies", "want yes, no or unknown, got %q", v.SetsCookies)
	}
	for _, f := range []struct {
		name string
		vd   data.Verdict
	}{{"consent_required", v.ConsentRequired}, {"block_before_consent", v.BlockBeforeConsent}} {
		if f.vd.Value != "" && !f.vd.Value.Valid() {
			return false, bad(f.name+".value", "want yes, no or conditional, got %q", f.vd.Value)
		}
	}
	if why := data.VerdictConflict(v); why != "" {
		rd.warn(0, strings.TrimPrefix(at+".block_before_consent", "."), "%s", why)
	}
	if err := checkDomains(v, bad); err != nil {
		return false, err
	}
	if err := rd.checkStorage(v, raw, at); err != nil {
		return false, err
	}
	v.Provenance = nil // the store writes provenance; a file cannot claim it
	return true, nil
}

// checkDomains reads each of v's hosts as a host and refuses a card that
// claims a public suffix: every one it claims is named at once, so that
// a user fixing a file does not meet them one run at a time.
func checkDomains(v *data.Vendor, bad func(field, format string, args ...any) error) error {
	var suffixes []string
	first, private := -1, false
	for j, d := range v.Domains {
		h, err := data.NormalizeHost(d.Host)
		if err != nil {
			return bad(fmt.Sprintf("domains[%d].host", j), "malformed domain %q", d.Host)
		}
		v.Domains[j].Host = h
		if ps, icann := publicsuffix.PublicSuffix(h); ps == h && (icann || !d.Hosting) {
			// A public suffix is everyone's: claiming it would give every
			// name under it to this vendor. A hosting company's own suffix
			// (github.io) may stand, marked as the customers' it is.
			suffixes = append(suffixes, data.Quote(h))
			private = private || !icann
			if first < 0 {
				first = j
			}
		}
	}
	if len(suffixes) > 0 {
		is := "is a public suffix"
		if len(suffixes) > 1 {
			is = "are public suffixes"
		}
		advice := "name the vendor's own domain under it"
		if private {
			advice += `, or mark a hosting company's suffix "hosting": true if the vendor gives its customers names under it`
		}
		return bad(fmt.Sprintf("domains[%d].host", first), "%s %s, under which anyone can have a name; %s", data.JoinAnd(suffixes), is, advice)
	}
	return nil
}

// checkStorage checks the card's storage items as checkVendex does its
// other fields, taking a party as a card shows it ("first party") and
// warning of a bare number of seconds that is likelier days; a card that
// lists a cookie and says nothing of sets_cookies sets cookies ("Sets HTTP
// cookies: Unknown" above its own cookie would contradict it).
func (rd *reader) checkStorage(v *data.Vendor, raw []byte, at string) error {
	bare := bareLifetimes(raw)
	for j, st := range v.Storage {
		if p, ok := data.ParseParty(string(st.Party)); ok {
			v.Storage[j].Party = p
		}
		field := strings.TrimPrefix(fmt.Sprintf("%s.storage[%d]", at, j), ".")
		if !st.Kind.Valid() {
			return rd.fail(0, field+".kind", fmt.Errorf("unknown storage kind %q", st.Kind))
		}
		if strings.TrimSpace(st.Name) == "" {
			return rd.fail(0, field+".name", errors.New("missing name"))
		}
		if n := st.Lifetime.Seconds; !st.Lifetime.Session && !st.Lifetime.Persistent && n > 0 && n <= likelyDays && bare[n] {
			rd.warn(0, field+".lifetime",
				"%d is read as seconds (%s); if it is days, write \"%dd\" (a lifetime is a number and a unit: 30m, 24h, 7d, 13mo, 2y)", n, st.Lifetime, n)
		}
	}
	if (v.SetsCookies == "" || v.SetsCookies == data.Unknown) && slices.ContainsFunc(v.Storage, func(st data.StorageItem) bool { return st.Kind == data.Cookie }) {
		v.SetsCookies = data.Yes
	}
	return nil
}

// likelyDays is the largest bare number a lifetime is likelier to be a
// count of days than of seconds: ten years of days is an hour of seconds,
// shorter than almost any cookie given in seconds.
const likelyDays = 3650

// bareLifetimes are the numbers a card's JSON gives as "lifetime": 365
// rather than as a code ("365d"): JSON takes them as seconds, which a
// person writing a card by hand seldom means.
func bareLifetimes(raw []byte) map[int64]bool {
	var nums map[int64]bool
	key := []byte(`"lifetime"`)
	for i := bytes.Index(raw, key); i >= 0; {
		rest := bytes.TrimLeft(raw[i+len(key):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			rest = bytes.TrimLeft(rest[1:], " \t\r\n")
			n, k := int64(0), 0
			for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' && n <= likelyDays {
				n, k = n*10+int64(rest[k]-'0'), k+1
			}
			if k > 0 {
				if nums == nil {
					nums = map[int64]bool{}
				}
				nums[n] = true
			}
		}
		next := bytes.Index(raw[i+len(key):], key)
		if next < 0 {
			break
		}
		i += len(key) + next
	}
	return nums
}
