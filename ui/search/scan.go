package search

import (
	"bytes"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/ui/fuzzy"
)

// Scan ranks vendors for one query as Index.Find does, the same vendors in
// the same order with the same matched entries, without indexing them: each
// vendor is scored as it is read, and only those that match are kept and
// ordered. A one-off search (vendex search) reads every brief once and
// needs no more; the browser, which searches at every keystroke, keeps an
// Index.
type Scan struct {
	query       string // folded
	strongQuery string // folded and trimmed, as curatedFirst reads it
	named       exactQuery
	leadStart   uint64 // leadStart(strongQuery): 0 when no vendor may lead
	pattern     *fuzzy.Pattern
	letters     uint64 // data.Letters of the query: a brief's texts hold them all or cannot match
	hits        []Hit
	anyImported bool
	folded      []byte // Skips' scratch
}

// Hit is one vendor a Scan found: its brief, the string of it that matched
// (as shown), that string's score and which of the vendor's strings it is.
type Hit struct {
	Vendor data.Brief
	Text   string
	Score  int
	Field  Field

	folded string // the matched string as it was matched
	exact  bool   // the query names the vendor (exactQuery)
	lead   int    // its data.PrevalenceRank when a name or own alias leads (companyGroup), or 0
	name   data.SortKey
	rank   int // the score it ranks by (rankScore)
}

// NewScan starts a ranking of vendors for query (not empty).
func NewScan(query string) *Scan {
	q := data.Fold(query)
	sc := &Scan{query: q, strongQuery: data.Fold(strings.TrimSpace(query)), named: newExactQuery(query), pattern: fuzzy.NewPattern(q)}
	sc.leadStart = leadStart(sc.strongQuery)
	if !strings.ContainsRune(q, 0) {
		// fuzzy.Find itself answers a query holding a NUL, as its own
		// rules have it: nothing is ruled out of it beforehand.
		sc.letters = data.Letters(q)
	}
	return sc
}

// Skips reports that a vendor, given as its encoded brief, cannot match:
// first from the letters of what a search matches in it, kept in the brief
// when it was written (data.BriefLetters: one AND rules out most vendors),
// or, in an older vendex's brief, from all its bytes at once; then, when
// those might, from each string a search reads in it (data.BriefTexts),
// each read once, as bytes, folded unless the brief says they need not be.
// A string that holds an internationalised host, whose Unicode form would
// have other letters, is not ruled out; the others are when they lack the
// query's characters (fuzzy.Pattern's Excludes and Misses). A brief whose
// texts do not read as such is not skipped, so that decoding it reports
// the damage (one that its letters or bytes rule out is not read further).
func (s *Scan) Skips(b []byte) bool {
	have, plain, known := data.BriefLetters(b)
	if known && have&s.letters != s.letters {
		return true
	}
	idn := !plain && bytes.Contains(b, []byte("xn--"))
	if !known && !idn && s.pattern.Excludes(b) {
		return true
	}
	may := false
	ok := data.BriefTexts(b, func(t []byte) bool {
		if !plain {
			if idn && bytes.Contains(t, []byte("xn--")) {
				may = true
				return false
			}
			// Matched as folded, which is mostly ASCII again.
			s.folded = data.AppendFold(s.folded[:0], t)
			t = s.folded
		}
		may = !s.pattern.Misses(t)
		return !may
	})
	return ok && !may
}

// Add scores one vendor. b's strings need not outlive the call: a vendor
// that matches is copied.
func (s *Scan) Add(b data.Brief) {
	s.anyImported = s.anyImported || b.Imported
	best := Hit{Score: -1 << 31}
	found, named, leading := false, false, false
	eachEntry(&b, func(match, show string, f Field, nth int, _ bool) {
		// The first of the best entries is the vendor's, as in Find.
		score, ok := s.pattern.Score(match)
		if !ok {
			return
		}
		named = named || s.named.entry(match, f)
		handicapped := handicap(&b, f, nth)
		leading = leading || s.leadStart != 0 && f != Domain && !handicapped && leads(match, s.strongQuery)
		if rank := rankScore(score, handicapped); !found || rank > best.rank {
			found = true
			best = Hit{Text: show, Score: score, Field: f, folded: match, rank: rank}
		}
	})
	if !found {
		return
	}
	best.exact = named || s.named.id != "" && b.ID == s.named.id
	if leading {
		best.lead = data.PrevalenceRank(b.ID)
	}
	best.Vendor = b.Clone()
	best.Text = strings.Clone(best.Text)
	best.folded = strings.Clone(best.folded)
	best.name = nameOrder(best.Vendor.Name)
	s.hits = append(s.hits, best)
}

// Results is the ranking of the vendors added so far.
func (s *Scan) Results() []Hit {
	slices.SortFunc(s.hits, func(a, b Hit) int {
		if a.rank != b.rank {
			return b.rank - a.rank
		}
		return compareNames(a.name, b.name, a.Vendor.ID, b.Vendor.ID)
	})
	return curatedFirst(s.hits, func(h Hit) bool { return h.exact }, func(h Hit) bool {
		return s.anyImported && s.strongQuery != "" && strongMatch(h.folded, wordInitials(h.folded), s.strongQuery)
	}, func(h Hit) bool { return h.Vendor.Imported }, func(h Hit) int { return h.lead })
}
