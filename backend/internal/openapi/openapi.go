// Package openapi describes the HTTP API as an OpenAPI 3.1 document, generated from the registered routes and the
// Go types of their bodies by reflection: encoding/json's rules decide the names (json tags, camelCase), what is
// required (no omitempty) and what may be null (pointers, slices and maps, as nil); time.Time is a date-time string and uuid.UUID a uuid.
// docs/openapi.json is its output, and a test fails when that file is stale.
package openapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/shared/api"
)

// Operation is one route as the document describes it.
type Operation struct {
	Method, Path string
	// In is the JSON request body (nil: none); Out the JSON body of the success (nil: none), answered with Status.
	In, Out reflect.Type
	Status  int
	// Auth: a bearer access token is required. Idempotent: an Idempotency-Key is taken. IfMatch: the record's
	// version is required as If-Match.
	Auth, Idempotent, IfMatch bool
	// Query names the optional string query parameters.
	Query []string
	// Upload and Download: the request or the success's body is a file's bytes.
	Upload, Download bool
	// Events: the success's body is a stream of Server-Sent Events whose data are Out.
	Events bool
	// Tag groups the operation (e.g. "persons").
	Tag string
}

// Enums are the string types whose every value is known: their schemas list them.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[api.ErrorCode]():        values(api.AllErrorCodes),
	reflect.TypeFor[api.FieldCode]():        values(api.AllFieldCodes),
	reflect.TypeFor[api.RecordType]():       values(api.AllRecordTypes),
	reflect.TypeFor[api.Action]():           values(api.AllActions),
	reflect.TypeFor[api.Scope]():            values(api.AllScopes),
	reflect.TypeFor[api.ActivityIcon]():     values(api.AllActivityIcons),
	reflect.TypeFor[api.DashboardScope]():   values(api.AllDashboardScopes),
	reflect.TypeFor[api.Salutation]():       values(api.AllSalutations),
	reflect.TypeFor[api.ContactKind]():      values(api.AllContactKinds),
	reflect.TypeFor[api.DealStatus]():       values(api.AllDealStatuses),
	reflect.TypeFor[api.Precision]():        values(api.AllPrecisions),
	reflect.TypeFor[api.GeoSource]():        values(api.AllGeoSources),
	reflect.TypeFor[api.Plan]():             values(api.AllPlans),
	reflect.TypeFor[api.LeadStatus]():       values(api.AllLeadStatuses),
	reflect.TypeFor[api.ConvertMode]():      values(api.AllConvertModes),
	reflect.TypeFor[api.FieldKind]():        values(api.AllFieldKinds),
	reflect.TypeFor[api.HistoryAction]():    values(api.AllHistoryActions),
	reflect.TypeFor[api.ConditionOp]():      values(api.AllConditionOps),
	reflect.TypeFor[api.SortKey]():          values(api.AllSortKeys),
	reflect.TypeFor[api.OwnerKeyword]():     values(api.AllOwnerKeywords),
	reflect.TypeFor[api.IntakeTarget]():     values(api.AllIntakeTargets),
	reflect.TypeFor[api.IntakeItemStatus](): values(api.AllIntakeItemStatuses),
	reflect.TypeFor[api.DuplicateReason]():  values(api.AllDuplicateReasons),
}

func values[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

type object = map[string]any

// Build returns the document of the operations, indented, with a final newline.
func Build(title, version string, ops []Operation) ([]byte, error) {
	g := &generator{schemas: object{}, names: map[string]reflect.Type{}}
	errorRef := g.schema(reflect.TypeFor[api.ErrorEnvelope]())
	paths := object{}
	ids := map[string]bool{}
	for _, op := range ops {
		o := object{
			"operationId": operationID(op.Method, op.Path),
			"responses":   g.responses(op),
		}
		if op.Tag != "" {
			o["tags"] = []string{op.Tag}
		}
		if ids[o["operationId"].(string)] {
			return nil, fmt.Errorf("openapi: two operations %s", o["operationId"])
		}
		ids[o["operationId"].(string)] = true
		if params := parameters(op); len(params) > 0 {
			o["parameters"] = params
		}
		switch {
		case op.Upload:
			o["requestBody"] = object{"required": true, "content": object{"*/*": object{}},
				"description": "The file's bytes, with its Content-Type, Content-Length and " + api.HeaderFileName + "."}
		case op.In != nil:
			o["requestBody"] = object{"required": true, "content": object{"application/json": object{"schema": g.schema(op.In)}}}
		}
		if op.Auth {
			o["security"] = []object{{"bearer": []string{}}}
		} else {
			o["security"] = []object{}
		}
		item, _ := paths[op.Path].(object)
		if item == nil {
			item = object{}
			paths[op.Path] = item
		}
		item[strings.ToLower(op.Method)] = o
	}
	if g.err != nil {
		return nil, g.err
	}
	errResponse := object{"description": "The error envelope: a stable code, a message and the fields' codes.",
		"content": object{"application/json": object{"schema": errorRef}}}
	doc := object{
		"openapi": "3.1.0",
		"info": object{"title": title, "version": version,
			"description": "Generated from the backend's route registry (backend/internal/app/routes.go) and the wire types of shared/api. Do not edit: regenerate with `make openapi`."},
		"jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
		"paths":             paths,
		"components": object{
			"schemas":   g.schemas,
			"responses": object{"Error": errResponse},
			"securitySchemes": object{"bearer": object{"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
				"description": "The access token of POST /api/v1/auth/login or /refresh."}},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	return append(b, '\n'), nil
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

func parameters(op Operation) []object {
	var out []object
	for _, m := range pathParam.FindAllStringSubmatch(op.Path, -1) {
		s := object{"type": "string"}
		if strings.HasSuffix(m[1], "ID") {
			s["format"] = "uuid"
		}
		out = append(out, object{"name": m[1], "in": "path", "required": true, "schema": s})
	}
	for _, q := range op.Query {
		out = append(out, object{"name": q, "in": "query", "schema": object{"type": "string"}})
	}
	if op.IfMatch {
		out = append(out, object{"name": "If-Match", "in": "header", "required": true, "schema": object{"type": "string"},
			"description": "The record's version, as its ETag gave it (\"3\")."})
	}
	if op.Idempotent {
		out = append(out, object{"name": "Idempotency-Key", "in": "header", "schema": object{"type": "string", "maxLength": 255},
			"description": "Makes the create safe to retry: a request with a key that was used runs once, and its answer is replayed."})
	}
	if op.Upload {
		out = append(out, object{"name": api.HeaderFileName, "in": "header", "required": true, "schema": object{"type": "string"},
			"description": "The file's name, percent-encoded (UTF-8)."})
	}
	return out
}

func (g *generator) responses(op Operation) object {
	ok := object{"description": http.StatusText(op.Status)}
	switch {
	case op.Download:
		ok["content"] = object{"*/*": object{}}
	case op.Events:
		ok["content"] = object{"text/event-stream": object{"schema": g.schema(op.Out)}}
	case op.Out != nil:
		ok["content"] = object{"application/json": object{"schema": g.schema(op.Out)}}
	}
	errRef := object{"$ref": "#/components/responses/Error"}
	return object{strconv.Itoa(op.Status): ok, "4XX": errRef, "5XX": errRef}
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// operationID is the method and the path in camelCase: "GET /api/v1/persons/{personID}" is getApiV1PersonsPersonID.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, w := range nonWord.Split(path, -1) {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// generator turns Go types into JSON schemas; named structs and enums become components.
type generator struct {
	schemas object
	names   map[string]reflect.Type
	err     error
}

var (
	timeType = reflect.TypeFor[time.Time]()
	uuidType = reflect.TypeFor[uuid.UUID]()
	rawType  = reflect.TypeFor[json.RawMessage]()

	errorCodeType = reflect.TypeFor[api.ErrorCode]()
)

// schema is the schema of a value of type t as encoding/json writes and reads it.
func (g *generator) schema(t reflect.Type) object {
	switch t {
	case timeType:
		return object{"type": "string", "format": "date-time"}
	case uuidType:
		return object{"type": "string", "format": "uuid"}
	case rawType:
		return object{}
	}
	if vs, ok := enums[t]; ok {
		return g.component(t, func() object { return object{"type": "string", "enum": vs} })
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.schema(t.Elem()))
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return g.component(t, func() object { return g.object(t) })
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return object{"type": "string", "contentEncoding": "base64"}
		}
		// encoding/json writes a nil slice or map as null.
		return nullable(object{"type": "array", "items": g.schema(t.Elem())})
	case reflect.Map:
		return nullable(object{"type": "object", "additionalProperties": g.schema(t.Elem())})
	case reflect.String:
		return object{"type": "string"}
	case reflect.Bool:
		return object{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return object{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return object{"type": "number"}
	case reflect.Interface:
		return object{}
	}
	g.fail(fmt.Errorf("openapi: no schema for %s", t))
	return object{}
}

func nullable(s object) object {
	return object{"anyOf": []object{s, {"type": "null"}}}
}

// component puts the schema of the named type t into components once and refers to it.
func (g *generator) component(t reflect.Type, build func() object) object {
	name := componentName(t)
	ref := object{"$ref": "#/components/schemas/" + name}
	if seen, ok := g.names[name]; ok {
		if seen != t {
			g.fail(fmt.Errorf("openapi: two types named %s: %s and %s", name, seen, t))
		}
		return ref
	}
	g.names[name] = t
	g.schemas[name] = object{} // taken before building, for recursive types
	g.schemas[name] = build()
	return ref
}

var qualifier = regexp.MustCompile(`[\w./-]*\.`)

// componentName is the type's name without package paths, generic brackets folded: api.Page[api.Person] is
// PagePerson.
func componentName(t reflect.Type) string {
	n := qualifier.ReplaceAllString(t.Name(), "")
	return nonWord.ReplaceAllString(n, "")
}

// object is the schema of a struct: its fields as encoding/json names them, embedded structs inlined.
func (g *generator) object(t reflect.Type) object {
	props := object{}
	var required []string
	g.fields(t, props, &required)
	s := object{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func (g *generator) fields(t reflect.Type, props object, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				g.fields(ft, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.schema(f.Type)
		if hasOpt(opts, "string") {
			s = object{"type": "string"}
		}
		if _, enum := enums[f.Type]; enum && !hasOpt(opts, "omitempty") && f.Type != errorCodeType {
			// An unset enum field is written as its zero value, "" (an error always has its code).
			s = object{"anyOf": []object{s, {"const": ""}}}
		}
		props[name] = s
		if !hasOpt(opts, "omitempty") && !hasOpt(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

func hasOpt(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

func (g *generator) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}
