// Command vendex is an offline terminal catalogue of third-party web
// vendors: what a vendor's script loads and stores, which consent category it
// falls in, and whether it may load before consent.
package main

import (
	"os"

	"github.com/vendex/vendex/ui/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
