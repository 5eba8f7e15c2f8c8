#!/usr/bin/env bash
# Rebuilds data/postcodes-dach.tsv.gz (run by `go generate ./internal/geo/gazetteer/` in backend/): the GeoNames
# postal codes of Germany, Austria and Switzerland (CC BY 4.0) as the repository zauberware/postal-codes-json-xml-csv
# publishes them, at a pinned commit so that the output is reproducible. Needs git access to github.com; with
# POSTCODES_REPO set to a local clone of that repository it reads the clone instead.
set -euo pipefail
COMMIT=a6e8df1
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
repo="${POSTCODES_REPO:-}"
if [ -z "$repo" ]; then
	repo="$tmp/repo"
	git clone --quiet https://github.com/zauberware/postal-codes-json-xml-csv "$repo"
fi
for cc in DE AT CH; do
	git -C "$repo" show "$COMMIT:data/$cc.zip" >"$tmp/$cc.zip"
	unzip -q -o "$tmp/$cc.zip" -d "$tmp"
done
go run genpostcodes.go -in "$tmp" -out data/postcodes-dach.tsv.gz
