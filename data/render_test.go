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
