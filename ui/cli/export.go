package cli

import (
	"fmt"
	"strings"

	"github.com/vendex/vendex/data"
	"github.com/vendex/vendex/data/card"
)

// exportFormat is a format export writes a card in, as --format names it.
type exportFormat string

// exportFormats are the formats export writes, the title naming each in
// its messages.
var exportFormats = data.NamedList[exportFormat]{
	{Format: "md", Title: "Markdown", Aliases: []string{"markdown"}},
	{Format: "json", Title: "JSON"},
	{Format: "txt", Title: "text", Aliases: []string{"text"}},
}

// Extensions are the file extensions a card in f is named with, the
// usual one first.
func (f exportFormat) Extensions() []string {
	switch f {
	case "md":
		return []string{".md", ".markdown"}
	case "txt":
		return []string{".txt", ".text"}
	}
	return []string{"." + string(f)}
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
	given, ok := exportFormats.Parse(*format)
	if !ok && *format != "" {
		return usagef("unknown format %s: use md, json or txt", data.Quote(*format))
	}
	stem := "vendor" // the file a folder given to -o would hold
	if len(pos) > 0 && !strings.ContainsAny(pos[0], `/\.`) {
		stem = pos[0]
	}
	f, err := outFormat("export", *outPath, string(given), stem, kindsOf(exportFormats))
	if err != nil {
		return err
	}
	var render func(data.Vendor, card.Names) ([]byte, error)
	if f == "" {
		f = "md"
	}
	switch f {
	case "md":
		render = func(v data.Vendor, names card.Names) ([]byte, error) {
			return []byte(card.Markdown(card.Build(v, names))), nil
		}
	case "json":
		// Every fact is written with its source, the embedded catalogue's
		// too, so that importing the file takes only the user's own.
		render = func(v data.Vendor, _ card.Names) ([]byte, error) {
			return data.JSON(data.Traced(v, data.EmbeddedSource))
		}
	case "txt":
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
	fmt.Fprintf(c.stderr, "wrote %s (%s, %s, %d bytes)\n", *outPath, data.CleanLine(v.Name), exportFormats.Title(exportFormat(f)), len(b))
	return nil
}
