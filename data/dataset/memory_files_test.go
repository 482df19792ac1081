package dataset

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// memoryArrayShapes puts a list in each JSON format's list position: the
// records of a top-level list, or the list one record holds.
var memoryArrayShapes = map[Format]string{
	FormatVendex:        "%s",
	FormatOCDJSON:       `{"P":%s}`,
	FormatThirdPartyWeb: "%s",
	FormatTREntity:      "%s",
	FormatTRDomain:      `{"domain":"a.example","resources":%s}`,
	FormatTDS:           `{"trackers":{},"entities":{"E":{"domains":%s}}}`,
	FormatDisconnect:    `{"categories":{"Advertising":%s}}`,
	FormatGhostery:      `{"organizations":{},"patterns":{"p":{"domains":%s}}}`,
	FormatGVL:           `{"vendors":%s}`,
	FormatIABDisclosure: `{"disclosures":%s}`,
}

// ocdRepeatedTo is the Open Cookie Database CSV repeated until it is size
// bytes long, each further copy renaming its platforms, cookies and domains
// (as store's BenchmarkImport does), so that every copy is new vendors.
func ocdRepeatedTo(tb testing.TB, size int) []byte {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "datasets", "open-cookie-database", "open-cookie-database.csv"))
	if err != nil {
		tb.Skipf("the Open Cookie Database is not here (%v)", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(recs[0])
	rows := recs[1:]
	for i := 0; b.Len() < size; i++ {
		r := append([]string(nil), rows[i%len(rows)]...)
		if k := i / len(rows); k > 0 {
			r[0], r[1], r[3] = fmt.Sprintf("%s-%d", r[0], k), fmt.Sprintf("%s %d", r[1], k), fmt.Sprintf("%s_%d", r[3], k)
			host, rest, _ := strings.Cut(r[4], " ")
			if dot := strings.LastIndexByte(host, '.'); dot > 0 {
				r[4] = strings.TrimSpace(fmt.Sprintf("%s-%d%s %s", host[:dot], k, host[dot:], rest))
			}
		}
		w.Write(r)
		if i%1000 == 0 {
			w.Flush()
		}
	}
	w.Flush()
	return b.Bytes()
}

// TestWriteMemoryBenchFiles writes .ci/bench-import-memory.sh's inputs
// into the directory $VENDEX_MEM_FILES; without it, it skips. Each name
// says whether the import should succeed (ok-) or fail (fail-).
func TestWriteMemoryBenchFiles(t *testing.T) {
	dir := os.Getenv("VENDEX_MEM_FILES")
	if dir == "" {
		t.Skip("VENDEX_MEM_FILES is not set; .ci/bench-import-memory.sh sets it")
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	garbage := make([]byte, 50_000_000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	write("fail-garbage-50MB.csv", append([]byte("ID,Platform,Category,Cookie / Data Key name\n"), garbage...))
	write("fail-garbage-50MB.json", append([]byte(`[{"name":"`), garbage...))
	zeros := "[" + strings.Repeat("0,", 999_999) + "0]"
	objects := "[" + strings.Repeat("{},", 999_999) + "{}]"
	for f, shape := range memoryArrayShapes {
		write(fmt.Sprintf("fail-%s-million-zeros.json", f), fmt.Appendf(nil, shape, zeros))
		write(fmt.Sprintf("fail-%s-million-objects.json", f), fmt.Appendf(nil, shape, objects))
	}
	big := ocdRepeatedTo(t, 200_000_000) // skips the rest without ../shared/datasets
	write("ok-ocd-27MB.csv", big[:bytes.IndexByte(big[27_000_000:], '\n')+27_000_001])
	write("ok-ocd-200MB.csv", big)
	write("fail-ocd-200MB-cut-mid-row.csv", big[:100_000_000])
	write("fail-ocd-200MB-open-quote-at-end.csv", append(big, "x,\"unterminated\n"...))
	trCSV := trRepeatedTo(t, "domain-index-all-regions.csv", 100_000_000)
	// A successful import of all 100 MB (670,000 vendors) takes minutes and
	// 3 GB in the store's write phase; 27 MB is enough to see that.
	write("ok-trcsv-27MB.csv", trCSV[:bytes.IndexByte(trCSV[27_000_000:], '\n')+27_000_001])
	write("fail-trcsv-100MB-short-last-row.csv", append(trCSV, "last.example,Owner\n"...))
	write("fail-trcsv-100MB-open-quote-at-end.csv", append(trCSV, "x,\"unterminated\n"...))
	// A file whose top level is an object, read a member at a time: the
	// Open Cookie Database's JSON repeated to 100 MB, whole, cut short,
	// and with a wrong type in its last record.
	obj := ocdJSONRepeatedTo(t, 100_000_000)
	write("ok-ocdjson-100MB.json", obj)
	write("fail-ocdjson-100MB-cut.json", obj[:len(obj)-3])
	last := bytes.LastIndex(obj, []byte(`"cookie":"`))
	write("fail-ocdjson-100MB-type-at-end.json", append(append(bytes.Clone(obj[:last]), `"cookie":7,"x":"`...), obj[last+len(`"cookie":"`):]...))
	lines := trRepeatedTo(t, "domains-GB.jsonl", 100_000_000)
	write("ok-trjsonl-100MB.jsonl", lines)
	write("fail-trjsonl-100MB-cut-last-line.jsonl", append(lines, `{"domain":"last.example","owner":{"name":"O`...))
}

// trRepeatedTo is a Tracker Radar domain file (the index CSV or JSON
// lines) repeated until it is size bytes long, each further copy renaming
// its domains and owners so that every copy is new vendors.
func trRepeatedTo(tb testing.TB, name string, size int) []byte {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "datasets", "tracker-radar", name))
	if err != nil {
		tb.Skipf("Tracker Radar is not here (%v)", err)
	}
	var rows [][]string
	if strings.HasSuffix(name, ".csv") {
		if rows, err = csv.NewReader(bytes.NewReader(raw)).ReadAll(); err != nil {
			tb.Fatal(err)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for k := 0; b.Len() < size; k++ {
		p := fmt.Sprintf("k%d-", k)
		switch {
		case rows != nil: // domain, owner, displayName, ...
			if k == 0 {
				w.Write(rows[0])
			}
			for _, r := range rows[1:] {
				r = append([]string(nil), r...)
				if k > 0 {
					for i := range min(3, len(r)) {
						if r[i] != "" {
							r[i] = p + r[i]
						}
					}
				}
				w.Write(r)
			}
			w.Flush()
		case k == 0:
			b.Write(raw)
		default:
			c := bytes.ReplaceAll(raw, []byte(`"domain":"`), []byte(`"domain":"`+p))
			c = bytes.ReplaceAll(c, []byte(`"displayName":"`), []byte(`"displayName":"`+p))
			b.Write(bytes.ReplaceAll(c, []byte(`"name":"`), []byte(`"name":"`+p)))
		}
	}
	return b.Bytes()
}

// ocdJSONRepeatedTo is the Open Cookie Database JSON repeated until it is
// size bytes long, each further copy renaming its platforms, cookies and
// domains, so that every copy is new vendors.
func ocdJSONRepeatedTo(tb testing.TB, size int) []byte {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "datasets", "open-cookie-database", "open-cookie-database.json"))
	if err != nil {
		tb.Skipf("the Open Cookie Database is not here (%v)", err)
	}
	var m map[string][]map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		tb.Fatal(err)
	}
	platforms := slices.Sorted(maps.Keys(m))
	var b bytes.Buffer
	b.WriteString("{")
	for k := 0; b.Len() < size; k++ {
		for _, p := range platforms {
			rows := m[p]
			if k > 0 {
				p = fmt.Sprintf("%s %d", p, k)
				rows = slices.Clone(rows)
				for i, r := range rows {
					r = maps.Clone(r)
					r["cookie"] = fmt.Sprintf("%v_%d", r["cookie"], k)
					if d, _ := r["domain"].(string); strings.Contains(d, ".") {
						dot := strings.LastIndexByte(d, '.')
						r["domain"] = fmt.Sprintf("%s-%d%s", d[:dot], k, d[dot:])
					}
					rows[i] = r
				}
			}
			if b.Len() > 1 {
				b.WriteString(",\n")
			}
			key, _ := json.Marshal(p)
			val, _ := json.Marshal(rows)
			b.Write(key)
			b.WriteString(":")
			b.Write(val)
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}
