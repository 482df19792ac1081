package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vendex/vendex/data"
)

// trDomainCSV reads the domain index CSV (domain, owner, displayName,
// categories separated by "|", ...): a table derived from the per-domain
// files, one row per domain.
func (rd *reader) trDomainCSV(b []byte) ([]data.Vendor, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	clean := noEscapes(b)
	header, err := cr.Read()
	if err != nil {
		return nil, rd.csvError(err)
	}
	header = append([]string(nil), header...)
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if _, ok := col["domain"]; !ok {
		return nil, rd.fail(1, "", errors.New(`missing column "domain"`))
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	c := newCollector()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rd.csvError(err)
		}
		line, _ := cr.FieldPos(0)
		for i, f := range rec {
			if err := checkField(f, clean); err != nil {
				return nil, rd.fail(line, fmt.Sprintf("column %q", header[i]), err)
			}
		}
		var d trDomain
		d.Domain = get(rec, "domain")
		d.Owner.Name, d.Owner.DisplayName = get(rec, "owner"), get(rec, "displayName")
		if cats := get(rec, "categories"); cats != "" {
			d.Categories = strings.Split(cats, "|")
		}
		rd.addTRDomain(c, line, d)
	}
	return c.vendors(), nil
}
