package cli

import (
	"regexp"
	"strings"
	"sync"

	"github.com/vendex/vendex/data/card"
)

// helpWidth is the width help text is wrapped to: a terminal's default,
// and what man pages and other tools' --help keep to.
const helpWidth = 80

// helpRow is a line of a help table ("  har            HAR 1.2 ...",
// "  lookup HOST|URL... whose ..."), or the usage line ("Usage: vendex
// scan [--json ..."): a long one wraps under its description (or its
// arguments), not at the left edge. Compiled when help is first printed,
// not at every command's start.
var helpRow = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(Usage: vendex \S+ |\s+\S+(?: \S+)?\s{2,}|\s+\S+ \S+\.\.\. |\s+)`)
})

// wrapHelp wraps every line of help text s wider than helpWidth, each
// continuation indented to where its line's text starts.
func wrapHelp(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if len(l) <= helpWidth {
			out = append(out, l)
			continue
		}
		if strings.HasPrefix(l, "  vendex ") {
			out = append(out, commandLines(l)...)
			continue
		}
		hang := len(helpRow().FindString(l))
		if hang > helpWidth/2 {
			hang = 4
		}
		// "(- reads stdin)" is one thing: never "(-" at a line's end.
		text := strings.ReplaceAll(l[hang:], "(- reads stdin)", "(-\u00a0reads\u00a0stdin)")
		for i, w := range card.Wrap(text, helpWidth-hang) {
			w = strings.ReplaceAll(w, "\u00a0", " ")
			if i == 0 {
				out = append(out, l[:hang]+w)
			} else {
				out = append(out, strings.Repeat(" ", hang)+w)
			}
		}
	}
	return strings.Join(out, "\n")
}

// commandLines is an example command too wide for helpWidth, broken at
// spaces with a shell's line continuation (" \\"), so that what is copied
// still runs as one command (verify10: coverage's example split in two).
func commandLines(l string) []string {
	var out []string
	line, indent := "", "  "
	for _, w := range strings.Fields(l) {
		switch {
		case line == "":
			line = indent + w
		case len(line)+1+len(w)+2 > helpWidth:
			out = append(out, line+" \\")
			indent = "    "
			line = indent + w
		default:
			line += " " + w
		}
	}
	return append(out, line)
}
