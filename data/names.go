package data

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeName folds a vendor name or alias for comparing: lower case;
// runs of spaces and punctuation (hyphens, dots, commas, brackets...)
// collapsed to one space; runs of single letters joined ("S.p.A." is
// "spa", "A/B Tasty" is "ab tasty"); and legal-form suffixes dropped from
// the end ("Criteo SA", "PubMatic, Inc." and "Index Exchange, Inc." are
// "criteo", "pubmatic" and "index exchange"). So "Google-Analytics",
// "google analytics" and "Google  Analytics, Inc." meet. '&', '+' and '@'
// are kept: they carry meaning in a name.
//
// Invisible format characters (a zero-width space, a bidi mark: see
// invisibleFormat) are no part of a name and are dropped.
func NormalizeName(s string) string {
	return trimLegalForm(foldName(s))
}

// foldName is NormalizeName but for the legal forms.
func foldName(s string) string {
	n, ok := normalizeASCIIName(s)
	if !ok {
		s = strings.Map(func(r rune) rune {
			if invisibleFormat(r) {
				return -1
			}
			return r
		}, s)
		s = strings.ToLower(strings.TrimSpace(s))
		n = strings.Join(strings.FieldsFunc(s, nameGap), " ")
	}
	return n
}

// nameQualifiers are the words a company puts after its name for the
// region of one of its companies or for a holding or line of business:
// "Taboola Europe Limited", "Yahoo EMEA Limited", "Crimtan Holdings
// Limited", "Piano Software Inc.". NameStems drops them; NormalizeName
// keeps them. "Digital" is not one: "Adjust Digital A/S" (adjust-digital
// .com, in Denmark) is another company than Adjust (adjust.com, Berlin).
var nameQualifiers = map[string]bool{
	"europe": true, "emea": true, "eu": true, "uk": true, "holdings": true, "holding": true,
	"software": true, "technologies": true, "technology": true,
	// Countries, as the IAB's list spells them: Emerse Sverige AB,
	// Smartclip Hispania S.L., Teads France SAS, Baidu USA.
	"sverige": true, "hispania": true, "ireland": true, "deutschland": true, "france": true,
	"italia": true, "nordic": true, "usa": true,
}

// NameStems are the shorter names, as NormalizeName spells them, that
// the company name s may be a regional, holding or subsidiary name of,
// longest first: s without a closing "a X company" ("Neustar, Inc., a
// TransUnion company" is "neustar"), then without each nameQualifiers
// word from its end in turn, legal forms dropped first ("Crimtan
// Holdings Limited" is "crimtan"). A stem keeps a word that is not a
// qualifier; none when s has no such ending. Whether a stem is a vendor
// is for the caller to say, and only an exact one will do.
func NameStems(s string) []string {
	n := foldName(s)
	var stems []string
	if head, ok := cutParentClause(n); ok {
		n = trimLegalForm(head)
		stems = append(stems, n)
	} else {
		n = trimLegalForm(n)
	}
	for {
		i := strings.LastIndexByte(n, ' ')
		if i < 0 || !nameQualifiers[n[i+1:]] {
			return stems
		}
		// Not trimmed again: "express.co.uk" is not "express".
		n = n[:i]
		if !slices.ContainsFunc(strings.Fields(n), func(w string) bool { return !nameQualifiers[w] }) {
			return stems
		}
		stems = append(stems, n)
	}
}

// cutParentClause cuts a closing "a X company" or "an X company" (X one to
// three words) from the folded name n: "neustar inc a transunion company"
// is "neustar inc".
func cutParentClause(n string) (string, bool) {
	rest, ok := strings.CutSuffix(n, " company")
	if !ok {
		return n, false
	}
	words := strings.Fields(rest)
	for x := 1; x <= 3 && x+2 <= len(words); x++ {
		if a := words[len(words)-x-1]; a == "a" || a == "an" {
			return strings.Join(words[:len(words)-x-1], " "), true
		}
	}
	return n, false
}

// SameName reports whether s, its accents folded (Fold), normalises to n
// (NormalizeName), n being normalised already: whether typing n names s.
// A search asks it of every vendor it finds, and nearly every name differs
// from n in its first letters or goes on past them, which an ASCII s shows
// without being normalised: NormalizeName only lowers letters, turns gaps
// into spaces, joins single letters and drops whole words from the end, so
// n's letters start s's.
func SameName(s, n string) bool {
	if n == "" {
		return false
	}
	i := 0
	for j := 0; j < len(n); j++ {
		c := n[j]
		if c == ' ' {
			continue
		}
		for i < len(s) && s[i] < utf8.RuneSelf && asciiGap[s[i]] {
			i++
		}
		if i == len(s) {
			return false // s has fewer letters than n
		}
		d := s[i]
		if d >= utf8.RuneSelf || c >= utf8.RuneSelf {
			return NormalizeName(Fold(s)) == n
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if d != c {
			return false
		}
		i++
	}
	if i < len(s) && s[i] < utf8.RuneSelf && !asciiGap[s[i]] {
		return false // the word of n's last letter goes on in s
	}
	return NormalizeName(Fold(s)) == n
}

// FirstNameWord is the first word of a company's or product's name, as
// NormalizeName spells it, a leading "the" skipped ("The Trade Desk" is
// "trade"), or "" for a name of no word: names that start alike may be
// one company's ("Google LLC" and "Google", "Amazon Technologies, Inc."
// and "Amazon Web Services").
func FirstNameWord(name string) string {
	w, rest, _ := strings.Cut(NormalizeName(name), " ")
	if w == "the" && rest != "" {
		w, _, _ = strings.Cut(rest, " ")
	}
	return w
}

// nameGap reports whether r separates the words of a name.
func nameGap(r rune) bool {
	switch r {
	case '&', '+', '@':
		return false
	}
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r)
}

// asciiGap is nameGap for one byte of ASCII.
var asciiGap = func() (t [128]bool) {
	for c := range 128 {
		t[c] = nameGap(rune(c))
	}
	return t
}()

// normalizeASCIIName is the folding of NormalizeName for an ASCII name, in
// one pass and, when the name is already folded, without allocating:
// imports normalise every row's vendor name.
func normalizeASCIIName(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return "", false
		}
	}
	normal := true
	for i := 0; i < len(s) && normal; i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			normal = false
		case c == ' ':
			normal = i > 0 && i < len(s)-1 && s[i+1] != ' '
		case asciiGap[c]:
			normal = false
		}
	}
	if normal {
		return s, true
	}
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiGap[c] {
			gap = true
			continue
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b), true
}

// legalForms are the company-form words a name may end with, as
// NormalizeName spells them (runs of single letters joined: "s.p.a." is
// "spa", "sp. z o.o." is "sp zoo").
var legalForms = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true, "company": true,
	"ltd": true, "limited": true, "llc": true, "llp": true, "lp": true, "plc": true, "pbc": true,
	"gmbh": true, "mbh": true, "ag": true, "kg": true, "kgaa": true, "ug": true, "ev": true,
	"sa": true, "sas": true, "sasu": true, "sarl": true, "srl": true, "spa": true, "sl": true, "slu": true,
	"bv": true, "nv": true, "ab": true, "as": true, "asa": true, "oy": true, "oyj": true, "aps": true,
	"pty": true, "pte": true, "pvt": true, "kk": true, "se": true, "sro": true, "doo": true, "zoo": true,
	"ltda": true, "bhd": true, "sdn": true, "sp": true,
}

// trimLegalForm joins runs of single letters in the folded name n and
// drops legal-form words from its end, keeping at least two letters.
func trimLegalForm(n string) string {
	if n == "" {
		return n
	}
	if hasSingleLetterRun(n) {
		n = joinSingleLetters(n)
	}
	for {
		i := strings.LastIndexByte(n, ' ')
		if i < 2 || !legalForms[n[i+1:]] {
			return n
		}
		n = n[:i]
	}
}

// hasSingleLetterRun reports whether two one-letter words of n follow
// each other ("s p a").
func hasSingleLetterRun(n string) bool {
	single := func(i int) bool { // the word starting at i is one byte long
		return (i+1 == len(n) || n[i+1] == ' ') && n[i] < 0x80
	}
	prev := false
	for i := 0; i < len(n); i++ {
		if i > 0 && n[i-1] != ' ' || n[i] == ' ' {
			continue
		}
		s := single(i)
		if s && prev {
			return true
		}
		prev = s
	}
	return false
}

func joinSingleLetters(n string) string {
	words := strings.Split(n, " ")
	out := words[:0]
	for i, w := range words {
		if len(w) == 1 && i > 0 && len(words[i-1]) == 1 && len(out) > 0 {
			out[len(out)-1] += w
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// NameKeys are the keys a name is known by: NormalizeName's, then, for a
// name that says "doing business as" (d/b/a, dba, t/a, trading as), the
// key of each name on either side ("Exponential Interactive, Inc d/b/a
// VDX.tv" is also "exponential interactive" and "vdx tv").
func NameKeys(s string) []string {
	n := NormalizeName(s)
	keys := []string{n}
	for _, sep := range []string{" dba ", " ta ", " trading as ", " doing business as "} {
		if i := strings.Index(n, sep); i > 0 {
			keys = append(keys, trimLegalForm(n[:i]), trimLegalForm(n[i+len(sep):]))
			break
		}
	}
	return keys
}
