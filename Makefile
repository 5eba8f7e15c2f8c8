# 1sales: thin entry points; the logic lives in scripts/.
.PHONY: run stop test e2e fuzz bench deps backend frontend bindings openapi package clean

## run: start PostgreSQL (.data/pg), the backend on :8421 and, with a display, the desktop app
run:
	@scripts/run.sh

## stop: stop what `make run` started
stop:
	@scripts/stop.sh

## test: every check (Go, frontend, keyring, end-to-end, Windows cross-build); CI runs this
test:
	@scripts/test.sh

## e2e: only the end-to-end test of the desktop app (own throwaway PostgreSQL)
e2e:
	@scripts/deps.sh
	@scripts/e2e.sh

## fuzz: fuzz the request decoding of every route with a JSON body (FUZZTIME=5m; own throwaway PostgreSQL); not part of test
fuzz:
	@scripts/fuzz.sh

## bench: load test of the contacts backend on 1,000,000 persons (own PostgreSQL in .data/bench-pg); not part of test
bench:
	@scripts/bench.sh

## deps: install missing Debian packages, frontend/node_modules and bin/wails
deps:
	@scripts/deps.sh

## backend: build bin/onesales-server
backend:
	@bash -c '. scripts/lib.sh && build_backend'

## frontend: build frontend/dist
frontend:
	@scripts/deps.sh
	@bash -c '. scripts/lib.sh && build_frontend'

## openapi: regenerate docs/openapi.json and docs/api-routes.md from the route registry and shared/api (own throwaway PostgreSQL)
openapi:
	@scripts/openapi.sh

## bindings: regenerate the Wails bindings (frontend/src/lib/wailsjs)
bindings:
	@scripts/deps.sh
	@scripts/bindings.sh

## package: build the Debian packages dist/onesales-server_*.deb and dist/1sales_*.deb (nfpm)
package:
	@scripts/deps.sh
	@scripts/package.sh

## clean: remove build output (bin/, build/bin/, frontend/dist, test-results/); keeps .data/
clean:
	@scripts/clean.sh
