package app_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
)

// fieldPathsFile is the generated list the UI's test of its field labels reads, relative to this package.
var fieldPathsFile = filepath.Join("..", "..", "..", "frontend", "src", "lib", "fieldPaths.json")

func TestFieldPathsFileIsCurrent(t *testing.T) {
	env := apptest.Start(t)
	want, err := app.FieldPathsJSON(env.App.Routes())
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, fieldPathsFile, want)
}

func TestFieldPathsCoverBodiesQueriesAndTheConversion(t *testing.T) {
	env := apptest.Start(t)
	routes := env.App.Routes()
	paths := app.FieldPaths(routes)
	for _, want := range []string{
		"lastName", "emails[i].value", "address.city", "custom.<id>", "near.recordId", "moveTo.<id>", "items[i].targetField",
		"recordType", "organization.custom.<id>", "person.emails[i].value", "deal.pipelineId", "person.existingId", "file", "fileName",
	} {
		if !slices.Contains(paths, want) {
			t.Errorf("FieldPaths has no %q", want)
		}
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "leads[i]") {
			t.Errorf("%q: the intake's answers go to the supplier", p)
		}
	}
	for pattern := range app.FieldPathsBeyondBodies() {
		if !slices.ContainsFunc(routes, func(r app.Route) bool { return r.Pattern == pattern }) {
			t.Errorf("fieldPathsBeyondBodies names %q, which is no route", pattern)
		}
	}
}
