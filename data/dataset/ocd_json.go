package dataset

import (
	"fmt"
	"maps"
	"slices"

	"github.com/vendex/vendex/data"
)

// ocdJSON reads the Open Cookie Database JSON: {"<Platform>": [{id,
// category, cookie, domain, description, retentionPeriod, dataController,
// privacyLink, wildcardMatch}]}.
func (rd *reader) ocdJSON(s *jsonStream) ([][]data.Vendor, error) {
	m := map[string][]ocdRow{}
	err := s.members("", func(platform string) error {
		rows := m[platform]
		err := decodeElements(s, memberPath("", platform), &rows)
		m[platform] = rows
		return err
	})
	if err != nil {
		return nil, err
	}
	// In platform order, each platform's rows let go once built: the
	// rows and the vendors they make are not both held whole.
	ob := rd.newOCDBuilder()
	n := 0
	for _, rows := range m {
		n += len(rows)
	}
	ob.c.reserve(n)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		rows, at := m[k], memberPath("", k)
		for i := range rows {
			path := pathIndex(at, i).String()
			if w := rows[i].WildcardMatch; w != 0 && w != 1 {
				return nil, rd.fail(0, path+".wildcardMatch", fmt.Errorf("want 0 or 1, got %d", w))
			}
			rows[i].Platform = k
			ob.add(&rows[i], 0, path)
		}
		delete(m, k)
	}
	return ob.chunks(), nil
}
