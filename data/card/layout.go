package card

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// ItemLine is an item as one line of running text: "Lead (code, code) URL
// (note): text". Each writer passes how it shows each part (escaped,
// styled, as code); the order and the punctuation are the same everywhere.
func ItemLine(it Item, lead, code, url, plain func(string) string) string {
	head := ""
	if it.Lead != "" {
		head = lead(it.Lead)
	}
	if len(it.Code) > 0 {
		cs := make([]string, len(it.Code))
		for i, c := range it.Code {
			cs[i] = code(c)
		}
		if head != "" {
			head += " (" + strings.Join(cs, ", ") + ")"
		} else {
			head = strings.Join(cs, ", ")
		}
	}
	if it.URL != "" {
		head = strings.TrimSpace(head + " " + url(it.URL))
	}
	if it.Note != "" {
		head = strings.TrimSpace(head + " (" + plain(it.Note) + ")")
	}
	if it.Text != "" {
		if head != "" {
			head += ": "
		}
		head += plain(it.Text)
	}
	return head
}

// Items is the table as a list, for a width too narrow for its columns:
// each row's code cells lead, its other narrow cells become the note and
// its wide cell the text ("_ga (cookie, 3rd party, 2 years): ...").
func (t Table) Items() List {
	out := make(List, 0, len(t.Rows))
	for _, row := range t.Rows {
		var it Item
		var notes []string
		for i, cell := range row {
			switch col := t.Columns[i]; {
			case cell == "":
			case col.Wide:
				it.Text = cell
			case col.Code:
				it.Code = append(it.Code, cell)
			default:
				notes = append(notes, cell)
			}
		}
		it.Note = strings.Join(notes, ", ")
		out = append(out, it)
	}
	return out
}

// MinWide is the narrowest a table's wide column may be before a writer
// shows the table as a list instead.
const MinWide = 22

// Widths lays the table out in width cells, a gap of one cell between
// columns. Names and hosts (Code columns) get their widest cell, up to 48
// cells, and give up room, down to 24, when the wide column would be
// narrower than MinWide; the other narrow columns (a kind, a party, a
// lifetime) get their widest cell, up to 20, and never give any: a lifetime
// cut to "30 minu…" would say nothing. ok is false when the wide column is
// still narrower than MinWide: show t.Items() instead.
func (t Table) Widths(width int) (widths []int, ok bool) {
	widths = make([]int, len(t.Columns))
	floor := make([]int, len(t.Columns))
	wide, used := -1, 0
	for i, col := range t.Columns {
		if col.Wide {
			wide = i
			continue
		}
		w := ansi.StringWidth(col.Title)
		floor[i] = max(w, 4)
		for _, row := range t.Rows {
			w = max(w, ansi.StringWidth(row[i]))
		}
		if col.Code {
			widths[i], floor[i] = min(w, 48), min(w, max(floor[i], 24))
		} else {
			widths[i] = min(w, 20)
			floor[i] = widths[i]
		}
		used += widths[i] + 1
	}
	if wide < 0 {
		return widths, used-1 <= width
	}
	// Shrink the widest name column that may still give, a cell at a time.
	for width-used < MinWide {
		best := -1
		for i := range t.Columns {
			if widths[i] > floor[i] && (best < 0 || widths[i] > widths[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		widths[best]--
		used--
	}
	widths[wide] = width - used
	return widths, widths[wide] >= MinWide
}

// Wrap breaks s into lines of at most width cells, at spaces where it can.
// A word longer than a line (a source label, a path) breaks after a ':' or
// '/' in it, or when its pieces are still too long also after a '.' or
// '-', and inside a piece only when the piece alone is longer than a line.
// A CJK character counts as the two cells it takes on a screen. Unlike
// ansi.Wrap, it never breaks after a hyphen of a word that fits: a host
// such as voice-js.roaming.twilio.com stays whole, so it can be copied.
func Wrap(s string, width int) []string {
	width = max(1, width)
	s = strings.ReplaceAll(markLongWords(s, width), "-", nbHyphen)
	lines := strings.Split(ansi.Wrap(s, width, breakMark), "\n")
	for i, l := range lines {
		l = strings.ReplaceAll(l, breakMark, "")
		lines[i] = strings.ReplaceAll(strings.TrimRight(l, " "), nbHyphen, "-")
	}
	return lines
}

// breakMark follows each place Wrap may break a word longer than a line:
// a zero-width space, which ansi.Wrap takes as a breakpoint and Wrap then
// drops.
const breakMark = "\u200b"

// markLongWords puts breakMark after the ':' and '/' of each word of s
// wider than width, or after its '.' and '-' too when a piece between
// those is still wider. Words holding an escape sequence (styled text) are
// left as they are.
func markLongWords(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	words := strings.Split(s, " ")
	marked := false
	for i, w := range words {
		if ansi.StringWidth(w) <= width || strings.ContainsRune(w, '\x1b') {
			continue
		}
		at := ":/"
		if slices.ContainsFunc(splitAfterAny(w, at), func(p string) bool { return ansi.StringWidth(p) > width }) {
			at = ":/.-"
		}
		if pieces := splitAfterAny(w, at); len(pieces) > 1 {
			words[i], marked = strings.Join(pieces, breakMark), true
		}
	}
	if !marked {
		return s
	}
	return strings.Join(words, " ")
}

// splitAfterAny cuts w after each of the characters of at it holds.
func splitAfterAny(w, at string) []string {
	var out []string
	for {
		i := strings.IndexAny(w, at)
		if i < 0 || i == len(w)-1 {
			return append(out, w)
		}
		out, w = append(out, w[:i+1]), w[i+1:]
	}
}

// WrapLinks is Wrap for plain text that a reader copies from (show when
// piped, the text export): a URL longer than a line stands whole on a
// line of its own rather than broken inside, so that it can be copied or
// followed; the text around it wraps as Wrap does.
func WrapLinks(s string, width int) []string {
	width = max(1, width)
	words := strings.Split(s, " ")
	if !slices.ContainsFunc(words, func(w string) bool { return longLink(w, width) }) {
		return Wrap(s, width)
	}
	var lines []string
	start := 0
	flush := func(end int) {
		if end > start {
			lines = append(lines, Wrap(strings.Join(words[start:end], " "), width)...)
		}
	}
	for i, w := range words {
		if longLink(w, width) {
			flush(i)
			lines = append(lines, w)
			start = i + 1
		}
	}
	flush(len(words))
	return lines
}

// longLink reports whether w is a URL (as the card writes one, in angle
// brackets or not) wider than a line.
func longLink(w string, width int) bool {
	return ansi.StringWidth(w) > width && strings.Contains(w, "://")
}

// nbHyphen stands in for '-' while wrapping: ansi.Wrap breaks after every
// hyphen, but not after U+2011, which is one cell wide too.
const nbHyphen = "\u2011"
