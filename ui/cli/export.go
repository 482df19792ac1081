package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/vendex/vendex/data"
)

func cmdExport(c *cli, args []string) error {
	fs := c.flags("export")
	format := fs.String("format", "md", "md, json or txt")
	outPath := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite an existing file")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if !formatSet && *outPath != "" {
		// -o twilio.json without --format means JSON.
		switch strings.ToLower(filepath.Ext(*outPath)) {
		case ".json":
			*format = "json"
		case ".txt", ".text":
			*format = "txt"
		}
	}
	var render func(data.Vendor) ([]byte, error)
	switch strings.ToLower(*format) {
	case "md", "markdown":
		render = func(v data.Vendor) ([]byte, error) { return []byte(data.Markdown(v)), nil }
	case "json":
		render = data.JSON
	case "txt", "text":
		render = func(v data.Vendor) ([]byte, error) { return []byte(data.Text(v, 80)), nil }
	default:
		return usagef("unknown format %q: use md, json or txt", *format)
	}
	v, err := c.vendorArg(pos, "export")
	if err != nil {
		return err
	}
	b, err := render(v)
	if err != nil {
		return err
	}
	if *outPath == "" || *outPath == "-" {
		_, err = c.stdout.Write(b)
		return err
	}
	if err := data.WriteFileAtomic(*outPath, b, *force); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "wrote %s (%s, %d bytes)\n", *outPath, v.Name, len(b))
	return nil
}
