package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// exportFormats are the formats export writes, as --format or a file's
// extension names them.
var exportFormats = []string{"md", "markdown", "json", "txt", "text"}

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
	if ext := filepath.Ext(*outPath); !formatSet && ext != "" {
		// -o twilio.json without --format means JSON; -o twilio.html
		// would be Markdown under a name that says otherwise.
		*format = strings.ToLower(ext[1:])
		if !slices.Contains(exportFormats, *format) {
			return usagef("export -o %s: %s is not a format export writes; name the file .md, .json or .txt, or give --format md, json or txt",
				data.Quote(*outPath), data.Quote(ext))
		}
	}
	var render func(data.Vendor, card.Names) ([]byte, error)
	kind := "Markdown"
	switch strings.ToLower(*format) {
	case "md", "markdown":
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Markdown(card.Build(v, names))), nil
		}
	case "json":
		kind = "JSON"
		render = func(v data.Vendor, _ card.Names) ([]byte, error) { return data.JSON(v) }
	case "txt", "text":
		kind = "text"
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
	fmt.Fprintf(c.stderr, "wrote %s (%s, %s, %d bytes)\n", *outPath, data.CleanLine(v.Name), kind, len(b))
	return nil
}
