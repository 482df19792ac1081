package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
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
	var render func(data.Vendor, card.Names) ([]byte, error)
	switch strings.ToLower(*format) {
	case "md", "markdown":
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Markdown(card.Build(v, names))), nil
		}
	case "json":
		render = func(v data.Vendor, _ card.Names) ([]byte, error) { return data.JSON(v) }
	case "txt", "text":
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Text(card.Build(v, names), 80)), nil
		}
	default:
		return usagef("unknown format %s: use md, json or txt", data.Quote(*format))
	}
	v, names, err := c.vendorArg(pos, "export")
	if err != nil {
		return err
	}
	b, err := render(v, names)
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
