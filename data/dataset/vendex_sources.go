package dataset

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vendex/vendex/data"
)

// leaveOthersFacts takes out of v, a card read from a vendex file, each
// fact its provenance records as another layer's (the embedded catalogue's
// or an imported dataset's) and not the user's: a card exported with
// `vendex export --format json` and imported again adds only what the
// user wrote, and the rest stays its source's, ranked as that source is
// and gone when it is forgotten. A fact the user changed in the file no
// longer matches its record (a category) and is taken as the user's; a
// fact whose provenance entry the user deleted is theirs too. The name
// and id, which join the card to its vendor, always stay. A file can only
// take less this way, never claim a source. It returns how many facts it
// left to each source, and whether the whole card is a dataset's (its name
// is recorded as an imported dataset's and none of its traced facts
// stays): such a card is not imported at all, not even its untraced texts.
func leaveOthersFacts(v *data.Vendor) (left map[string]int, whole bool) {
	others := map[string]map[string]string{} // field -> value -> source
	for _, p := range v.Provenance {
		if data.UserSource(p.Source) || p.Field == "name" {
			continue
		}
		if others[p.Field] == nil {
			others[p.Field] = map[string]string{}
		}
		others[p.Field][p.Value] = p.Source
	}
	if len(others) == 0 {
		return nil, false
	}
	// A value a user's source also records is the user's.
	for _, p := range v.Provenance {
		if data.UserSource(p.Source) {
			delete(others[p.Field], p.Value)
		}
	}
	left = map[string]int{}
	theirs := func(field, value string) bool {
		src, ok := others[field][value]
		if ok {
			left[src]++
		}
		return ok
	}
	data.DropTraced(v, theirs)
	// Only a dataset's card goes whole: a catalogue card's untraced fields
	// (a verdict, a summary) may hold the user's change.
	nameTheirs := slices.ContainsFunc(v.Provenance, func(p data.Provenance) bool {
		return p.Field == "name" && p.Value == v.Name && data.ImportedSource(p.Source)
	})
	whole = nameTheirs && v.Category == "" && len(v.Categories) == 0 && len(v.Aliases) == 0 &&
		len(v.Domains) == 0 && len(v.Scripts) == 0 && len(v.Storage) == 0
	return left, whole
}

// leftFacts says what leaveOthersFacts left to which source, most first,
// of the card named name, and whether the card was left whole.
func leftFacts(name string, left map[string]int, whole bool) string {
	srcs := make([]string, 0, len(left))
	for s := range left {
		srcs = append(srcs, s)
	}
	sort.Slice(srcs, func(i, j int) bool {
		if left[srcs[i]] != left[srcs[j]] {
			return left[srcs[i]] > left[srcs[j]]
		}
		return srcs[i] < srcs[j]
	})
	parts := make([]string, len(srcs))
	total := 0
	for i, s := range srcs {
		parts[i] = fmt.Sprintf("%d to %s", left[s], data.Quote(s))
		total += left[s]
	}
	if whole {
		return fmt.Sprintf("%s: %s: all %d of its facts are recorded as other sources' (%s); delete its provenance to take it as yours",
			data.Quote(name), leftWhole, total, strings.Join(parts, ", "))
	}
	fact := "facts"
	if total == 1 {
		fact = "fact"
	}
	return fmt.Sprintf("%s: %d %s recorded as other sources' were left to them (%s), not taken as yours; delete a fact's provenance entry to take it as yours",
		data.Quote(name), total, fact, strings.Join(parts, ", "))
}

// leftWhole marks the warning of a card leaveOthersFacts left whole.
const leftWhole = "not imported"

// LeftWhole reports whether w says a vendex card was not imported at all,
// every fact of it recorded as another source's (leaveOthersFacts).
func (w Warning) LeftWhole() bool {
	return strings.HasSuffix(w.Path, "provenance") && strings.Contains(w.Message, "\": "+leftWhole+": all ")
}
