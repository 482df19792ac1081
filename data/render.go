package data

import (
	"bytes"
	"encoding/json"
	"strings"
)

// JSON is the whole record with its stable field names, indented, ending
// in a newline. `vendex import` reads it back. It is cleaned as every card
// writer cleans (CleanText's policy), not escaped: import drops what
// CleanText drops, so an escaped U+202E would survive only until the file
// was read back, and the JSON says what the Markdown and the text say.
func JSON(v Vendor) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v.Cleaned()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// YesNo is a verdict as a person reads it.
func (a Answer) Title() string {
	switch a {
	case AnswerYes:
		return "Yes"
	case AnswerNo:
		return "No"
	case AnswerConditional:
		return "Conditional"
	}
	return "Unknown"
}

// Reply is a verdict as the short answer to a question: yes, no, or "it
// depends" ("Did the site add Playdigo on purpose? Conditional." answered
// nothing; Conditional is a block verdict's word, not a reply).
func (a Answer) Reply() string {
	if a == AnswerConditional {
		return "It depends"
	}
	return a.Title()
}

// Title is yes / no / unknown as a person reads it.
func (t Tristate) Title() string {
	switch t {
	case Yes:
		return "Yes"
	case No:
		return "No"
	}
	return "Unknown"
}

// MainDomain is the domain a list shows next to the vendor's name.
func (v *Vendor) MainDomain() string {
	if len(v.Domains) > 0 {
		return v.Domains[0].Host
	}
	if len(v.Scripts) > 0 {
		return v.Scripts[0].Host
	}
	return ""
}

// SourceString is a script source as host plus path.
func (s Script) SourceString() string { return s.Host + s.Path }

// Party is first or third party as a person reads it.
func (p Party) Title() string {
	switch p {
	case FirstParty:
		return "first party"
	case ThirdParty:
		return "third party"
	}
	return ""
}

// PartyTitle is the Party column of a storage row: an item set only on
// the vendor's own website says so, since a site embedding the vendor
// never receives it; an item whose party no source gives says that.
func (it StorageItem) PartyTitle() string {
	switch {
	case it.OwnSite:
		return "own site only"
	case it.Party == "":
		return "not known"
	}
	return it.Party.Title()
}

// Title is the GDPR role as a person reads it.
func (r Role) Title() string {
	switch r {
	case Processor:
		return "Processor (acts on the site owner's instructions, under a data processing agreement)"
	case Controller:
		return "Independent controller (decides itself what the data is used for)"
	case JointController:
		return "Joint controller with the site owner"
	case ProcessorOrController:
		return "Processor for some services, independent controller for others"
	}
	return CleanLine(string(r))
}

// Body is the FAQ answer without a leading restatement of its short
// verdict ("No. Twilio sets..." under a short "no" reads as "Twilio
// sets..."), so that a card that prints the verdict does not say it twice.
// The word goes only when it is a whole reply, closed by punctuation or a
// dash: "No cookie was recorded" keeps its "No", which begins the sentence
// (stripped, the card printed "A: No. Cookie was recorded": the opposite).
func (f FAQ) Body() string {
	a := strings.TrimSpace(f.Answer)
	if word, ok := f.opensWithReply(a); ok {
		if r, ok := afterReply(a[len(word):]); ok {
			return strings.ToUpper(r[:1]) + r[1:]
		}
	}
	return a
}

// PrintedShort is the reply a card prints before Body: none when the
// answer opens with its reply word running into its sentence ("No cookie
// was recorded...", "Yes in the EEA and UK: ..."), which says it already.
func (f FAQ) PrintedShort() Answer {
	a := strings.TrimSpace(f.Answer)
	if word, ok := f.opensWithReply(a); ok {
		if _, whole := afterReply(a[len(word):]); !whole {
			if r := a[len(word):]; r != "" && r[0] == ' ' {
				return ""
			}
		}
	}
	return f.Short
}

// opensWithReply is the reply word (as written in a) that a begins with.
func (f FAQ) opensWithReply(a string) (string, bool) {
	if f.Short == "" {
		return "", false
	}
	for _, word := range []string{f.Short.Reply(), f.Short.Title()} {
		if len(a) > len(word) && strings.EqualFold(a[:len(word)], word) {
			return a[:len(word)], true
		}
	}
	return "", false
}

// afterReply is the text after a reply word when the word stands as a
// whole reply: directly followed by . , ; : or !, or by a spaced dash
// ("No — it..."); ok is false when the word runs on into its sentence.
func afterReply(rest string) (string, bool) {
	var r string
	switch {
	case rest != "" && strings.ContainsRune(".,;:!", rune(rest[0])):
		r = rest[1:]
	default:
		t := strings.TrimLeft(rest, " ")
		for _, dash := range []string{"—", "–"} {
			if strings.HasPrefix(t, dash) {
				r = t[len(dash):]
			}
		}
		if t != rest && strings.HasPrefix(t, "- ") {
			r = t[1:]
		}
	}
	r = strings.TrimLeft(r, ".,;:!—– -")
	return r, r != ""
}
