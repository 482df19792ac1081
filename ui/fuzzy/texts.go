package fuzzy

import (
	"strings"
	"unsafe"
)

// texts holds every entry in one block, in entry order, each cut at its
// first NUL as fuzzy reads it: a keystroke reads its candidates in the
// order they lie in memory rather than wherever the caller's strings were
// made, which at a million entries is most of what a keystroke waits for.
type texts struct {
	buf  []byte
	ends []uint32         // entry i is buf[ends[i-1]:ends[i]]
	full map[int32]string // the whole of each entry holding a NUL
}

func newTexts(entries []string) texts {
	n := 0
	for _, e := range entries {
		n += len(e)
	}
	t := texts{buf: make([]byte, 0, n), ends: make([]uint32, len(entries))}
	for i, e := range entries {
		if j := strings.IndexByte(e, 0); j > -1 {
			if t.full == nil {
				t.full = map[int32]string{}
			}
			t.full[int32(i)] = strings.Clone(e)
			e = e[:j]
		}
		t.buf = append(t.buf, e...)
		t.ends[i] = uint32(len(t.buf))
	}
	return t
}

// at is entry i up to its first NUL, without a copy.
func (t *texts) at(i int32) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	end := t.ends[i]
	if start == end {
		return ""
	}
	return unsafe.String(&t.buf[start], end-start)
}

// entry is entry i as given.
func (t *texts) entry(i int32) string {
	if s, ok := t.full[i]; ok {
		return s
	}
	return t.at(i)
}

// all is every entry as given, for the rare query that fuzzy.Find itself
// answers.
func (t *texts) all() []string {
	out := make([]string, len(t.ends))
	for i := range out {
		out[i] = t.entry(int32(i))
	}
	return out
}
