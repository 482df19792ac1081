package dataset

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/vendex/vendex/data"
)

// disclosureItem is one item of an IAB TCF device storage disclosure
// (deviceStorageDisclosureUrl).
type disclosureItem struct {
	Identifier    string   `json:"identifier"`
	Type          string   `json:"type"`
	MaxAgeSeconds *float64 `json:"maxAgeSeconds"`
	Domain        string   `json:"domain"`
	Domains       []string `json:"domains"`
	Purposes      []int    `json:"purposes"`
	Description   string   `json:"description"` // optional since the spec's v1.1
}

// disclosureFile is what disclosure reads of the file, a record at a time.
type disclosureFile struct {
	Disclosures []disclosureItem
	Domains     []struct {
		Domain string `json:"domain"`
	}
}

func readDisclosureFile(s *jsonStream) (disclosureFile, error) {
	var f disclosureFile
	err := s.members("", func(key string) error {
		switch key {
		case "disclosures":
			return decodeElements(s, key, &f.Disclosures)
		case "domains":
			return decodeElements(s, key, &f.Domains)
		}
		return s.skip(strconv.Quote(key))
	})
	return f, err
}

// disclosure reads a device storage disclosure: {disclosures: [{identifier,
// type: cookie|web|app, maxAgeSeconds, domain, domains, purposes}],
// domains: [{domain, use}]}. It names no vendor: the record is named after
// its first domain, and the store joins it to the vendor that owns its
// domains. "web" storage, which the IAB's spec says may be local storage,
// IndexedDB, shared storage or any other web storage, becomes localStorage
// (the likeliest), its purpose saying the disclosure names no kind; "app"
// storage is skipped. An item's purposes give its category as a vendor's
// do (tcfCategory: purpose 1 alone gives none); its description, when it
// has one, leads its purpose.
func (rd *reader) disclosure(s *jsonStream) ([]data.Vendor, error) {
	f, err := readDisclosureFile(s)
	if err != nil {
		return nil, err
	}
	v := &data.Vendor{}
	for i, d := range f.Domains {
		rd.addDomain(v, d.Domain, func() string { return fmt.Sprintf("domains[%d].domain", i) })
	}
	for i, d := range f.Disclosures {
		path := fmt.Sprintf("disclosures[%d]", i)
		var kind data.StorageKind
		switch strings.ToLower(strings.TrimSpace(d.Type)) {
		case "cookie":
			kind = data.Cookie
		case "web":
			kind = data.LocalStorage
		case "app":
			rd.warn(0, path, "skipped %q: app storage is not browser storage", text(d.Identifier))
			continue
		default:
			return nil, rd.fail(0, path+".type", fmt.Errorf("want cookie, web or app, got %q", d.Type))
		}
		if d.Domain != "" && d.Domain != "*" {
			rd.addDomain(v, d.Domain, func() string { return path + ".domain" })
		}
		for j, h := range d.Domains {
			if h != "*" {
				rd.addDomain(v, h, func() string { return fmt.Sprintf("%s.domains[%d]", path, j) })
			}
		}
		st := data.StorageItem{Kind: kind, Name: text(d.Identifier), Category: tcfCategory(d.Purposes)}
		if d.MaxAgeSeconds != nil {
			if *d.MaxAgeSeconds <= 0 && kind == data.Cookie {
				st.Lifetime = data.SessionLifetime
			} else {
				st.Lifetime = secondsLifetime(*d.MaxAgeSeconds)
			}
		}
		var ps, says []string
		for _, p := range d.Purposes {
			if n, ok := tcfPurposeNames[p]; ok {
				ps = append(ps, n)
			}
		}
		if desc := strings.TrimSuffix(text(d.Description), "."); desc != "" {
			says = append(says, desc+".")
		}
		if kind == data.LocalStorage {
			says = append(says, "Web storage of a kind the disclosure does not name (local storage, IndexedDB or another).")
		}
		if len(ps) > 0 {
			says = append(says, "TCF purposes: "+strings.Join(ps, "; ")+".")
		}
		st.Purpose = strings.Join(says, " ")
		if st.Name == "" {
			rd.warn(0, path, "skipped an item with no identifier")
			continue
		}
		addStorage(v, st)
		if st.Category != "" {
			(categoryTable{"x": st.Category}).addCategory(v, "x")
		}
	}
	if len(v.Domains) == 0 {
		return nil, rd.fail(0, "domains", errors.New("the disclosure names no domain, so vendex cannot tell whose it is"))
	}
	v.Name = v.Domains[0].Host
	return []data.Vendor{*v}, nil
}
