//go:build ignore

// gen_fields writes fields_gen.go, the walks over Vendor's fields, from
// the struct's tags. Run it with `go generate ./data` after changing a
// field of Vendor or of a type it holds.
package main

import (
	"log"
	"os"

	"github.com/vendex/vendex/data/internal/fieldgen"
)

func main() {
	src, err := fieldgen.Generate(".")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(fieldgen.OutputName, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
