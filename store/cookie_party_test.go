package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/dataset"
)

// A public cookie table shows each cookie's party. Where Tracker Radar's GB
// crawl saw a vendor's own script set a cookie on the page's domain (its
// firstPartyCookies, kept by the reader's rule for what is the vendor's),
// the card that names that cookie says "first" rather than leaving the
// party blank, which a declaration could only call "not published".
func TestCookiesTheCrawlSawSetOnThePageAreFirstParty(t *testing.T) {
	f, err := os.Open(filepath.Join(datasetsDir, "tracker-radar", "domains-GB.jsonl"))
	if err != nil {
		t.Skipf("public datasets not found: %v", err)
	}
	defer f.Close()
	chunks, _, err := dataset.ReadChunks(dataset.FormatTRDomain, "domains-GB.jsonl", f)
	if err != nil {
		t.Fatal(err)
	}
	records := slices.Concat(chunks...)
	s := embeddedStore(t)
	var blank []string
	for _, r := range records {
		seen := map[string]bool{}
		for _, it := range r.Storage {
			if it.Kind == data.Cookie && it.Party == data.FirstParty {
				seen[it.Name] = true
			}
		}
		if len(seen) == 0 {
			continue
		}
		cards := map[string]bool{}
		for _, d := range r.Domains {
			tg, err := data.ParseTarget(d.Host)
			if err != nil {
				continue
			}
			if h, err := s.LookupHost(tg); err == nil {
				cards[h.ID] = true
			}
		}
		for id := range cards {
			v, err := s.Get(id)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range v.Storage {
				if it.Kind != data.Cookie || it.Party != "" || it.OwnSite {
					continue
				}
				for name := range seen {
					if data.MatchPattern(it.Name, name) {
						blank = append(blank, id+": "+it.Name+" (seen "+name+")")
						break
					}
				}
			}
		}
	}
	slices.Sort(blank)
	blank = slices.Compact(blank)
	if len(blank) > 0 {
		t.Errorf("%d cookies the crawl saw set first-party have no party on their card:\n%s", len(blank), strings.Join(blank, "\n"))
	}
}
