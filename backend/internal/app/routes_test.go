package app_test

import (
	"testing"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
)

func bunIdent(s string) bun.Ident { return bun.Ident(s) }

// registeredRoutes lists the patterns ("METHOD /path") the app registers (App.Routes), so that tables of routes
// can fail for a route they lack.
func registeredRoutes(env *apptest.Env) []string {
	var out []string
	for _, r := range env.App.Routes() {
		out = append(out, r.Pattern)
	}
	return out
}

// routesBehind lists the patterns of the routes registered behind one of the guards.
func routesBehind(env *apptest.Env, guards ...app.Guard) []string {
	var out []string
	for _, r := range env.App.Routes() {
		for _, g := range guards {
			if r.Guard == g {
				out = append(out, r.Pattern)
			}
		}
	}
	return out
}

// assertEveryRouteCovered fails for every registered route the table lacks, so a new route cannot be added
// without deciding who may call it.
func assertEveryRouteCovered(t *testing.T, env *apptest.Env, cases map[string]routeCase) {
	t.Helper()
	for _, route := range registeredRoutes(env) {
		if _, ok := cases[route]; !ok {
			t.Errorf("route %q has no row in the authorization table", route)
		}
	}
}
