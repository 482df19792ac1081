#!/usr/bin/env bash
# The HTML cookie declaration, checked in a real browser: headless
# Chromium (Debian's package, installed here when missing) renders the
# declaration of a recorded capture and of a vendor whose every text is
# hostile, and the rendered DOM (--dump-dom) must hold what a reader sees:
# a table per category with its caption and scoped header cells, the
# cookies, no script or image element the data smuggled in.
# --update keeps a screenshot for the README in testdata/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/need.sh
need browser-declaration chromium chromium || exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/vendex" .
export VENDEX_DB="$work/v.db"
rec=testdata/scan/real/recorded
"$work/vendex" declare -o "$work/site.html" "$rec/before-consent-tracking.har" "$rec/before-consent-tracking.storagestate.json" 2>/dev/null
"$work/vendex" import --user testdata/declare/hostile-vendor.json >/dev/null
"$work/vendex" declare --vendors evil-ads -o "$work/hostile.html" 2>/dev/null

render() { # file -> DOM on stdout
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--user-data-dir="$work/profile" --dump-dom "file://$1" 2>/dev/null
}

fail=0
check() { # description, condition (a command)
	local what=$1
	shift
	if "$@"; then
		echo "ok    $what"
	else
		echo "FAIL  $what"
		fail=1
	fi
}
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qiE -- "$2" "$1"; }
count() { grep -oF -- "$2" "$1" | wc -l; }

render "$work/site.html" >"$work/site.dom"
render "$work/hostile.html" >"$work/hostile.dom"
check "Chromium rendered the declaration" test -s "$work/site.dom"
check "one captioned table per category (analytics, marketing, not yet classified)" test "$(count "$work/site.dom" "<caption>")" -eq 3
check "column header cells are scoped" has "$work/site.dom" '<th scope="col">Provider</th>'
check "a pattern is shown as a pattern" has "$work/site.dom" '<code>_hjSession_*</code>'
check "the provider's privacy policy is a link" has "$work/site.dom" 'href="https://www.hotjar.com/legal/policies/privacy"'
check "the page has no script" hasnt "$work/site.dom" '<script'
check "the hostile vendor's markup stays text" has "$work/hostile.dom" 'Evil &lt;script&gt;alert(1)&lt;/script&gt; Ads'
check "no script element came from the data" hasnt "$work/hostile.dom" '<script'
check "no image element came from the data" hasnt "$work/hostile.dom" '<img'
check "the hostile row is still one row of six cells" test "$(count "$work/hostile.dom" "<td ")" -eq 5

if [ "${1:-}" = --update ]; then
	mkdir -p testdata/screenshots
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
		--user-data-dir="$work/profile" --window-size=1100,760 \
		--screenshot="$PWD/testdata/screenshots/declaration.png" "file://$work/site.html" 2>/dev/null
	echo "wrote testdata/screenshots/declaration.png"
fi
exit $fail
