package cli

import (
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// exportKinds are the formats export writes, as --format names them, and
// their files' extensions.
var exportKinds = []outKind{
	{"md", []string{".md", ".markdown"}},
	{"json", []string{".json"}},
	{"txt", []string{".txt", ".text"}},
}

func cmdExport(c *cli, args []string) error {
	fs := c.flags("export")
	format := fs.String("format", "", "md, json or txt (default: from -o, else md)")
	outPath := fs.String("o", "", "write to this file instead of stdout")
	force := fs.Bool("force", false, "overwrite an existing file")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	given := ""
	switch f := strings.ToLower(strings.TrimSpace(*format)); f {
	case "":
	case "md", "markdown":
		given = "md"
	case "json":
		given = "json"
	case "txt", "text":
		given = "txt"
	default:
		return usagef("unknown format %s: use md, json or txt", data.Quote(*format))
	}
	f, err := outFormat("export", *outPath, given, exportKinds)
	if err != nil {
		return err
	}
	var render func(data.Vendor, card.Names) ([]byte, error)
	kind := "Markdown"
	switch f {
	case "", "md":
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Markdown(card.Build(v, names))), nil
		}
	case "json":
		kind = "JSON"
		render = func(v data.Vendor, _ card.Names) ([]byte, error) { return data.JSON(v) }
	case "txt":
		kind = "text"
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Text(card.Build(v, names), 80)), nil
		}
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
