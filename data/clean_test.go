package data

import "testing"

func TestCleanTextRemovesTerminalSequences(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"red \x1b[31mtext\x1b[0m", "red text"},
		{"title \x1b]0;pwned\x07done", "title done"},
		{"link \x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "link click"},
		{"clear\x1b[2J\x1b[Hscreen", "clearscreen"},
		{"bell\x07 and back\bspace", "bell and backspace"},
		{"c1 csi \u009b31mred", "c1 csi red"},
		{"tab\there", "tab here"},
		{"two\nlines", "two\nlines"},
		{"carriage\rreturn", "carriagereturn"},
		{"rtl \u202eevil", "rtl evil"},
		{"bad utf8 \xff!", "bad utf8 \uFFFD!"},
		{"Café 東京", "Café 東京"},
		{"dangling \x1b", "dangling "},
	}
	for _, c := range cases {
		if got := CleanText(c.in); got != c.want {
			t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := CleanLine("a\nb"); got != "a b" {
		t.Errorf("CleanLine joined lines as %q", got)
	}
}
