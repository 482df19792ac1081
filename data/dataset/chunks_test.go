package dataset

import (
	"fmt"
	"strings"
	"testing"
)

// A file of many vendors is handed over in chunks, as the reader built
// them, none larger than a slab: in the file's order, every vendor once,
// the ones a later row folds into an earlier one left out.
func TestAFileOfManyVendorsIsHandedOverInChunks(t *testing.T) {
	const n = 3 * slabMax
	var b strings.Builder
	b.WriteString("domain,owner,displayName,categories\n")
	for i := range n {
		// Every tenth row is a domain of one owner: one vendor, first
		// seen at row 0, that the later rows fold into.
		if i%10 == 0 {
			fmt.Fprintf(&b, "owned-%d.example,Acme Ltd,Acme,Analytics\n", i)
		} else {
			fmt.Fprintf(&b, "site-%d.example,,,\n", i)
		}
	}
	chunks, _, err := ReadChunks(FormatTRDomain, "domains.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range chunks {
		if len(c) == 0 || len(c) > slabMax {
			t.Errorf("a chunk of %d vendors (want 1 to %d)", len(c), slabMax)
		}
		for _, v := range c {
			names = append(names, v.Name)
		}
	}
	if len(chunks) < 2 {
		t.Errorf("%d vendors in %d chunk(s): handed over in one list", len(names), len(chunks))
	}
	var want []string
	for i := range n {
		switch {
		case i == 0:
			want = append(want, "Acme")
		case i%10 != 0:
			want = append(want, fmt.Sprintf("site-%d.example", i))
		}
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("the chunks hold %d vendors, not the %d the file has in order (first: %.80q)", len(names), len(want), names)
	}
}
