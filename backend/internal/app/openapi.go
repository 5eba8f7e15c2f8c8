package app

import (
	"net/http"
	"strings"

	"github.com/1sales/app/backend/internal/openapi"
)

// OpenAPI is the API's description (docs/openapi.json), generated from the routes and their specs.
func OpenAPI(routes []Route) ([]byte, error) {
	ops := make([]openapi.Operation, len(routes))
	for i, r := range routes {
		method, path, _ := strings.Cut(r.Pattern, " ")
		tag := strings.TrimPrefix(path, "/api/v1/")
		tag, _, _ = strings.Cut(strings.TrimPrefix(tag, "/"), "/")
		ops[i] = openapi.Operation{
			Method: method, Path: path, Tag: tag,
			In: r.Spec.In, Out: r.Spec.Out, Status: r.Spec.Status,
			Auth:       r.Guard != Public && r.Guard != Feed,
			Idempotent: r.Guard == Create || r.Guard == AdminCreate,
			IfMatch:    r.Spec.IfMatch,
			Query:      r.Spec.Query,
			Upload:     r.Spec.Upload, Download: r.Spec.Download, Events: r.Spec.Events,
		}
	}
	return openapi.Build("1sales API", "v1", ops)
}

// mustOpenAPI is OpenAPI for the handler: a route whose types cannot be described is a programming error that
// stops the app from starting (the tests meet it first).
func mustOpenAPI(routes []Route) []byte {
	b, err := OpenAPI(routes)
	if err != nil {
		panic(err)
	}
	return b
}

// openAPIHandler answers GET /api/v1/openapi.json.
func (a *App) openAPIHandler(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, err := w.Write(a.openAPI)
	return err
}
