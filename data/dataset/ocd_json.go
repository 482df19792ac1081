package dataset

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/vendex/vendex/data"
)

// ocdJSON reads the Open Cookie Database JSON: {"<Platform>": [{id,
// category, cookie, domain, description, retentionPeriod, dataController,
// privacyLink, wildcardMatch}]}.
func (rd *reader) ocdJSON(b []byte) ([]data.Vendor, error) {
	var m map[string][]ocdRow
	if err := rd.decodeJSON(b, &m); err != nil {
		return nil, err
	}
	var rows []ocdRow
	var paths []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		for i, r := range m[k] {
			path := fmt.Sprintf("%s[%d]", strconv.Quote(k), i)
			if r.WildcardMatch != 0 && r.WildcardMatch != 1 {
				return nil, rd.fail(0, path+".wildcardMatch", fmt.Errorf("want 0 or 1, got %d", r.WildcardMatch))
			}
			r.Platform = k
			rows = append(rows, r)
			paths = append(paths, path)
		}
	}
	return rd.ocd(rows, paths), nil
}
