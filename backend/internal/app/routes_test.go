package app_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/uptrace/bun"
)

func bunIdent(s string) bun.Ident { return bun.Ident(s) }

// assertEveryRouteCovered reads routes.go and fails for every registered route the table lacks, so a new route
// cannot be added without deciding who may call it.
func assertEveryRouteCovered(t *testing.T, cases map[string]routeCase) {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`mux\.Handle\("([A-Z]+ /[^"]*)"`)
	n := 0
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		n++
		if _, ok := cases[m[1]]; !ok {
			t.Errorf("route %q has no row in the authorization table", m[1])
		}
	}
	if n < 20 {
		t.Fatalf("found only %d routes in routes.go; the pattern is out of date", n)
	}
}
