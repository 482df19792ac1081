package store

import (
	"cmp"
	"fmt"

	"github.com/vendex/vendex/data"
)

// reportVerdicts reports a user's record that changes what the catalogue
// tells a site to do with the vendor (block it before consent, ask for
// consent), as a category change is reported: an edited export must not
// weaken a verdict unseen. It reports a new name too, which every list and
// card will show from then on. The verdicts and the name are the merge's
// own, the record placed over the vendor as it stands.
func (r *resolver) reportVerdicts(rec, old *data.Vendor) {
	if old == nil || !r.user {
		return
	}
	renamed := rec.Name != "" && rec.Name != old.Name
	if !renamed && rec.BlockBeforeConsent.Value == "" && rec.ConsentRequired.Value == "" && (rec.Category == "" || rec.Category == old.Category) {
		return
	}
	was, now := old.BlockVerdict(), old.ConsentVerdict()
	merged := data.Merge([]data.SourcedVendor{{Source: r.source, Vendor: *rec}, {Source: "catalogue", Vendor: *old}})
	if merged.Name != old.Name {
		r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s's name changes from %s to %s", r.source, rec.ID, data.Quote(old.Name), data.Quote(merged.Name)))
	}
	for _, c := range []struct {
		what     string
		was, now data.Answer
	}{
		{"block before consent", was.Value, merged.BlockBeforeConsent.Value},
		{"consent required", now.Value, merged.ConsentRequired.Value},
	} {
		if c.was != c.now {
			r.rep.Conflicts = append(r.rep.Conflicts, fmt.Sprintf("%s: %s's verdict %q changes from %s to %s", r.source, rec.ID, c.what, c.was.Slug(), c.now.Slug()))
		}
	}
}

// needCategory refuses a card of the user's own (vendex JSON) that makes
// a new vendor and gives it no category: a card that only adds to a
// vendor the catalogue has may leave the category out, a new one cannot.
func (r *resolver) needCategory(i int, rec *data.Vendor) error {
	if rec.Category != "" || r.rep.Layer.Format != "vendex" {
		return nil
	}
	return fmt.Errorf("record %d (%s): a vendor the catalogue does not have needs a category; add \"category\": one of %s",
		i, data.Quote(data.CleanLine(cmp.Or(rec.Name, rec.ID))), data.CategoryNames())
}
