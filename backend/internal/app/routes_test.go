package app_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/uptrace/bun"
)

func bunIdent(s string) bun.Ident { return bun.Ident(s) }

// registeredRoutes reads the patterns ("METHOD /path") routes.go registers, so that tables of routes can fail
// for a route they lack.
func registeredRoutes(t testing.TB) []string {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`mux\.Handle\("([A-Z]+ /[^"]*)"`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 20 {
		t.Fatalf("found only %d routes in routes.go; the pattern is out of date", len(out))
	}
	return out
}

// assertEveryRouteCovered fails for every registered route the table lacks, so a new route cannot be added
// without deciding who may call it.
func assertEveryRouteCovered(t *testing.T, cases map[string]routeCase) {
	t.Helper()
	for _, route := range registeredRoutes(t) {
		if _, ok := cases[route]; !ok {
			t.Errorf("route %q has no row in the authorization table", route)
		}
	}
}
