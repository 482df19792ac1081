package store

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// datasetsDir is ../shared/datasets beside the repository, where CI and
// developers keep the public datasets; tests that need it skip without it.
const datasetsDir = "../../shared/datasets"

func yardstick(t testing.TB) []data.HostCount {
	t.Helper()
	return hostList(t, "HTTP Archive host list", "third-party-web", "2025-04-01-observed-domains.json")
}

// hostList reads a list of hosts from ../shared/datasets, or skips.
func hostList(t testing.TB, what string, path ...string) []data.HostCount {
	t.Helper()
	f, err := os.Open(filepath.Join(append([]string{datasetsDir}, path...)...))
	if err != nil {
		t.Skipf("the %s is not here (%v); coverage is checked where ../shared/datasets exists", what, err)
	}
	defer f.Close()
	hosts, err := data.ReadHostCounts(f)
	if err != nil {
		t.Fatal(err)
	}
	return hosts
}

func embeddedStore(t testing.TB) *Store {
	t.Helper()
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The floors of issues 4 and 12: the share of the third-party requests HTTP
// Archive saw (weighted by occurrences) and of the domains Tracker Radar's
// GB crawl found (weighted by the sites loading each, its prevalence) that
// the embedded catalogue attributes to a vendor. Raise them as the
// catalogue grows; issue 12 wants 93% and 90%. Both were met (93.02% and
// 90.74%) while a name under a private public suffix counted for whichever
// card claimed a domain above it: a bucket under s3.amazonaws.com for
// Amazon, a customer's edge name under edgekey.net or akamaihd.net for
// Akamai, a Space under digitaloceanspaces.com for DigitalOcean. Since such a
// name is its customer's (data.HostingSuffix), with the platforms' own
// service hosts listed from sources, the figures are 92.70% and 89.88%: the
// floors went down with them, and the goals were open again. Sourced cards
// for the heaviest GB hosts no card named (ArcSpan's p7cloud.net, Publift's
// fuseplatform.net, ExoClick's pemsrv.com...) took Tracker Radar's to 90.78%,
// and those for the heaviest HTTP Archive hosts left unattributed (CHEQ's
// randomly named domains, Video Heroes, and vendors Disconnect, Ghostery or
// third-party-web name) took HTTP Archive back to 93.07%, over issue 12's goal.
const (
	httpArchiveFloor  = 93.0
	trackerRadarFloor = 90.7
)

func TestEmbeddedCatalogueCoversTheRealWeb(t *testing.T) {
	hosts := yardstick(t)
	s := embeddedStore(t)
	checkCoverage(t, s, hosts, httpArchiveFloor)
	if n := s.Count(); n < 300 {
		t.Errorf("the catalogue has %d vendors, want at least 300", n)
	}
}

func TestEmbeddedCatalogueCoversTrackerRadarsGBDomains(t *testing.T) {
	hosts := hostList(t, "Tracker Radar GB domain list", "tracker-radar", "domains-GB.jsonl")
	checkCoverage(t, embeddedStore(t), hosts, trackerRadarFloor)
}

func checkCoverage(t *testing.T, s *Store, hosts []data.HostCount, floor float64) {
	t.Helper()
	rep, err := s.Coverage(hosts, 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("weighted %.2f%%, unweighted %.2f%%, %d vendors hit", rep.Weighted, rep.Unweighted, rep.Vendors)
	if rep.Weighted < floor {
		var miss []string
		for _, m := range rep.Missing {
			miss = append(miss, m.Host)
		}
		t.Errorf("weighted coverage %.2f%% is under the %v%% floor; heaviest misses: %s", rep.Weighted, floor, strings.Join(miss, ", "))
	}
}

// Issue 12 wants full cards for the 300 vendors that carry the most
// third-party traffic. Every one of the heaviest fullCardPrefix has one (each
// is named when it slips), and at least fullCardFloor of the top 300 do; raise
// both as cards are completed.
// (The floor went from 199 to 196, and the prefix from 108 to 106, when
// names under hosting domains such as cloudfront.net stopped counting for
// the hosting company: vendors with full cards left the top 300, thinner
// ones came in, and skimlinks moved up to #107; filling cards then took the
// floor to 218 and the prefix to 113, the first thin card being elfsight at
// #114; Prebid.js adapters' storage and one site's cookie scan took it
// to 238, a site's OneTrust cookie list to 239; recorded cookie headers,
// consent-platform lists and Tracker Radar's crawl took it to 246 and,
// with Elfsight full, the prefix to 117, the first thin card being hatena
// at #118; scripts' own code and vendors' cookie tables for Bitrix24,
// ad-delivery.net, Cafe24, HighLevel and FC2, an open-source consent
// library, a player loader's own code, a cookie policy and a TCF
// declaration of no cookies (Fandom, Primis, WordAds, InMobi), vendors'
// device-storage disclosures as Prebid.js's metadata copies them, their
// SDKs and documentation, and a site's iPROM cookie table took it to 263;
// Tracker Radar's cookie counts with Prebid adapters and vendors' public
// tags (names marked unpublished, with what was searched), one TCF
// declaration contradicted by the crawl (SmartyAds) and one crawl of no
// cookies at all (Darktrace's link rewriter) took it to 277; Tracker
// Radar's per-host records of no cookies on every googleapis.com API host,
// with Google's API Console help on keys and tokens, to 278; copies of
// Demandbase's and travel audience's own tags, Minute Media's delivery
// script in Tracker Radar's crawl, and the cookie names sites' consent
// banners declare in CookieBlock's public crawl data (Demandbase, AdGear,
// travel audience) took it to 282: TCF vendors whose disclosure files
// cannot be read here, their cards naming what open sources show; the
// three cookie names CookieBlock's counts tie to mts.ru (MTS Ads) took it
// to 283; DigitalOcean Spaces, whose every counted host was a customer's
// Space, left the top 300 when names under private public suffixes stopped
// counting for the platform, and the thin aptoide came in: 282; Aptoide's
// card, from a store page saved in Aptoide's own repository (its cookie
// panel's list) and its client code, took it back to 283; HubSpot's ads
// pixel said "sets no cookies" from one crawl of 55 sites that saw none,
// while the script exists to feed Facebook, Google and LinkedIn ads and no
// source says it stores nothing: unknown is the truth, and 282.)
const (
	fullCardPrefix = 117
	fullCardFloor  = 282
)

// mostRequested is the embedded catalogue's vendors by the HTTP Archive
// request counts (the coverage yardstick's hosts) their hosts carry, most
// first, ties by id: the order the full-card goal ranks and the shipped
// prevalence table (data.PrevalenceRank) holds.
func mostRequested(t *testing.T) []string {
	t.Helper()
	hosts := yardstick(t)
	s := embeddedStore(t)
	weight := map[string]int64{}
	for _, h := range hosts {
		tg, err := data.ParseTarget(h.Host)
		if err != nil {
			continue
		}
		if hit, err := s.LookupHost(tg); err == nil {
			weight[hit.ID] += h.Count
		}
	}
	return slices.SortedFunc(maps.Keys(weight), func(a, b string) int {
		return cmp.Or(cmp.Compare(weight[b], weight[a]), strings.Compare(a, b))
	})
}

func TestMostPrevalentVendorsHaveFullCards(t *testing.T) {
	s := embeddedStore(t)
	ids := mostRequested(t)
	if len(ids) > 300 {
		ids = ids[:300]
	}
	full := 0
	var thin []string
	for rank, id := range ids {
		v, err := s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		miss := v.MissingSections()
		switch {
		case len(miss) == 0:
			full++
		case rank < fullCardPrefix:
			t.Errorf("#%d %s: a full card needs %s", rank+1, id, strings.Join(miss, ", "))
		default:
			thin = append(thin, fmt.Sprintf("#%d %s (%s)", rank+1, id, strings.Join(miss, ", ")))
		}
	}
	t.Logf("%d of the top %d vendors have full cards; still thin: %s", full, len(ids), strings.Join(thin, ", "))
	if full < fullCardFloor {
		t.Errorf("%d of the top %d vendors have full cards, want at least %d", full, len(ids), fullCardFloor)
	}
}

// Every related link in the shipped catalogue resolves, and no host is
// claimed by two vendors unless both declare it shared (Validate checks
// both; this says so in the words of the issue).
func TestShippedCatalogueLinksResolve(t *testing.T) {
	vs, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if ps := data.Validate(vs); len(ps) > 0 {
		t.Fatal(ps)
	}
	s := embeddedStore(t)
	for _, v := range vs {
		for _, r := range v.Related {
			if _, err := s.Get(r); err != nil {
				t.Errorf("%s links to %s: %v", v.ID, r, err)
			}
		}
	}
}

// A first run keeps each embedded card as its file says it, not encoded
// again: every vendor it shows is the one the card says, and the one a
// store given the decoded vendors (Seed) shows.
func TestAFirstRunShowsEveryCardAsItsFileSaysIt(t *testing.T) {
	first := embeddedStore(t)
	cat, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	held, err := first.LayerVendors(EmbeddedLayer)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != len(cat) {
		t.Fatalf("the layer holds %d vendors, the catalogue %d", len(held), len(cat))
	}
	encoded, err := Open(filepath.Join(t.TempDir(), "encoded.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer encoded.Close()
	if _, err := encoded.Seed(slices.Clone(cat), data.CatalogueVersion()); err != nil {
		t.Fatal(err)
	}
	for i := range cat {
		if !reflect.DeepEqual(held[i], cat[i]) {
			t.Fatalf("%s: the layer holds\n%+v\nthe card says\n%+v", cat[i].ID, held[i], cat[i])
		}
		got, err := first.Get(cat[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encoded.Get(cat[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: a first run shows\n%+v\nan encoded record shows\n%+v", cat[i].ID, got, want)
		}
	}
}

// A first run pauses the garbage collector while it seeds; a browser
// started on a new file runs for hours after, so the pause must end.
func TestAFirstRunLeavesTheCollectorAsItFoundIt(t *testing.T) {
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	s := embeddedStore(t)
	if n, _ := s.Layers(); len(n) == 0 {
		t.Fatal("nothing was seeded")
	}
	if after := debug.SetGCPercent(150); after != 150 {
		t.Errorf("GC percent after a first run: %d, want 150", after)
	}
}

// A newer vendex reseeding a file that holds imports keeps the cards as
// their files say them too: every vendor, merged with what the imports
// add, is what a reseed given the decoded vendors shows.
func TestAReseedOverImportsShowsWhatAnEncodedReseedShows(t *testing.T) {
	cat, err := data.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	build := func(keepCards bool) []data.Vendor {
		path := filepath.Join(t.TempDir(), "v.db")
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// An older catalogue: half the cards, and imports over it.
		if _, err := s.Seed(slices.Clone(cat[:len(cat)/2]), "older"); err != nil {
			t.Fatal(err)
		}
		mustImport(t, s, "third-party-web.json")
		mustImport(t, s, "vendex-user.json")
		if keepCards {
			s.Close()
			if s, err = openCatalogueRW(path, Options{}, nil); err != nil {
				t.Fatal(err)
			}
		} else if _, err := s.Seed(slices.Clone(cat), data.CatalogueVersion()); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		all, err := s.All()
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	kept, encoded := build(true), build(false)
	if len(kept) != len(encoded) || len(kept) <= len(cat) {
		t.Fatalf("%d vendors after a reseed keeping the cards, %d after an encoded one (catalogue %d)", len(kept), len(encoded), len(cat))
	}
	for i := range kept {
		if !reflect.DeepEqual(kept[i], encoded[i]) {
			t.Fatalf("%s: a reseed keeping the cards shows\n%+v\nan encoded one\n%+v", kept[i].ID, kept[i], encoded[i])
		}
	}
}
