package card

import (
	"strconv"
	"strings"
)

// Seen is what a site audit observed of one vendor on one site: the
// hosts it was loaded from, what it stored, and what should have waited
// for consent. It becomes the card's first section.
type Seen struct {
	Site   string
	Hosts  []SeenHost
	Stored []SeenItem
	// Findings say what ran or was stored that needs consent; Reasons
	// why, each once.
	Findings []string
	Reasons  []string
}

// SeenHost is a host the site's pages requested, and how often.
type SeenHost struct {
	Host     string
	Requests int
}

// SeenItem is a cookie or storage key the capture held.
type SeenItem struct {
	Name, Kind         string
	Observed, Declared string
	Notes              []string
}

// SecSeen is the section a site audit adds (see WithSeen).
const SecSeen SectionID = SecProvenance + 1

// WithSeen returns c with a "Seen on this site" section first, saying
// what the audit of s.Site observed of the vendor.
func (c Card) WithSeen(s Seen) Card {
	var blocks []Block
	if len(s.Findings) > 0 {
		l := make(List, len(s.Findings))
		for i, f := range s.Findings {
			l[i] = Item{Lead: "Needs consent", Text: f}
		}
		blocks = append(blocks, l)
		if len(s.Reasons) > 0 {
			blocks = append(blocks, Prose{strings.Join(s.Reasons, "\n")})
		}
	}
	if len(s.Hosts) > 0 {
		t := Table{Columns: []Column{{Title: "Host", Code: true}, {Title: "Requests", Wide: true}}}
		for _, h := range s.Hosts {
			t.Rows = append(t.Rows, []string{h.Host, strconv.Itoa(h.Requests)})
		}
		blocks = append(blocks, t)
	}
	if len(s.Stored) > 0 {
		t := Table{Columns: []Column{{Title: "Name", Code: true}, {Title: "Kind"}, {Title: "Observed"}, {Title: "Declared"}, {Title: "Notes", Wide: true}}}
		for _, it := range s.Stored {
			t.Rows = append(t.Rows, []string{it.Name, it.Kind, it.Observed, it.Declared, strings.Join(it.Notes, "; ")})
		}
		blocks = append(blocks, t)
	}
	if len(blocks) == 0 {
		blocks = []Block{Prose{"The capture recorded nothing of this vendor."}}
	}
	c.Sections = append([]Section{{ID: SecSeen, Blocks: blocks}}, c.Sections...)
	return c
}
