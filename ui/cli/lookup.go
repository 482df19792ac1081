package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/store"
)

// lookupResult is one line of `vendex lookup --json`.
type lookupResult struct {
	Input    string        `json:"input"`
	Found    bool          `json:"found"`
	VendorID string        `json:"vendor_id,omitempty"`
	Name     string        `json:"name,omitempty"`
	Category data.Category `json:"category,omitempty"`
	Matched  string        `json:"matched,omitempty"`
	Block    data.Answer   `json:"block_before_consent,omitempty"`
	Error    string        `json:"error,omitempty"`
}

func cmdLookup(c *cli, args []string) error {
	fs := c.flags("lookup")
	asJSON := fs.Bool("json", false, "one JSON object per input")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("lookup needs a host or URL, or - to read them from stdin")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()

	out := bufio.NewWriterSize(c.stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	rows := 0
	var misses, invalid []string
	one := func(in string) error {
		r := lookupResult{Input: in}
		t, err := data.ParseTarget(in)
		if err == nil {
			h, lerr := s.LookupHost(t)
			switch {
			case lerr == nil:
				r.Found, r.VendorID, r.Name, r.Category, r.Matched, r.Block = true, h.ID, h.Name, h.Category, h.Matched, h.Block
				r.Category = data.Category(r.Category.Slug())
				if r.Block == "" {
					r.Block = "unknown"
				}
			case errors.Is(lerr, store.ErrNotFound):
			default:
				return lerr
			}
		} else {
			r.Error = err.Error()
		}
		switch {
		case r.Error != "":
			invalid = append(invalid, in)
		case !r.Found:
			misses = append(misses, in)
		}
		if *asJSON {
			return enc.Encode(r)
		}
		if rows == 0 {
			fmt.Fprintln(tw, "INPUT\tVENDOR\tCATEGORY\tBLOCK BEFORE CONSENT\tMATCHED")
		}
		shown := truncate(data.CleanLine(in), 80)
		switch {
		case r.Found:
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\n", shown, data.CleanLine(r.Name), r.VendorID, r.Category.Title(), strings.ToLower(r.Block.Title()), r.Matched)
		case r.Error != "":
			fmt.Fprintf(tw, "%s\t-\t-\t-\t%s\n", shown, data.CleanLine(r.Error))
		default:
			fmt.Fprintf(tw, "%s\t-\t-\t-\tno vendor known\n", shown)
		}
		// Align in chunks, so that 100,000 lines stream instead of piling up.
		if rows++; rows%512 == 0 {
			return tw.Flush()
		}
		return nil
	}
	if len(pos) == 1 && pos[0] == "-" {
		n := 0
		err := eachLine(c.stdin, 8<<10, func(line string) error {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				return nil
			}
			n++
			return one(line)
		})
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
		if n == 0 {
			return usagef("lookup -: stdin held no host or URL")
		}
	} else {
		for _, in := range pos {
			if err := one(in); err != nil {
				return err
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	list := func(ins []string) string {
		shown := make([]string, 0, min(len(ins), 20))
		for _, in := range ins[:min(len(ins), 20)] {
			shown = append(shown, strconv.Quote(truncate(data.CleanLine(in), 80)))
		}
		s := strings.Join(shown, ", ")
		if len(ins) > len(shown) {
			s += fmt.Sprintf(" and %d more", len(ins)-len(shown))
		}
		return s
	}
	if len(misses) > 0 {
		fmt.Fprintf(c.stderr, "vendex: %d of the inputs matched no vendor: %s\n", len(misses), list(misses))
	}
	if len(invalid) > 0 {
		verb := "are"
		if len(invalid) == 1 {
			verb = "is"
		}
		fmt.Fprintf(c.stderr, "vendex: %d of the inputs %s not a host or URL: %s\n", len(invalid), verb, list(invalid))
	}
	if len(misses)+len(invalid) > 0 {
		return exitError{code: 1}
	}
	return nil
}

// eachLine calls fn for each line of r. A line longer than max is cut to
// max+1 bytes (enough for the caller to see it is too long) and the rest of
// it skipped, so one huge line neither exhausts memory nor stops the run.
func eachLine(r io.Reader, max int, fn func(string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if len(buf) <= max {
			buf = append(buf, chunk[:min(len(chunk), max+1-len(buf))]...)
		}
		if err == io.EOF {
			if len(buf) > 0 {
				return fn(string(buf))
			}
			return nil
		}
		if err != nil {
			return err
		}
		if isPrefix {
			continue
		}
		if err := fn(string(buf)); err != nil {
			return err
		}
		buf = buf[:0]
	}
}
