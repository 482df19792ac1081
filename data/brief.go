package data

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Brief is what a list row, a search and a count need of a vendor: its
// names, hosts, category and verdict, cleaned for the terminal. The store
// keeps one per vendor in a compact binary form (AppendBrief), so that
// listing every vendor decodes no JSON; the whole card is read only when
// it is opened.
type Brief struct {
	ID      string
	Name    string
	Aliases []string
	// Hosts are the hosts of Domains, in order; MainDomain is
	// Vendor.MainDomain (a script's host when there is no domain).
	Hosts      []string
	MainDomain string
	Category   Category
	Block      Answer
	// Imported marks a vendor that only imported datasets know: lists put
	// it after the curated ones.
	Imported bool
	// OwnAliases is how many of Aliases, from the first, the catalogue or
	// the user's files give; the rest only imported datasets give, and a
	// search ranks a match on one of those below a near match on the
	// vendor's own name.
	OwnAliases int
	// Retired marks a product its vendor shut down (Vendor.Retired).
	Retired bool
}

// Brief is v's brief, its text cleaned. v is a merged record: Imported
// comes from its provenance.
func (v *Vendor) Brief() Brief {
	aliases, own := v.aliasesOwnFirst()
	b := Brief{
		ID: v.ID, Name: CleanLine(v.Name), Aliases: mapStrings(aliases, CleanLine),
		MainDomain: CleanLine(v.MainDomain()), Category: Category(CleanLine(string(v.Category))),
		Block: judgedBlock(v.BlockBeforeConsent.Value, v.Category), Imported: v.FromImportsOnly(), OwnAliases: own,
		Retired: v.Retired != "",
	}
	if len(v.Domains) > 0 {
		b.Hosts = make([]string, len(v.Domains))
		for i, d := range v.Domains {
			b.Hosts[i] = CleanLine(d.Host)
		}
	}
	return b
}

// aliasesOwnFirst is v's aliases with those the catalogue or the user's
// files give first, and how many those are; the others only imported
// datasets give (provenance says which).
func (v *Vendor) aliasesOwnFirst() ([]string, int) {
	if len(v.Provenance) == 0 || len(v.Aliases) == 0 || v.FromImportsOnly() {
		// The embedded catalogue alone, or imports alone: a vendor only
		// imports know lists after the catalogue's anyway.
		return v.Aliases, len(v.Aliases)
	}
	own := make(map[string]bool, len(v.Aliases))
	noted := false
	for _, p := range v.Provenance {
		if p.Field == "aliases" {
			noted = true
			own[p.Value] = own[p.Value] || !ImportedSource(p.Source)
		}
	}
	if !noted {
		own = nil // no alias provenance: the layer's record noted it once
	}
	var first, rest []string
	for _, a := range v.Aliases {
		if own == nil || own[a] {
			first = append(first, a)
		} else {
			rest = append(rest, a)
		}
	}
	return append(first, rest...), len(first)
}

// briefVersion starts every encoded brief; it is not '{', which started
// the JSON briefs of older files.
const briefVersion = 0x02

const (
	briefImported = 1 << 0
	// briefOwnAliases says that OwnAliases follows the hosts, when it is
	// not every alias: a brief without it (and an older file's) counts
	// every alias as the vendor's own.
	briefOwnAliases = 1 << 1
	briefRetired    = 1 << 2
	// briefLetters says that the brief ends in the letters of its texts
	// (BriefLetters), 8 bytes: a brief without it (an older vendex's) is
	// searched by reading its texts.
	briefLetters = 1 << 3
	// briefPlain says that a search matches the brief's texts as they are.
	briefPlain = 1 << 4
)

// lettersSize is the size of the letters that end a brief with them.
const lettersSize = 8

// AppendBrief appends b's compact encoding (without its id, which the
// store keeps as the key) to out.
func AppendBrief(out []byte, b Brief) []byte {
	flags := byte(0)
	if b.Imported {
		flags |= briefImported
	}
	if b.OwnAliases < len(b.Aliases) {
		flags |= briefOwnAliases
	}
	if b.Retired {
		flags |= briefRetired
	}
	letters, plain := b.letters()
	flags |= briefLetters
	if plain {
		flags |= briefPlain
	}
	out = append(out, briefVersion, flags)
	out = appendString(out, b.Name)
	out = appendString(out, string(b.Category))
	out = appendString(out, string(b.Block))
	out = appendString(out, b.MainDomain)
	out = binary.AppendUvarint(out, uint64(len(b.Aliases)))
	for _, a := range b.Aliases {
		out = appendString(out, a)
	}
	out = binary.AppendUvarint(out, uint64(len(b.Hosts)))
	for _, h := range b.Hosts {
		out = appendString(out, h)
	}
	if flags&briefOwnAliases != 0 {
		out = binary.AppendUvarint(out, uint64(b.OwnAliases))
	}
	return binary.LittleEndian.AppendUint64(out, letters)
}

// Letters is the set of letters a-z and digits in s, a bit each (a-z,
// then 0-9), a letter in either case, or as any rune a search takes for it
// (the Kelvin sign for k: the same case-folding orbit); other characters
// add none. A string that matches a query holds the query's letters: a
// search rules a brief out with one AND when its texts lack one
// (BriefLetters).
func Letters(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			m |= letterBit[c]
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < utf8.RuneSelf {
				m |= letterBit[f]
			}
		}
		i += n - 1
	}
	return m
}

var letterBit = func() (t [utf8.RuneSelf]uint64) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1<<(c-'a'), 1<<(c-'a')
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 1 << (26 + c - '0')
	}
	return t
}()

// letters is the Letters of every string a search matches in b: its
// name, aliases and hosts, each folded (Fold), a host also in Unicode
// (UnicodeHost); and whether those are b's texts as they are (all ASCII,
// no internationalised host), so that a search may read them so.
func (b *Brief) letters() (m uint64, plain bool) {
	plain = true
	add := func(s string) {
		if !isASCII(s) {
			plain = false
			s = Fold(s)
		}
		m |= Letters(s)
	}
	add(b.Name)
	for _, a := range b.Aliases {
		add(a)
	}
	for _, h := range b.Hosts {
		add(h)
		if u := UnicodeHost(h); u != h {
			plain = false
			add(u)
		}
	}
	return m, plain
}

// BriefLetters is the Letters of every string a search matches in an
// encoded brief, kept when it was written (plain says that those strings
// are its texts as BriefTexts gives them: nothing to fold, no host to read
// in Unicode), and whether the brief has them: an older vendex's have
// none.
func BriefLetters(raw []byte) (letters uint64, plain, ok bool) {
	if len(raw) < 2+lettersSize || raw[0] != briefVersion || raw[1]&briefLetters == 0 {
		return 0, false, false
	}
	return binary.LittleEndian.Uint64(raw[len(raw)-lettersSize:]), raw[1]&briefPlain != 0, true
}

func appendString(out []byte, s string) []byte {
	out = binary.AppendUvarint(out, uint64(len(s)))
	return append(out, s...)
}

// ErrBriefFormat is returned for bytes that are not an encoded brief.
var ErrBriefFormat = errors.New("not an encoded brief")

// IsEncodedBrief reports whether raw is AppendBrief's encoding (rather
// than an older file's JSON brief).
func IsEncodedBrief(raw []byte) bool { return len(raw) > 0 && raw[0] == briefVersion }

// BriefHead decodes only the name, category and verdict of an encoded
// brief: all that a host lookup prints.
func BriefHead(raw []byte) (name string, c Category, block Answer, err error) {
	if len(raw) < 2 || raw[0] != briefVersion {
		return "", "", "", ErrBriefFormat
	}
	d := briefDecoder{single: true, p: raw[2:]}
	name, c, block = d.str(), Category(d.str()), Answer(d.str())
	block = judgedBlock(block, c)
	if d.fail {
		return "", "", "", ErrBriefFormat
	}
	return name, c, block, nil
}

// BriefName is the name of an encoded brief, as raw's own bytes, and
// whether only imported datasets know the vendor: what a list with no
// query orders vendors by, read without decoding the rest. ok is false if
// raw is not an encoded brief (so far as it read).
func BriefName(raw []byte) (name []byte, imported, ok bool) {
	if len(raw) < 2 || raw[0] != briefVersion {
		return nil, false, false
	}
	n, k := binary.Uvarint(raw[2:])
	if k <= 0 || uint64(len(raw)-2-k) < n {
		return nil, false, false
	}
	return raw[2+k : 2+k+int(n)], raw[1]&briefImported != 0, true
}

// BriefTexts calls fn with each string of an encoded brief that a search
// reads (its name, each alias, each host, in that order), as raw's own
// bytes, until fn returns false: a search over every brief passes over
// most of them without decoding them. It reports false if raw is not an
// encoded brief (so far as it read).
func BriefTexts(raw []byte, fn func(s []byte) bool) bool {
	if len(raw) < 2 || raw[0] != briefVersion {
		return false
	}
	d := briefDecoder{p: raw[2:]}
	if raw[1]&briefLetters != 0 {
		if len(d.p) < lettersSize {
			return false
		}
		d.p = d.p[:len(d.p)-lettersSize]
	}
	next := func() []byte {
		n, k := binary.Uvarint(d.p)
		if k <= 0 || uint64(len(d.p)-k) < n {
			d.fail, d.p = true, nil
			return nil
		}
		s := d.p[k : k+int(n)]
		d.p = d.p[k+int(n):]
		return s
	}
	if name := next(); d.fail || !fn(name) {
		return !d.fail
	}
	next()        // category
	next()        // verdict
	next()        // main domain
	for range 2 { // aliases, then hosts
		n, k := binary.Uvarint(d.p)
		if k <= 0 || n > uint64(len(d.p)) {
			return false
		}
		d.p = d.p[k:]
		for range n {
			if s := next(); d.fail || !fn(s) {
				return !d.fail
			}
		}
	}
	return !d.fail
}

// BriefDecoder decodes many briefs, copying their strings into shared
// blocks: a list of 100,000 vendors costs a few allocations, not a
// million.
type BriefDecoder struct{ briefDecoder }

// Decode decodes AppendBrief's encoding of the vendor id; the strings are
// copied out of raw.
func (d *BriefDecoder) Decode(id string, raw []byte) (Brief, error) {
	d.view = false
	return d.decode(id, raw)
}

// View decodes as Decode does without copying: the brief's strings are id's
// and raw's bytes and its lists are reused by the next View, so it is valid only
// while they are and until the next call (Brief.Clone keeps one). Reading
// every brief to keep a few costs no allocation per brief.
func (d *BriefDecoder) View(id, raw []byte) (Brief, error) {
	d.view, d.scratch = true, d.scratch[:0]
	return d.decode(unsafeString(id), raw)
}

type briefDecoder struct {
	single  bool // one brief: each string its own allocation
	view    bool // strings point into raw; lists are cut from scratch
	scratch []string
	text    []byte   // strings are cut from here
	strs    []string // string lists are cut from here
	fail    bool
	p       []byte
}

func (d *briefDecoder) str() string {
	n, k := binary.Uvarint(d.p)
	if k <= 0 || uint64(len(d.p)-k) < n {
		d.fail, d.p = true, nil
		return ""
	}
	s := d.p[k : k+int(n)]
	d.p = d.p[k+int(n):]
	if len(s) == 0 {
		return ""
	}
	switch {
	case d.single:
		return string(s)
	case d.view:
		return unsafeString(s)
	}
	if cap(d.text)-len(d.text) < len(s) {
		d.text = make([]byte, 0, max(32<<10, len(s)))
	}
	start := len(d.text)
	d.text = append(d.text, s...)
	b := d.text[start:len(d.text):len(d.text)]
	return unsafeString(b)
}

func (d *briefDecoder) list() []string {
	n, k := binary.Uvarint(d.p)
	if k <= 0 || n > uint64(len(d.p)) {
		d.fail, d.p = true, nil
		return nil
	}
	d.p = d.p[k:]
	if n == 0 {
		return nil
	}
	if d.single {
		out := make([]string, n)
		for i := range out {
			out[i] = d.str()
		}
		return out
	}
	if d.view {
		start := len(d.scratch)
		for range n {
			d.scratch = append(d.scratch, d.str())
		}
		return d.scratch[start:len(d.scratch):len(d.scratch)]
	}
	if cap(d.strs)-len(d.strs) < int(n) {
		d.strs = make([]string, 0, max(4<<10, int(n)))
	}
	start := len(d.strs)
	for range n {
		d.strs = append(d.strs, d.str())
	}
	return d.strs[start:len(d.strs):len(d.strs)]
}

func (d *briefDecoder) decode(id string, raw []byte) (Brief, error) {
	if len(raw) < 2 || raw[0] != briefVersion {
		return Brief{}, ErrBriefFormat
	}
	d.p, d.fail = raw[2:], false
	b := Brief{ID: id, Imported: raw[1]&briefImported != 0, Retired: raw[1]&briefRetired != 0}
	b.Name = d.str()
	b.Category = Category(d.str())
	b.Block = judgedBlock(Answer(d.str()), b.Category)
	b.MainDomain = d.str()
	b.Aliases = d.list()
	b.Hosts = d.list()
	b.OwnAliases = len(b.Aliases)
	if raw[1]&briefOwnAliases != 0 {
		n, k := binary.Uvarint(d.p)
		if k <= 0 || n > uint64(len(b.Aliases)) {
			d.fail = true
		}
		b.OwnAliases = int(n)
		d.p = d.p[max(k, 0):]
	}
	if raw[1]&briefLetters != 0 && len(d.p) != lettersSize {
		d.fail = true // the letters end the brief
	}
	if d.fail {
		return Brief{}, ErrBriefFormat
	}
	return b, nil
}

// unsafeString is b as a string without a copy: b is a block that is only
// ever appended to, so the bytes under the string never change.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Clone is b with its own copy of every string, for a brief decoded by
// BriefDecoder.View that must outlive the bytes it was decoded from.
func (b Brief) Clone() Brief {
	c := b
	c.ID, c.Name, c.MainDomain = strings.Clone(b.ID), strings.Clone(b.Name), strings.Clone(b.MainDomain)
	c.Category, c.Block = Category(strings.Clone(string(b.Category))), Answer(strings.Clone(string(b.Block)))
	c.Aliases, c.Hosts = cloneStrings(b.Aliases), cloneStrings(b.Hosts)
	return c
}

func cloneStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}
