// Package card is a vendor card as one ordered list of sections with typed
// content, built once from a data.Vendor. Every rendering (Markdown, plain
// text, the terminal browser, HTML) is a thin writer over a Card: which
// sections a card has, their order, their wording and the summary up front
// are decided here and nowhere else.
//
// Build cleans every string of terminal control and BiDi characters, so a
// writer only has to escape for its own target (Markdown, HTML...).
package card

import (
	"github.com/vendex/vendex/data"
)

// Card is one vendor's card.
type Card struct {
	ID       string
	Name     string
	Owner    string
	Summary  string
	Category data.Category
	// Facts are the summary every rendering shows up front, in this order:
	// the consent category, whether to block before consent, whether
	// consent is required, whether it sets cookies.
	Facts []Fact
	// Verdict is the answer to "block it before consent?", the one a
	// reader most often came for.
	Verdict data.Verdict
	// Sections in the order of a consent platform's vendor page.
	Sections []Section
}

// Fact is one labelled line of the summary.
type Fact struct {
	Label string
	Value string
	// Answer is set when Value is a verdict, so a writer can colour it.
	Answer data.Answer
}

// SectionID names a section; its Title is the heading every writer uses.
type SectionID int

// The sections, in card order.
const (
	SecOverview SectionID = iota
	SecWhatItDoes
	SecStorage
	SecPermissions
	SecCompliance
	SecBlock
	SecDetails
	SecDomains
	SecFAQ
	SecRelated
	SecSources
	SecProvenance
)

var sectionTitles = [...]string{
	SecOverview:    "Overview",
	SecWhatItDoes:  "What the script does",
	SecStorage:     "Browser storage",
	SecPermissions: "Permissions",
	SecCompliance:  "Consent and compliance",
	SecBlock:       "Should you block it before consent?",
	SecDetails:     "Vendor details",
	SecDomains:     "Tracked domains",
	SecFAQ:         "Frequently asked questions",
	SecRelated:     "Related vendors",
	SecSources:     "Sources",
	SecProvenance:  "Where these facts came from",
	SecSeen:        "Seen on this site",
}

// Title is the section's heading.
func (id SectionID) Title() string { return sectionTitles[id] }

// Section is one titled part of the card.
type Section struct {
	ID     SectionID
	Blocks []Block
}

// Title is the section's heading.
func (s Section) Title() string { return s.ID.Title() }

// Block is a piece of a section's content: one of Prose, Heading, Fields,
// List, Table, Answer, QA or Links.
type Block interface{ block() }

// Prose is running text: paragraphs separated by a blank line.
type Prose struct{ Text string }

// Heading is a sub-heading inside a section ("What pages load from it").
type Heading struct{ Text string }

// Fields is a run of labelled facts ("Owner: Twilio Inc.").
type Fields []Field

// Field is one labelled fact. Detail holds paragraphs that explain the
// value (a verdict's reason and advice).
type Field struct {
	Label  string
	Value  string
	Answer data.Answer // set when Value is a verdict
	URL    bool        // Value is a web address
	Detail []string
}

// List is a bulleted list.
type List []Item

// Item is one bullet: an optional lead (a name), code-like values (hosts,
// sources), a web address, a secondary note ("checked 2026-11-28") and text.
type Item struct {
	Lead string
	Code []string
	URL  string
	Note string
	Text string
}

// Table is a grid with a header. The last column may be Wide: it takes
// the width that is left and wraps.
type Table struct {
	Columns []Column
	Rows    [][]string
}

// Column is a table column's title and how its cells read.
type Column struct {
	Title string
	Code  bool // cells are names or hosts, shown as code
	Wide  bool
}

// Answer is a verdict given as the answer to a section's question.
type Answer struct{ data.Verdict }

// QA is one frequently asked question with its short verdict, if it is a
// yes/no question, and an answer that does not repeat that verdict.
type QA struct {
	Question string
	Short    data.Answer
	Answer   string
}

// Links are related vendors a reader can follow.
type Links []Link

// Link is a related vendor. Known is false when the catalogue has no
// vendor of that id; Name is then the id.
type Link struct {
	ID    string
	Name  string
	Known bool
}

func (Prose) block()   {}
func (Heading) block() {}
func (Fields) block()  {}
func (List) block()    {}
func (Table) block()   {}
func (Answer) block()  {}
func (QA) block()      {}
func (Links) block()   {}
