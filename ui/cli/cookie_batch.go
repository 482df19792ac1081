package cli

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
	"github.com/vendex/vendex/store/audit"
)

// cookieAnswer is one line of `vendex cookie`: a vendor that sets the
// name (the catalogue before imports, an exact name before a pattern), or
// none. Without --all a name of several gets its first vendor and Others
// counts the rest. Every line has every key, a miss's empty.
type cookieAnswer struct {
	Input    string        `json:"input"`
	Found    bool          `json:"found"`
	VendorID string        `json:"vendor_id"`
	Name     string        `json:"name"`
	Category data.Category `json:"category"`
	Key      string        `json:"key"`
	Kind     string        `json:"kind"`
	Lifetime string        `json:"lifetime"`
	// Purpose is the card's words for the item; Note says why a vendor
	// whose card does not list the name answers it (a Set-Cookie line's
	// Domain is the vendor's).
	Purpose string `json:"purpose"`
	Note    string `json:"note"`
	Source  string `json:"source"`
	// Others counts the other vendors that list the name.
	Others int `json:"others"`
}

// cookieRow is one answer, and its row of the table.
type cookieRow struct {
	answer cookieAnswer
	cells  []string
}

// newCookieRows are the rows of one name: every vendor's with all, else
// the first's.
func newCookieRows(in string, ms []store.CookieMatch, all bool) []cookieRow {
	shown, _ := shownInput(in)
	if len(ms) == 0 {
		return []cookieRow{{cookieAnswer{Input: in}, []string{shown, "-", "-", "-", "-", "-", "-", "no vendor known"}}}
	}
	ms = onePerVendorItem(ms)
	others := 0
	if !all {
		ms, others = ms[:1], len(ms)-1
	}
	rows := make([]cookieRow, 0, len(ms))
	for _, m := range ms {
		a := cookieAnswer{Input: in, Found: true, VendorID: m.VendorID, Name: data.CleanLine(m.VendorName), Category: m.Category,
			Key: data.CleanLine(m.Item.Name), Kind: string(m.Item.Kind), Lifetime: m.Item.Lifetime.Code(),
			Purpose: data.CleanLine(m.Item.Purpose), Source: data.CleanLine(m.Source), Others: others}
		if m.Item.Purpose == "" && strings.HasPrefix(m.Source, domainSource) {
			a.Note = domainOnlyNote(strings.TrimPrefix(a.Source, domainSource))
		}
		vendor := a.Name + " (" + a.VendorID + ")"
		if others > 0 {
			vendor += fmt.Sprintf(" and %d more (--all)", others)
		}
		rows = append(rows, cookieRow{a, []string{shown, vendor, data.CleanLine(a.Kind), a.Key, m.Item.Lifetime.String(), a.Category.Title(), a.Source, cmp.Or(a.Purpose, a.Note)}})
	}
	return rows
}

// ownerFirst ranks first, of the vendors that list name (ms), the one a
// scan gives the cookie set on domain (audit.Pasted: the domain's vendor,
// or a vendor on its site): a Set-Cookie line's Domain outweighs the
// name. A domain's vendor whose card does not list the name is answered
// too, its purpose saying why.
func ownerFirst(p *audit.Pasted, name, domain string, ms []store.CookieMatch) ([]store.CookieMatch, error) {
	c, err := p.Cookie(name, domain, ms)
	if err != nil || c.VendorID == "" {
		return ms, err
	}
	i := slices.IndexFunc(ms, func(m store.CookieMatch) bool { return m.VendorID == c.VendorID })
	if i < 0 {
		// No purpose: the card gives none for the name; the row's note
		// says why the vendor answers it (domainOnlyNote).
		m := store.CookieMatch{VendorID: c.VendorID, VendorName: c.Vendor, Category: data.Category(c.Category),
			Item: data.StorageItem{Kind: data.Cookie, Name: name}, Source: domainSource + domain}
		return append([]store.CookieMatch{m}, ms...), nil
	}
	out := append([]store.CookieMatch{ms[i]}, ms[:i]...)
	return append(out, ms[i+1:]...), nil
}

// domainSource starts the source of an answer given by a Set-Cookie
// line's Domain alone: "domain agkn.com".
const domainSource = "domain "

// domainOnlyNote says why a vendor whose card does not list a cookie's
// name answers it.
func domainOnlyNote(domain string) string {
	return "Not on this vendor's card; the cookie's domain, " + domain + ", is the vendor's."
}

// unknownCookieHint is the next step for a cookie no vendor is known to
// set, as a declaration's advice gives it.
const unknownCookieHint = "a HAR's Set-Cookie responses show what sets each; classify them in a vendor file of your own and vendex import it"

// cookieBatch answers each name of names, or with the single name - each
// of stdin (one a line; blank lines and # comments skipped), a line each,
// like `vendex lookup`; the names that no vendor sets are named on stderr
// and make the exit status 1.
func cookieBatch(c *cli, s *store.Store, names []string, asJSON, all bool) error {
	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(jsonEscaper{out})
	enc.SetEscapeHTML(false)
	tw := batchTable(out, 0, 0, kindWidth(), 0, cellWidth(data.Lifetime{Persistent: true}.String()), categoryWidth())
	if !asJSON {
		if err := tw.row("INPUT", "VENDOR", "KIND", "NAME", "LIFETIME", "CATEGORY", "SOURCE", "PURPOSE"); err != nil {
			return err
		}
	}
	var misses inputSet
	// unnamed are the lines that name no cookie ("=abc", "Set-Cookie: "):
	// said, never dropped without a word.
	var unnamed inputSet
	// One read transaction for the whole batch, as lookup - has.
	err := s.Cookies(func(byCookie func(string) ([]store.CookieMatch, error)) error {
		// A list of cookies seen on many sites names the same few again
		// and again: each name is answered, cleaned and laid out once.
		answered := map[[2]string][]cookieRow{}
		var pasted *audit.Pasted // made when a line first gives a domain
		answer := func(in, domain string) error {
			rs, ok := answered[[2]string{in, domain}]
			if !ok {
				ms, err := byCookie(in)
				if err != nil {
					return err
				}
				if domain != "" {
					if pasted == nil {
						pasted = audit.NewPasted(s)
					}
					if ms, err = ownerFirst(pasted, in, domain, ms); err != nil {
						return err
					}
				}
				rs = newCookieRows(in, ms, all)
				answered[[2]string{strings.Clone(in), domain}] = rs
			}
			if !rs[0].answer.Found {
				// answered already tells a name seen before: no second set.
				misses.lines++
				if !ok {
					misses.list = append(misses.list, in)
				}
			}
			for _, row := range rs {
				if asJSON {
					if err := enc.Encode(row.answer); err != nil {
						return err
					}
					continue
				}
				if err := tw.row(row.cells...); err != nil {
					return err
				}
			}
			return nil
		}
		return eachInput(c.stdin, names, "cookie -: stdin held no name", func(in string) error {
			line := readCookieInput(in)
			if len(line.names) == 0 {
				unnamed.lines++
				if len(unnamed.list) < 3 {
					unnamed.list = append(unnamed.list, strings.Clone(in))
				}
			}
			for _, name := range line.names {
				if err := answer(name, line.domain); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if !asJSON {
		if err := tw.flush(); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if unnamed.lines > 0 {
		fmt.Fprintf(c.stderr, "vendex: %s named no cookie (%s): give one cookie name, Cookie header or Set-Cookie line on each line\n", data.Plural(unnamed.lines, "line"), quoteSome(unnamed.list))
	}
	if len(misses.list) > 0 {
		fmt.Fprintf(c.stderr, "vendex: %s %s set by no vendor known: %s (%s)\n", misses.count("name", "asked %d times"), isAre(len(misses.list)), quoteSome(misses.list), unknownCookieHint)
		return exitError{code: 1}
	}
	if unnamed.lines > 0 {
		return exitError{code: 1}
	}
	return nil
}

// onePerVendorItem keeps, of matches in rank order, the first of each
// vendor's item of one name and kind: a card may list a name once for
// each party (Webtrends' ACOOKIE on its own domain and under the site's),
// which the audit tells apart by where a capture saw the cookie, but a
// person asking about the name sees one row, and "and 1 more" counts
// other vendors, not the same vendor twice.
func onePerVendorItem(ms []store.CookieMatch) []store.CookieMatch {
	type key struct{ id, kind, name string }
	seen := make(map[key]bool, len(ms))
	out := ms[:0:0]
	for _, m := range ms {
		k := key{m.VendorID, string(m.Item.Kind), m.Item.Name}
		if !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	return out
}
