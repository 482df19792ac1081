package cli

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// cookieAnswer is one name of `vendex cookie -`: the vendor that sets it
// first (the catalogue before imports, an exact name before a pattern, as
// `vendex cookie NAME` lists them), or none.
type cookieAnswer struct {
	Input    string        `json:"input"`
	Found    bool          `json:"found"`
	VendorID string        `json:"vendor_id,omitempty"`
	Name     string        `json:"name,omitempty"`
	Category data.Category `json:"category,omitempty"`
	Key      string        `json:"key,omitempty"`
	Kind     string        `json:"kind,omitempty"`
	Lifetime string        `json:"lifetime,omitempty"`
	Purpose  string        `json:"purpose,omitempty"`
	Source   string        `json:"source,omitempty"`
	// Others counts the other vendors that list the name.
	Others int `json:"others,omitempty"`
}

// cookieBatch answers each name of names, or with the single name - each
// of stdin (one a line; blank lines and # comments skipped), a line each,
// like `vendex lookup`; the names that no vendor sets are named on stderr
// and make the exit status 1.
func cookieBatch(c *cli, s *store.Store, names []string, asJSON bool) error {
	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	tw := &table{w: out}
	tw.row("INPUT", "VENDOR", "KIND", "NAME", "LIFETIME", "CATEGORY", "SOURCE")
	var misses []string
	// One read transaction for the whole batch, as lookup - has.
	err := s.Cookies(func(byCookie func(string) ([]store.CookieMatch, error)) error {
		return eachInput(c.stdin, names, "cookie -: stdin held no name", func(in string) error {
			ms, err := byCookie(in)
			if err != nil {
				return err
			}
			a := cookieAnswer{Input: in}
			if len(ms) > 0 {
				m := ms[0]
				a = cookieAnswer{Input: in, Found: true, VendorID: m.VendorID, Name: data.CleanLine(m.VendorName), Category: m.Category,
					Key: data.CleanLine(m.Item.Name), Kind: string(m.Item.Kind), Lifetime: m.Item.Lifetime.Code(),
					Purpose: data.CleanLine(m.Item.Purpose), Source: data.CleanLine(m.Source), Others: len(ms) - 1}
			} else {
				misses = append(misses, in)
			}
			if asJSON {
				return enc.Encode(a)
			}
			shown := data.CleanLine(in)
			if !a.Found {
				tw.row(shown, "-", "-", "-", "-", "-", "no vendor known")
				return nil
			}
			vendor := a.Name + " (" + a.VendorID + ")"
			if a.Others > 0 {
				vendor += fmt.Sprintf(" and %d more", a.Others)
			}
			tw.row(shown, vendor, data.CleanLine(a.Kind), a.Key, ms[0].Item.Lifetime.String(), a.Category.Title(), a.Source)
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
	if len(misses) > 0 {
		fmt.Fprintf(c.stderr, "vendex: %d of the names are set by no vendor known: %s\n", len(misses), quoteSome(misses))
		return exitError{code: 1}
	}
	return nil
}
