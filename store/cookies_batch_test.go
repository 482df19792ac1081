package store

import (
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// cookieNames are the names of the cookie index, a name each pattern
// matches (the pattern with its '*' filled in) and a miss.
func cookieNames(tb testing.TB, s *Store) []string {
	tb.Helper()
	var names []string
	err := s.view(func(tx *bolt.Tx) error {
		tx.Bucket(bucketCookies).ForEach(func(k, _ []byte) error {
			names = append(names, string(k))
			return nil
		})
		return tx.Bucket(bucketPatterns).ForEach(func(k, _ []byte) error {
			names = append(names, fmt.Sprintf("%sx1", k[:len(k)-1]), "no-such-cookie-"+string(k))
			return nil
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

// A batch of cookie names (vendex cookie -) answers each name as a
// lookup of it alone does: the same vendors and items, in the same order.
func TestACookieBatchAnswersEachNameAsALookupOfItAlone(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustImport(t, s, "ocd.csv")
	names := cookieNames(t, s)
	names = append(names, names...) // every name again, from the vendors decoded already
	var got [][]CookieMatch
	err = s.Cookies(func(byCookie func(string) ([]CookieMatch, error)) error {
		for _, n := range names {
			ms, err := byCookie(n)
			if err != nil {
				return err
			}
			got = append(got, ms)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found, patterns := 0, 0
	for i, n := range names {
		want, err := s.ByCookie(n)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(want) != fmt.Sprint(got[i]) {
			t.Errorf("%q: batch %+v, alone %+v", n, got[i], want)
		}
		if len(want) > 0 {
			found++
			if want[len(want)-1].Pattern {
				patterns++
			}
		}
	}
	if found == 0 || patterns == 0 || found == len(names) {
		t.Errorf("the batch should hold exact names, patterns (%d) and misses: %d of %d found", patterns, found, len(names))
	}
}
