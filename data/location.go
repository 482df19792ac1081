package data

import (
	"strconv"
	"strings"
)

// Location is a place in a data file: its name, a line (counted from 1; 0
// when unknown), a column on that line (bytes, counted from 1; 0 when
// unknown), a JSON path (empty when unknown). Every reader's errors and
// warnings say where they are with one.
type Location struct {
	File   string
	Line   int
	Column int
	Path   string
}

// String is "file:line:column: path", leaving out what is unknown; with no
// file name the line reads "line N, column C". The file's name is shown
// as ShownName shows it.
func (l Location) String() string {
	var b strings.Builder
	b.WriteString(ShownName(l.File))
	if l.Line > 0 {
		if l.File == "" {
			b.WriteString("line " + strconv.Itoa(l.Line))
			if l.Column > 0 {
				b.WriteString(", column " + strconv.Itoa(l.Column))
			}
		} else {
			b.WriteString(":" + strconv.Itoa(l.Line))
			if l.Column > 0 {
				b.WriteString(":" + strconv.Itoa(l.Column))
			}
		}
	}
	if l.Path != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(l.Path)
	}
	return b.String()
}

// LocationError is a problem that stops reading a data file, at its place.
type LocationError struct {
	Location
	Err error
}

func (e *LocationError) Error() string {
	if at := e.Location.String(); at != "" {
		return at + ": " + e.Err.Error()
	}
	return e.Err.Error()
}

func (e *LocationError) Unwrap() error { return e.Err }
