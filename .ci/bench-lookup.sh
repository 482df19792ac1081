#!/usr/bin/env bash
# Times `vendex lookup` as a whole process against a Go hello-world, warm,
# with hyperfine (apt-get install hyperfine). The aim: within 2x of hello-world.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/vendex" .
mkdir -p "$work/hello"
cat > "$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
(cd "$work/hello" && go mod init hello >/dev/null 2>&1 && go build -o "$work/hello-bin" .)
export VENDEX_DB="$work/vendex.db"
"$work/vendex" lookup twilio.com >/dev/null # first run seeds the database
hyperfine --warmup 20 --runs 200 -N \
	"$work/hello-bin" \
	"$work/vendex lookup https://media.twiliocdn.com/sdk/js/client/v1.3/twilio.min.js" \
	"$work/vendex lookup maps.googleapis.com" \
	"$@"
