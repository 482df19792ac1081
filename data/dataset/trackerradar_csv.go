package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"strings"

	"github.com/vendex/vendex/data"
)

// trDomainCSV reads the domain index CSV (domain, owner, displayName,
// categories separated by "|", ...): a table derived from the per-domain
// files, one row per domain. It streams, a chunk of whole rows at a time
// (csvChunker), never holding the file.
func (rd *reader) trDomainCSV(r *bufio.Reader) ([][]data.Vendor, error) {
	ck := &csvChunker{r: r, line: 1, maxRow: csvMaxRow(16)}
	part, first, err := ck.next(rd)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(part))
	header, err := cr.Read()
	if err != nil {
		return nil, rd.csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if _, ok := col["domain"]; !ok {
		return nil, rd.fail(1, "", errors.New(`missing column "domain"`))
	}
	ck.maxRow = csvMaxRow(len(header))
	off := int(cr.InputOffset())
	part, first = part[off:], first+bytes.Count(part[:off], []byte{'\n'})
	// A copy of the field: the CSV reader's fields share one string a
	// row, and a host kept as a substring held its whole row (24 MB of a
	// 27 MB file's rows stayed live to the end of the import).
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.Clone(rec[i])
		}
		return ""
	}
	c := newCollector()
	for part != nil {
		rd.checkUTF8(part, first)
		err := rd.csvRows(part, first, header, func(rec []string, line int) error {
			if rd.check {
				return nil
			}
			var d trDomain
			d.Domain = get(rec, "domain")
			d.Owner.Name, d.Owner.DisplayName = get(rec, "owner"), get(rec, "displayName")
			if cats := get(rec, "categories"); cats != "" {
				d.Categories = strings.Split(cats, "|")
			}
			rd.addTRDomain(c, line, d, nil) // the index lists no cookies
			return nil
		})
		if err != nil {
			return nil, err
		}
		if part, first, err = ck.next(rd); err != nil {
			return nil, err
		}
	}
	return c.chunks(), nil
}
