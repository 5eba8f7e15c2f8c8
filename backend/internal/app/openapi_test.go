package app_test

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
)

var update = flag.Bool("update", false, "rewrite docs/openapi.json and docs/api-routes.md from the code")

// openAPIFile is the committed document, relative to this package; routeTablesFile the committed route tables.
var (
	openAPIFile     = filepath.Join("..", "..", "..", "docs", "openapi.json")
	routeTablesFile = filepath.Join("..", "..", "..", "docs", "api-routes.md")
)

// checkGenerated fails when the committed file differs from want; with -update it writes want first.
func checkGenerated(t *testing.T, file string, want []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run `make openapi` (go test ./internal/app -run 'TestOpenAPIFileIsCurrent|TestRouteTablesFileIsCurrent|TestFieldPathsFileIsCurrent' -update)", filepath.Base(file))
	}
}

func TestOpenAPIFileIsCurrent(t *testing.T) {
	env := apptest.Start(t)
	want, err := app.OpenAPI(env.App.Routes())
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, openAPIFile, want)
	resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/openapi.json"})
	if resp.Status != http.StatusOK || !bytes.Equal(resp.Body, want) {
		t.Fatalf("GET /api/v1/openapi.json: %d, the served document differs from the generated one", resp.Status)
	}
}

// TestRouteTablesFileIsCurrent fails while docs/api-routes.md differs from what app.RouteTables makes of the
// routes; it also checks that every route has a row there.
func TestRouteTablesFileIsCurrent(t *testing.T) {
	env := apptest.Start(t)
	routes := env.App.Routes()
	want := app.RouteTables(routes)
	checkGenerated(t, routeTablesFile, want)
	for _, r := range routes {
		method, path, _ := strings.Cut(r.Pattern, " ")
		if !bytes.Contains(want, []byte("| "+method+" | "+strings.ReplaceAll(path, "|", `\|`)+" |")) && !routeCollapsed(want, method, path) {
			t.Errorf("docs/api-routes.md has no row for %s", r.Pattern)
		}
	}
}

// routeCollapsed: path is a route every record kind has, listed once for all kinds.
func routeCollapsed(tables []byte, method, path string) bool {
	for _, line := range strings.Split(string(tables), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) < 3 || cells[0] != "| "+method || !strings.HasPrefix(cells[1], "/api/v1/{") {
			continue
		}
		_, tail, _ := strings.Cut(strings.ReplaceAll(cells[1], `\|`, "|"), "}/")
		kinds, _, _ := strings.Cut(strings.TrimPrefix(cells[1], "/api/v1/{"), "}")
		for _, k := range strings.Split(kinds, `\|`) {
			if "/api/v1/"+k+"/"+tail == path {
				return true
			}
		}
	}
	return false
}

// TestOpenAPIDocumentIsValidAndListsEveryRoute validates the document with libopenapi's validator and checks that
// it has an operation for every registered route, and no other.
func TestOpenAPIDocumentIsValidAndListsEveryRoute(t *testing.T) {
	env := apptest.Start(t)
	b, err := app.OpenAPI(env.App.Routes())
	if err != nil {
		t.Fatal(err)
	}
	v := newOpenAPIValidator(t, b)
	if ok, errs := v.ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("invalid document: %s: %s", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
	doc, err := libopenapi.NewDocument(b)
	if err != nil {
		t.Fatal(err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for p, item := range model.Model.Paths.PathItems.FromOldest() {
		for m := range item.GetOperations().KeysFromOldest() {
			listed = append(listed, strings.ToUpper(m)+" "+p)
		}
	}
	var registered []string
	for _, r := range env.App.Routes() {
		registered = append(registered, r.Pattern)
	}
	slices.Sort(listed)
	slices.Sort(registered)
	if !slices.Equal(listed, registered) {
		t.Fatalf("the document lists\n%s\nthe app registers\n%s", strings.Join(listed, "\n"), strings.Join(registered, "\n"))
	}
}

func newOpenAPIValidator(t testing.TB, b []byte) validator.Validator {
	t.Helper()
	doc, err := libopenapi.NewDocument(b)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	return v
}

// assertConforms fails when a real response does not match the document's schema for its route and status.
func assertConforms(t testing.TB, v validator.Validator, base string, req apptest.Request, resp *apptest.Response) {
	t.Helper()
	hreq := httptest.NewRequest(req.Method, base+req.Path, nil)
	hresp := &http.Response{StatusCode: resp.Status, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(resp.Body)), Request: hreq}
	if ok, errs := v.ValidateHttpResponse(hreq, hresp); !ok {
		for _, e := range errs {
			t.Errorf("%s %s → %d does not conform to docs/openapi.json: %s: %s", req.Method, req.Path, resp.Status, e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
		t.Logf("body: %.2000s", resp.Body)
	}
}
