#!/usr/bin/env bash
# The banner configurations, checked with the real libraries in a real
# browser: vendex writes the vanilla-cookieconsent and Klaro configurations,
# the tags and the Consent Mode block from a recorded capture (and for a
# vendor whose every text is hostile), and testdata/banner/browser loads
# them with the pinned libraries in Debian's Chromium through playwright-core:
# the banners show the categories and the cookie tables, accepting only
# analytics runs only the analytics tags, rejecting runs none, and a
# strictly necessary cookie is never cleared.
# Chromium is installed when missing (as root); the npm packages with
# npm ci when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/need.sh
need browser-banner node nodejs npm || exit 0
need browser-banner npm npm || exit 0
need browser-banner chromium chromium || exit 0

pkg=testdata/banner/browser
if [ ! -f "$pkg/node_modules/.package-lock.json" ] || [ "$pkg/package-lock.json" -nt "$pkg/node_modules/.package-lock.json" ]; then
	echo "browser-banner: npm ci (the pinned vanilla-cookieconsent, Klaro and playwright-core)"
	(cd "$pkg" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/vendex" .
export VENDEX_DB="$work/v.db"
mkdir "$work/out"
vendex() { # quiet unless it fails
	if ! "$work/vendex" "$@" >"$work/log" 2>&1; then
		cat "$work/log"
		echo "browser-banner: vendex $* failed"
		exit 1
	fi
}
rec=testdata/scan/real/recorded
evidence=("$rec/before-consent-tracking.har" "$rec/before-consent-tracking.storagestate.json")
for f in cookieconsent klaro gcm; do
	vendex banner --format "$f" -o "$work/out/$f.js" "${evidence[@]}"
done
for lib in cookieconsent klaro; do
	vendex banner --format tags --for "$lib" -o "$work/out/tags-$lib.html" "${evidence[@]}"
done
# A vendor whose cookies span categories (Akamai: strictly necessary and
# functional): declining must never clear the strictly necessary ones.
for f in cookieconsent klaro; do
	vendex banner --format "$f" -o "$work/out/ferguson-$f.js" testdata/scan/real/har/ferguson.com-browsertime-chrome97.har
done
vendex import --user testdata/banner/hostile-vendor.json
for f in cookieconsent klaro; do
	vendex banner --format "$f" --vendors evil-banner -o "$work/out/hostile-$f.js"
done

(cd "$pkg" && CHROMIUM="$(command -v chromium)" timeout 300 node banner.test.js "$work/out")
