package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
)

// vendex reads vendex's own JSON, strictly (unknown fields are errors), and
// checks what the store relies on: ids, enums and hosts.
func (rd *reader) vendex(b []byte) ([]data.Vendor, error) {
	vs, err := data.DecodeVendors(bytes.NewReader(b))
	if err != nil {
		var le *data.LocationError
		if errors.As(err, &le) {
			return nil, rd.fail(le.Line, le.Path, le.Err)
		}
		return nil, rd.fail(0, "", err)
	}
	list := bytes.HasPrefix(bytes.TrimSpace(b), []byte("["))
	for i := range vs {
		v := &vs[i]
		at := ""
		if list {
			at = fmt.Sprintf("[%d]", i)
		}
		bad := func(field, format string, args ...any) error {
			return rd.fail(0, strings.TrimPrefix(at+"."+field, "."), fmt.Errorf(format, args...))
		}
		if v.ID != "" && !data.ValidID(v.ID) {
			return nil, bad("id", "malformed id %s: use lower-case letters, digits and hyphens, at most %d", data.Quote(v.ID), data.MaxIDLen)
		}
		if v.ID == "" && strings.TrimSpace(v.Name) == "" {
			return nil, bad("id", "a vendor needs an id or a name")
		}
		if v.Category != "" && !v.Category.Valid() {
			return nil, bad("category", "unknown category %q (want one of %s)", v.Category, data.CategoryNames())
		}
		for j, c := range v.Categories {
			if !c.Valid() {
				return nil, bad(fmt.Sprintf("categories[%d]", j), "unknown category %q", c)
			}
		}
		if v.SetsCookies != "" && !v.SetsCookies.Valid() {
			return nil, bad("sets_cookies", "want yes, no or unknown, got %q", v.SetsCookies)
		}
		for _, f := range []struct {
			name string
			vd   data.Verdict
		}{{"consent_required", v.ConsentRequired}, {"block_before_consent", v.BlockBeforeConsent}} {
			if f.vd.Value != "" && !f.vd.Value.Valid() {
				return nil, bad(f.name+".value", "want yes, no or conditional, got %q", f.vd.Value)
			}
		}
		for j, d := range v.Domains {
			h, err := data.NormalizeHost(d.Host)
			if err != nil {
				return nil, bad(fmt.Sprintf("domains[%d].host", j), "malformed domain %q", d.Host)
			}
			v.Domains[j].Host = h
		}
		for j, st := range v.Storage {
			if !st.Kind.Valid() {
				return nil, bad(fmt.Sprintf("storage[%d].kind", j), "unknown storage kind %q", st.Kind)
			}
			if strings.TrimSpace(st.Name) == "" {
				return nil, bad(fmt.Sprintf("storage[%d].name", j), "missing name")
			}
		}
		v.Provenance = nil // the store writes provenance; a file cannot claim it
	}
	return vs, nil
}
