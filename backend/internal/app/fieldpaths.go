package app

import (
	"cmp"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/1sales/app/shared/api"
)

// The field names of the error envelope (api.Error.Fields) are JSON paths of what a route takes: "lastName",
// "address.city", "emails[1].value", "custom.<fieldId>", a query parameter by its name. FieldPaths lists every
// one the routes the desktop calls can answer, as patterns ("[i]" for a list index, "<id>" for a map's key such
// as a custom field's ID), so that the UI can name each field in an error message by its label instead of its key
// (frontend/src/i18n/fieldLabels.ts; its test walks frontend/src/lib/fieldPaths.json, which
// TestFieldPathsFileIsCurrent keeps current).

// fieldPathsBeyondBodies are the field names routes answer that are neither in their JSON body nor query
// parameters, by route pattern: headers, and the parts of the conversion, whose errors are those of the create
// routes under a prefix. TestFieldPathsNameRegisteredRoutes fails for a pattern no route has.
var fieldPathsBeyondBodies = map[string][]fieldSource{
	"POST /api/v1/leads/{leadID}/convert": {
		{under: "person", body: reflect.TypeFor[api.PersonCreate]()},
		{under: "organization", body: reflect.TypeFor[api.OrganizationCreate]()},
		{under: "deal", body: reflect.TypeFor[api.DealCreate]()},
	},
	// The plan's limit on pipelines.
	"POST /api/v1/pipelines": {{names: []string{"pipelines"}}},
}

// uploadFields are the names an upload's errors use: the file (its length, size, quota, completeness), its
// X-File-Name and its Content-Type.
var uploadFields = []string{"file", "fileName", "contentType"}

// fieldSource is where field names come from: a body type's paths (below the field under, if any), or names.
type fieldSource struct {
	under string
	body  reflect.Type
	names []string
}

// FieldPaths lists the field names of every route's errors, sorted, without the routes of lead sources (their
// answers go to the supplier, not the desktop).
func FieldPaths(routes []Route) []string {
	set := map[string]bool{}
	for _, r := range routes {
		if r.Guard == Intake {
			continue
		}
		sources := append([]fieldSource{{body: r.Spec.In, names: r.Spec.Query}}, fieldPathsBeyondBodies[r.Pattern]...)
		if r.Spec.Upload {
			sources = append(sources, fieldSource{names: uploadFields})
		}
		// A record, type, unit or role still in use cannot be deleted: 409 with the field "id".
		if strings.HasPrefix(r.Pattern, "DELETE ") {
			sources = append(sources, fieldSource{names: []string{"id"}})
		}
		for _, s := range sources {
			for _, n := range s.names {
				set[n] = true
			}
			if s.body != nil {
				bodyPaths(s.body, s.under, set, nil)
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

var timeType = reflect.TypeFor[time.Time]()

// bodyPaths adds the JSON paths below the value at path ("" for a body itself) of type t: a struct's fields
// ("address.city"), a list's items ("emails[i]", "emails[i].value"), a map's values ("custom.<id>").
func bodyPaths(t reflect.Type, path string, set map[string]bool, inside []reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if slices.Contains(inside, t) {
		return
	}
	inside = append(inside, t)
	add := func(child string, ct reflect.Type) {
		set[child] = true
		bodyPaths(ct, child, set, inside)
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == timeType {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case name == "-":
			case f.Anonymous && name == "":
				bodyPaths(f.Type, path, set, inside)
			case path == "":
				add(cmp.Or(name, f.Name), f.Type)
			default:
				add(path+"."+cmp.Or(name, f.Name), f.Type)
			}
		}
	case reflect.Slice, reflect.Array:
		if path != "" && t.Elem().Kind() != reflect.Uint8 {
			add(path+"[i]", t.Elem())
		}
	case reflect.Map:
		if path != "" {
			add(path+".<id>", t.Elem())
		}
	}
}

// FieldPathsJSON is frontend/src/lib/fieldPaths.json.
func FieldPathsJSON(routes []Route) ([]byte, error) {
	out, err := json.MarshalIndent(struct {
		Comment string   `json:"comment"`
		Paths   []string `json:"paths"`
	}{
		Comment: "Generated from the route registry by app.FieldPaths (backend/internal/app/fieldpaths.go): the field names of the error envelope, " +
			"[i] a list index, <id> a map key. Do not edit: go test ./internal/app -run TestFieldPathsFileIsCurrent -update",
		Paths: FieldPaths(routes),
	}, "", "  ")
	return append(out, '\n'), err
}

// FieldPathsBeyondBodies are the route patterns fieldPathsBeyondBodies adds names for (for its test).
func FieldPathsBeyondBodies() map[string]int {
	out := map[string]int{}
	for p, s := range fieldPathsBeyondBodies {
		out[p] = len(s)
	}
	return out
}
