package app_test

import (
	"os"
	"path/filepath"
	"regexp"
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

// intakeOnlyFields are field names only the intake answers (to the supplier, not the desktop).
var intakeOnlyFields = []string{"externalId", "leads"}

// TestFieldPathsHoldEveryFieldTheServiceCodeNames reads the backend's code for the field names it writes as string
// literals (v.Field("name", …), validate.Text(&v, "name", …), httpx.Conflict(…, "name", api.Field…), maps of field
// codes) and fails for one FieldPaths does not list, so that a name the server sends has a label in the UI.
func TestFieldPathsHoldEveryFieldTheServiceCodeNames(t *testing.T) {
	env := apptest.Start(t)
	known := map[string]bool{}
	for _, p := range app.FieldPaths(env.App.Routes()) {
		known[strings.NewReplacer("[i]", "", ".<id>", "").Replace(p)] = true
	}
	literal := regexp.MustCompile(`"([A-Za-z][A-Za-z0-9.]*)"\s*[,:]\s*api\.Field[A-Z]\w*|\w+\(&?v, "([A-Za-z][A-Za-z0-9.]*)"`)
	files, err := filepath.Glob(filepath.Join("..", "*", "*.go"))
	if err != nil || len(files) < 50 {
		t.Fatalf("backend code: %d files, %v", len(files), err)
	}
	found := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		code := string(src)
		for _, at := range literal.FindAllStringSubmatchIndex(code, -1) {
			// A literal that is a map's value ({api.FieldRequired: "fehlt", …}: a code's words) names no field.
			if strings.HasSuffix(strings.TrimRight(code[:at[0]], " \t\n"), ":") {
				continue
			}
			name := strings.TrimSuffix(submatch(code, at, 1)+submatch(code, at, 2), ".")
			found++
			if !known[name] && !slices.Contains(intakeOnlyFields, name) {
				t.Errorf("%s names the field %q, which app.FieldPaths does not list", file, name)
			}
		}
	}
	if found < 100 {
		t.Fatalf("found only %d field names in the backend's code", found)
	}
}

// submatch is the text of group i of a FindAllStringSubmatchIndex match, "" when the group did not take part.
func submatch(s string, at []int, i int) string {
	if at[2*i] < 0 {
		return ""
	}
	return s[at[2*i]:at[2*i+1]]
}
