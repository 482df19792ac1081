package store

import (
	"path/filepath"
	"testing"

	"github.com/vendex/vendex/data"
	bolt "go.etcd.io/bbolt"
)

// A batch long enough to read the domain index into a map, and naming
// hosts again, answers each host as a lookup of it alone does: the same
// vendor, match and verdict, the same misses and hosting answers.
func TestABatchAnswersEachHostAsALookupOfItAlone(t *testing.T) {
	s, err := OpenCatalogue(filepath.Join(t.TempDir(), "v.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustImport(t, s, "third-party-web.json")
	var hosts []string
	err = s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDomains).ForEach(func(k, _ []byte) error {
			hosts = append(hosts, string(k))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	var targets []data.Target
	for _, h := range hosts {
		targets = append(targets,
			data.Target{Host: h},
			data.Target{Host: "cdn." + h},          // a subdomain: the claim above it, or a hosting answer
			data.Target{Host: h, Path: "/x/y.js"},  // a path no source names
			data.Target{Host: "nope-" + h + ".zz"}, // a miss
		)
	}
	targets = append(targets,
		data.Target{Host: "media.twiliocdn.com", Path: "/sdk/js/client/v1.3/twilio.min.js"},
		data.Target{Host: "www.google.com", Path: "/recaptcha/api.js"},
		data.Target{Host: "someone.herokuapp.com"},
		// names under private suffixes, which the batch asks about only
		// when one may reach the claimed domain
		data.Target{Host: "my-bucket.s3.amazonaws.com"},
		data.Target{Host: "someone.github.io"},
		data.Target{Host: "a.b.cloudfront.net"})
	if len(targets) < 2*batchMap {
		t.Fatalf("only %d targets: the batch would not reach the map", len(targets))
	}
	targets = append(targets, targets...) // every host again, from the map and the answers kept
	var got []Hit
	var gotErr []error
	err = s.Lookups(func(lookup func(data.Target) (Hit, error)) error {
		for _, tg := range targets {
			h, err := lookup(tg)
			got, gotErr = append(got, h), append(gotErr, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found, hosted := 0, 0
	for i, tg := range targets {
		want, wantErr := s.LookupHost(tg)
		if (wantErr == nil) != (gotErr[i] == nil) || want.ID != got[i].ID || want.Name != got[i].Name ||
			want.Matched != got[i].Matched || want.HostedOn != got[i].HostedOn || want.Category != got[i].Category ||
			want.Block != got[i].Block || want.Source != got[i].Source || len(want.Shared) != len(got[i].Shared) {
			t.Errorf("%+v (line %d): batch %+v %v, alone %+v %v", tg, i, got[i], gotErr[i], want, wantErr)
		}
		if wantErr == nil {
			found++
		}
		if want.HostedOn != "" {
			hosted++
		}
	}
	if found == 0 || hosted == 0 || found == len(targets) {
		t.Errorf("the batch should hold hits (%d), hosting answers (%d) and misses", found, hosted)
	}
}
