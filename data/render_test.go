package data

import (
	"strings"
	"testing"
)

func TestMarkdownEscapesUntrustedText(t *testing.T) {
	v := Vendor{
		ID: "evil", Name: "Evil <script>alert(1)</script>", Category: Marketing, SetsCookies: Yes,
		Summary:  "Sets *bold* claims, [a link](javascript:x), a | pipe and \x1b]0;title\x07 escapes; it's \"quoted\".",
		Overview: "# not a heading\n- not a list",
		Storage:  []StorageItem{{Kind: Cookie, Name: "a|b`c", Lifetime: SessionLifetime, Purpose: "p <img src=x onerror=y>"}},
		Website:  "javascript:alert(1)",
	}
	out := Markdown(v)
	for _, bad := range []string{"<script>", "<img", "\x1b", " [a link](", " | pipe", "\n# not a heading", "\n- not a list", "<javascript"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown kept %q:\n%s", bad, out)
		}
	}
	for _, good := range []string{"&lt;script&gt;", `\*bold\*`, `\[a link\](javascript:x)`, `a \| pipe`, `\# not a heading`, `\- not a list`, "it's \"quoted\"", "`a\\|b'c`"} {
		if !strings.Contains(out, good) {
			t.Errorf("Markdown lacks %q:\n%s", good, out)
		}
	}
}

func TestTextHasNoEscapesAndWraps(t *testing.T) {
	v := Vendor{ID: "x", Name: "X\x1b[31m", Category: Analytics, Summary: strings.Repeat("word ", 40) + "https://example.com/" + strings.Repeat("a", 120)}
	out := Text(v, 40)
	if strings.Contains(out, "\x1b") {
		t.Error("Text kept an escape sequence")
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 40 {
			t.Errorf("line of %d runes exceeds 40: %q", n, line)
		}
	}
}

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
	v := Vendor{ID: "x", Name: "X", FAQ: []FAQ{{Question: "Cookies?", Short: AnswerNo, Answer: "No. None."}}}
	if out := Text(v, 80); strings.Contains(out, "No. No.") || !strings.Contains(out, "A: No. None.") {
		t.Errorf("text card:\n%s", out)
	}
	if out := Markdown(v); strings.Contains(out, "No. No.") || !strings.Contains(out, "**No.** None.") {
		t.Errorf("markdown card:\n%s", out)
	}
}

func TestEnumsFromImportsAreCleanedToo(t *testing.T) {
	v := Vendor{ID: "x", Name: "X", Category: "evil\x1b]0;t\x07cat", Compliance: Compliance{Role: "r\x1b[2Jole"},
		Storage:     []StorageItem{{Kind: "k\x1b[31mind", Name: "n", Purpose: "p"}},
		Permissions: []Permission{{Name: "p\x1b[1merm", When: "w"}}}
	for name, out := range map[string]string{"markdown": Markdown(v), "text": Text(v, 80)} {
		if strings.Contains(out, "\x1b") {
			t.Errorf("%s card holds an escape sequence from an enum field", name)
		}
	}
}
