package data

import (
	"testing"
)

func TestFAQVerdictIsNotSaidTwice(t *testing.T) {
	cases := []struct {
		short  Answer
		answer string
		want   string
	}{
		{AnswerNo, "No. It sets no cookies.", "It sets no cookies."},
		{AnswerYes, "Yes, before any tag fires.", "Before any tag fires."},
		{AnswerConditional, "Conditional: only for EU visitors.", "Only for EU visitors."},
		{AnswerNo, "Nobody knows.", "Nobody knows."},
		{AnswerYes, "It does.", "It does."},
		{"", "No. Plain.", "No. Plain."},
	}
	for _, c := range cases {
		if got := (FAQ{Short: c.short, Answer: c.answer}).Body(); got != c.want {
			t.Errorf("Body(%s, %q) = %q, want %q", c.short, c.answer, got, c.want)
		}
	}
}

// A reply word that runs into its sentence is the sentence's, not a reply
// to drop (verify10: "No cookie was recorded" printed "No. Cookie was
// recorded"); the card then prints no reply of its own before it.
func TestAReplyWordRunningIntoItsSentenceStays(t *testing.T) {
	cases := []struct {
		short      Answer
		answer     string
		body       string
		printShort Answer
	}{
		{AnswerNo, "No cookie was recorded.", "No cookie was recorded.", ""},
		{AnswerYes, "Yes in the EEA: it sets ids.", "Yes in the EEA: it sets ids.", ""},
		{AnswerConditional, "It depends on the site.", "It depends on the site.", ""},
		{AnswerNo, "No—it sets none.", "It sets none.", AnswerNo},
		{AnswerNo, "No. None.", "None.", AnswerNo},
		{AnswerNo, "Nobody knows.", "Nobody knows.", AnswerNo},
	}
	for _, c := range cases {
		f := FAQ{Short: c.short, Answer: c.answer}
		if got := f.Body(); got != c.body {
			t.Errorf("Body(%s, %q) = %q, want %q", c.short, c.answer, got, c.body)
		}
		if got := f.PrintedShort(); got != c.printShort {
			t.Errorf("PrintedShort(%s, %q) = %q, want %q", c.short, c.answer, got, c.printShort)
		}
	}
}
