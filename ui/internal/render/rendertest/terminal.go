// Package rendertest is a terminal for tests: it takes what a program
// writes and shows the text a person would see on the screen.
package rendertest

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Terminal is a screen of fixed size that understands what the renderer
// writes: text, carriage return, line feed, cursor position (CUP), erase
// to the end of the line (EL) and of the screen (ED). Colours and modes
// are read and ignored; the screen scrolls when a line feed passes the
// bottom, as a terminal's does.
type Terminal struct {
	mu       sync.Mutex
	w, h     int
	cells    [][]string // "" is a blank cell, "\x00" the right half of a wide one
	row, col int
	wrap     bool   // the last column was written: the next character wraps
	pending  []byte // an escape sequence cut between two writes
	writes   int
}

// New returns a blank terminal of w columns and h rows.
func New(w, h int) *Terminal {
	t := &Terminal{w: w, h: h}
	t.cells = make([][]string, h)
	for i := range t.cells {
		t.cells[i] = make([]string, w)
	}
	return t
}

// Resize makes the screen w x h, keeping what fits of the text at its
// top left, as a terminal's alternate screen does.
func (t *Terminal) Resize(w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	cells := make([][]string, h)
	for i := range cells {
		cells[i] = make([]string, w)
		if i < len(t.cells) {
			copy(cells[i], t.cells[i])
		}
	}
	t.cells, t.w, t.h = cells, w, h
	t.row, t.col, t.wrap = min(t.row, h-1), min(t.col, w-1), false
}

// Write takes output as a terminal would.
func (t *Terminal) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.writes++
	s := string(append(t.pending, b...))
	t.pending = nil
	for len(s) > 0 {
		if s[0] == '\x1b' {
			n := seqLen(s)
			if n < 0 {
				t.pending = []byte(s)
				break
			}
			t.escape(s[:n])
			s = s[n:]
			continue
		}
		r, n := firstRune(s)
		if n < 0 {
			t.pending = []byte(s)
			break
		}
		s = s[n:]
		switch r {
		case "\r":
			t.col, t.wrap = 0, false
		case "\n":
			t.lineFeed()
			t.wrap = false
		default:
			t.print(r)
		}
	}
	return len(b), nil
}

// Writes is how many writes the terminal has taken.
func (t *Terminal) Writes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.writes
}

// Lines is the screen's text, a line a row, each without its trailing
// blanks.
func (t *Terminal) Lines() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, t.h)
	for i, row := range t.cells {
		var b strings.Builder
		for _, c := range row {
			switch c {
			case "":
				b.WriteByte(' ')
			case "\x00":
			default:
				b.WriteString(c)
			}
		}
		out[i] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// Screen is Lines joined by newlines.
func (t *Terminal) Screen() string { return strings.Join(t.Lines(), "\n") }

func (t *Terminal) lineFeed() {
	if t.row < t.h-1 {
		t.row++
		return
	}
	t.cells = append(t.cells[1:], make([]string, t.w))
}

func (t *Terminal) print(g string) {
	w := ansi.StringWidth(g)
	if w == 0 {
		return
	}
	if t.wrap || t.col+w > t.w {
		t.col, t.wrap = 0, false
		t.lineFeed()
	}
	t.cells[t.row][t.col] = g
	for i := 1; i < w; i++ {
		t.cells[t.row][t.col+i] = "\x00"
	}
	t.col += w
	if t.col >= t.w {
		t.col, t.wrap = t.w-1, true
	}
}

func (t *Terminal) escape(seq string) {
	if len(seq) < 3 || seq[1] != '[' {
		return // OSC and the like: nothing on the screen
	}
	final, params := seq[len(seq)-1], seq[2:len(seq)-1]
	if strings.HasPrefix(params, "?") {
		return // modes: the cursor, the alternate screen, the mouse
	}
	switch final {
	case 'H':
		row, col := 1, 1
		if params != "" {
			p := strings.SplitN(params, ";", 2)
			row = atoi(p[0], 1)
			if len(p) == 2 {
				col = atoi(p[1], 1)
			}
		}
		t.row, t.col, t.wrap = min(row, t.h)-1, min(col, t.w)-1, false
	case 'K':
		if params == "" || params == "0" {
			clear(t.cells[t.row][t.col:])
		} else if params == "2" {
			clear(t.cells[t.row])
		}
	case 'J':
		if params == "" || params == "0" {
			clear(t.cells[t.row][t.col:])
			for _, r := range t.cells[t.row+1:] {
				clear(r)
			}
		} else if params == "2" {
			for _, r := range t.cells {
				clear(r)
			}
		}
	}
}

// seqLen is the length of the escape sequence s starts with, -1 when s
// ends inside it.
func seqLen(s string) int {
	if len(s) < 2 {
		return -1
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return -1
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == '\a' {
				return i + 1
			}
			if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return -1
	}
	return 2
}

// firstRune is the character s starts with (a rune: enough for the text
// tests write) and its length, -1 when s ends inside it.
func firstRune(s string) (string, int) {
	if !utf8.FullRuneInString(s) {
		return "", -1
	}
	_, n := utf8.DecodeRuneInString(s)
	return s[:n], n
}

func atoi(s string, def int) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return def
		}
		n = n*10 + int(c-'0')
	}
	if s == "" || n == 0 {
		return def
	}
	return n
}
