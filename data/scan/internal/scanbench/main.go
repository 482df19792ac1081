// Command scanbench is .ci/bench-scan.sh's helper: "scanbench gen FILE"
// writes a 100 MB HAR of 20,000 entries (hargen), "scanbench read FILE"
// reads a capture with scan.Read, as a command would, and prints what it
// found and how long it took.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vendex/vendex/data/scan"
	"github.com/vendex/vendex/data/scan/internal/hargen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "scanbench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: scanbench gen|read FILE")
	}
	switch args[0] {
	case "gen":
		f, err := os.Create(args[1])
		if err != nil {
			return err
		}
		if err := hargen.Write(f, hargen.Entries, hargen.Size); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	case "read":
		f, err := os.Open(args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		format, err := scan.Detect(args[1], head[:n])
		if err != nil {
			return err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		start := time.Now()
		ev, err := scan.Read(args[1], bufio.NewReaderSize(f, 1<<16), format)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %s, %d requests, %d cookies, %d storage keys, site %s, in %v\n",
			args[1], format, len(ev.Requests), len(ev.Cookies), len(ev.Storage), ev.Site, time.Since(start).Round(time.Millisecond))
		return nil
	}
	return fmt.Errorf("unknown command %q: want gen or read", args[0])
}
