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

var update = flag.Bool("update", false, "rewrite docs/openapi.json from the code")

// openAPIFile is the committed document, relative to this package.
var openAPIFile = filepath.Join("..", "..", "..", "docs", "openapi.json")

func TestOpenAPIFileIsCurrent(t *testing.T) {
	env := apptest.Start(t)
	want, err := app.OpenAPI(env.App.Routes())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(openAPIFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("docs/openapi.json is stale: run `make openapi` (go test ./internal/app -run TestOpenAPIFileIsCurrent -update)")
	}
	resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/openapi.json"})
	if resp.Status != http.StatusOK || !bytes.Equal(resp.Body, want) {
		t.Fatalf("GET /api/v1/openapi.json: %d, the served document differs from the generated one", resp.Status)
	}
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
