package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vendex/vendex/data"
)

// malformedVariants are ways to damage a good file, each a function of its
// bytes: every reader must refuse the result, or read it, and a refusal
// must say where (a line or a JSON path), as a user has nothing else to
// find the damage by.
var malformedVariants = []struct {
	name   string
	damage func(b []byte) []byte
}{
	{"empty", func([]byte) []byte { return nil }},
	{"blank lines", func([]byte) []byte { return []byte("\n \n\t\n") }},
	{"cut in half", func(b []byte) []byte { return b[:len(b)/2] }},
	{"cut before the last byte", func(b []byte) []byte { return bytes.TrimRight(b, "\n")[:len(bytes.TrimRight(b, "\n"))-1] }},
	{"first byte only", func(b []byte) []byte { return b[:1] }},
	{"trailing garbage", func(b []byte) []byte { return append(bytes.Clone(b), "\n}}} garbage\n"...) }},
	{"a second value", func(b []byte) []byte { return append(bytes.Clone(b), b...) }},
	{"binary", func([]byte) []byte { return []byte("\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n\x00\x00") }},
	{"NUL in the middle", func(b []byte) []byte { return splice(b, len(b)/2, "\x00") }},
	{"an escape sequence in the first text", func(b []byte) []byte { return intoFirstText(b, "\x1b]0;pwned\x07") }},
	{"an escaped escape in the first text", func(b []byte) []byte { return intoFirstText(b, `\u001b[2J`) }},
	{"a field over MaxField", func(b []byte) []byte { return intoFirstText(b, strings.Repeat("a", MaxField+1)) }},
	{"a quote in the first text", func(b []byte) []byte { return intoFirstText(b, `"`) }},
	{"a stray bracket", func(b []byte) []byte { return splice(b, bytes.IndexAny(b, ",")+1, "]") }},
	{"strings for numbers", func(b []byte) []byte { return regexp.MustCompile(`: ?(\d+)`).ReplaceAll(b, []byte(`: "$1"`)) }},
	{"numbers for strings", func(b []byte) []byte { return regexp.MustCompile(`: ?"[^"]*"`).ReplaceAll(b, []byte(`: 7`)) }},
	{"objects for lists", func(b []byte) []byte {
		return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("["), []byte("{")), []byte("]"), []byte("}"))
	}},
	{"lists for objects", func(b []byte) []byte {
		return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("{"), []byte("[")), []byte("}"), []byte("]"))
	}},
	{"null", func([]byte) []byte { return []byte("null\n") }},
	{"a number", func([]byte) []byte { return []byte("42\n") }},
	{"a string", func([]byte) []byte { return []byte("\"vendors\"\n") }},
	{"an empty list", func([]byte) []byte { return []byte("[]\n") }},
	{"an empty object", func([]byte) []byte { return []byte("{}\n") }},
	{"a row too many fields", func(b []byte) []byte { return bytes.Replace(b, []byte("\n"), []byte(",x\n"), 2) }},
	{"a row too few fields", func(b []byte) []byte {
		lines := bytes.SplitAfter(b, []byte("\n"))
		if len(lines) > 2 {
			if i := bytes.LastIndexByte(lines[1], ','); i > 0 {
				lines[1] = append(lines[1][:i:i], '\n')
			}
		}
		return bytes.Join(lines, nil)
	}},
	{"an open quote", func(b []byte) []byte { return splice(b, bytes.IndexByte(b, '\n')+1, `"`) }},
	{"the header only", func(b []byte) []byte { return b[:bytes.IndexByte(b, '\n')+1] }},
	{"no header", func(b []byte) []byte { return b[bytes.IndexByte(b, '\n')+1:] }},
	{"a million-element list", func(b []byte) []byte {
		return intoFirstList(b, strings.Repeat(`"x",`, MaxList+1))
	}},
	{"a list nested a thousand deep", func(b []byte) []byte {
		return intoFirstList(b, strings.Repeat("[", 1000)+strings.Repeat("]", 1000)+",")
	}},
}

func splice(b []byte, at int, s string) []byte {
	at = max(0, min(at, len(b)))
	return append(append(append([]byte(nil), b[:at]...), s...), b[at:]...)
}

// intoFirstText puts s inside the first JSON string value, or the first
// CSV field of the first row.
func intoFirstText(b []byte, s string) []byte {
	if i := bytes.Index(b, []byte(`: "`)); i >= 0 {
		return splice(b, i+3, s)
	}
	if i := bytes.Index(b, []byte(`":"`)); i >= 0 {
		return splice(b, i+3, s)
	}
	return splice(b, bytes.IndexByte(b, '\n')+1, s)
}

// intoFirstList puts s at the start of the first list that is not the
// file's top level.
func intoFirstList(b []byte, s string) []byte {
	start := 0
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		start = bytes.IndexByte(b, '[') + 1
	}
	i := bytes.IndexByte(b[start:], '[')
	if i < 0 {
		return b
	}
	return splice(b, start+i+1, s)
}

// Every way of damaging every fixture is either read or refused at a
// line or a JSON path, never with only the file's name (issue 14).
func TestEveryRefusalOfADamagedFileSaysWhere(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "import", "*.*"))
	if err != nil || len(files) < 11 {
		t.Fatalf("fixtures: %v, %v", files, err)
	}
	refused := 0
	for _, p := range files {
		good, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		format, err := DetectFormat(name, good)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range malformedVariants {
			b := v.damage(good)
			// As vendex import does without --format, and with it.
			_, detectErr := DetectFormat(name, b)
			_, _, readErr := ReadBytes(format, name, b)
			if format == FormatOCDCSV {
				// Read in chunks of a row or two, the refusal is the same.
				csvChunk = 64
				_, _, chunked := ReadBytes(format, name, b)
				csvChunk = 4 << 20
				if fmt.Sprint(chunked) != fmt.Sprint(readErr) {
					t.Errorf("%s, %s: in one chunk %v, in many %v", name, v.name, readErr, chunked)
				}
			}
			for _, err := range []error{detectErr, readErr} {
				if err == nil {
					continue
				}
				refused++
				var le *data.LocationError
				if !errors.As(err, &le) || le.File != name || (le.Line == 0 && le.Path == "") {
					t.Errorf("%s, %s: refused with %q, which names no line or JSON path", name, v.name, err)
				}
				if msg := err.Error(); data.EscapeControls(msg) != msg {
					t.Errorf("%s, %s: the refusal carries a control character: %q", name, v.name, msg)
				}
			}
		}
	}
	if want := len(files) * len(malformedVariants) / 2; refused < want {
		t.Errorf("only %d refusals of %d damaged files", refused, len(files)*len(malformedVariants))
	}
	t.Logf("%d files x %d damages: %d refusals", len(files), len(malformedVariants), refused)
}
