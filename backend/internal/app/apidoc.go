package app

import (
	"bytes"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
)

// RouteTables is docs/api-routes.md: the route tables of the API, one section per resource, generated from the
// routes like docs/openapi.json (TestRouteTablesFileIsCurrent fails while the committed file is stale).
//
// A route belongs to the section of the first path segment after /api/v1/ (the OpenAPI tag), except the routes
// every record kind has (its map, restore, and the notes, history, documents and activities of a record), which
// form one section; rows that differ only in the kind's segment are one row there.
func RouteTables(routes []Route) []byte {
	type row struct{ method, path, body, who, shape string }
	sections := map[string][]row{}
	var extra []string // sections without a heading of their own, in the order of their first route
	seen := map[string]bool{}
	for _, r := range routes {
		method, path, _ := strings.Cut(r.Pattern, " ")
		key := routeSection(path)
		if _, ok := sectionTitles[key]; !ok && !seen[key] {
			extra = append(extra, key)
		}
		seen[key] = true
		rw := row{method: method, path: path, who: guardWho[r.Guard],
			body: routeBody(r.Spec)}
		if key == mechanismsSection {
			rw.path = kindSegment.ReplaceAllString(path, "/api/v1/{"+kindPaths()+"}/")
			rw.shape = method + " " + pathParam.ReplaceAllString(kindSegment.ReplaceAllString(path, "/api/v1/{kind}/"), "{id}")
			if slicesContain(sections[key], func(o row) bool { return o == rw }) {
				continue
			}
			if rw.path != path && !sameForEveryKind(routes, r) {
				rw.path = path
			}
		}
		sections[key] = append(sections[key], rw)
	}
	// The mechanisms' rows that stay one per kind (restore: each kind answers its own record) stand together.
	var ordered []row
	for _, rw := range sections[mechanismsSection] {
		if slicesContain(ordered, func(o row) bool { return o.shape == rw.shape }) {
			continue
		}
		for _, o := range sections[mechanismsSection] {
			if o.shape == rw.shape {
				ordered = append(ordered, o)
			}
		}
	}
	sections[mechanismsSection] = ordered

	var b bytes.Buffer
	b.WriteString("<!-- Generated from the route registry (backend/internal/app/routes.go) by app.RouteTables: do not edit. " +
		"Regenerate with `make openapi` (go test ./internal/app -run 'TestOpenAPIFileIsCurrent|TestRouteTablesFileIsCurrent' -update). -->\n\n")
	b.WriteString("# 1sales HTTP API (v1): routes\n\n")
	b.WriteString("Every route the backend serves, by resource, generated from the route registry. Bodies and answers name the\n" +
		"wire types of `shared/api` (Go); [openapi.json](openapi.json) has their fields, [api.md](api.md) explains the\n" +
		"conventions (errors, If-Match, Idempotency-Key, scopes) and each resource's special answers.\n\n")
	b.WriteString("Who: *anyone* needs no token; *signed in* an access token; *admin* the role's admin right (403 otherwise);\n" +
		"*Idempotency-Key* marks creating routes that accept one; *streamed* routes move a file's bytes (no body limit,\n" +
		"no request timeout, no Idempotency-Key); *a lead source's API key* is the intake's own authentication; *the feed's\n" +
		"token in the path* is the personal calendar feed's (the path is the credential, so calendars can subscribe).\n")
	keys := append(append([]string(nil), sectionOrder...), extra...)
	for _, key := range keys {
		rows := sections[key]
		if len(rows) == 0 {
			continue
		}
		title := sectionTitles[key]
		if title == "" {
			title = key
		}
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		b.WriteString("| method | path | body -> answer | who |\n|---|---|---|---|\n")
		for _, rw := range rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", rw.method, strings.ReplaceAll(rw.path, "|", `\|`), rw.body, rw.who)
		}
	}
	return b.Bytes()
}

// mechanismsSection is the key of the routes every record kind has.
const mechanismsSection = "record mechanisms"

// sectionOrder orders the sections as docs/api.md orders the resources; sectionTitles names them. A segment
// missing here gets a section of its own, titled by the segment, after these.
var sectionOrder = []string{
	"service", "auth", "me", "tenant", "users", "invitations", "operator", "units", "roles",
	"persons", "organizations", mechanismsSection, "notes", "trash", "custom-fields", "saved-filters", "search", "presence",
	"pipelines", "deals", "leads", "lead-mapping", "lost-reasons",
	"lead-sources", "intake",
	"activity-types", "activities", "dashboard",
	"documents", "geocode", "notifications", "imports", "support",
}

var sectionTitles = map[string]string{
	"service":         "Service (health, readiness, API description)",
	"auth":            "Sign-in and sessions",
	"me":              "The signed-in user",
	"tenant":          "Tenant",
	"users":           "Users",
	"units":           "Units",
	"roles":           "Roles",
	"persons":         "Persons",
	"organizations":   "Organisations",
	mechanismsSection: "Record mechanisms (every record kind)",
	"notes":           "Notes",
	"trash":           "Trash",
	"custom-fields":   "Custom fields",
	"saved-filters":   "Saved filters",
	"search":          "Search",
	"presence":        "Presence",
	"pipelines":       "Pipelines",
	"deals":           "Deals",
	"leads":           "Leads",
	"lead-mapping":    "Lead mapping",
	"lost-reasons":    "Lost reasons",
	"lead-sources":    "Lead sources",
	"intake":          "Lead intake",
	"activity-types":  "Activity types",
	"activities":      "Activities",
	"dashboard":       "Dashboard",
	"documents":       "Documents",
	"geocode":         "Geocoding",
	"notifications":   "Notifications",
	"imports":         "Imports (XLSX and CSV)",
	"support":         "Help and support",
	"invitations":     "Invitations",
	"operator":        "Operator",
}

var guardWho = map[Guard]string{
	Public:      "anyone",
	SignedIn:    "signed in",
	Admin:       "admin",
	Create:      "signed in; Idempotency-Key",
	AdminCreate: "admin; Idempotency-Key",
	Stream:      "signed in (streamed)",
	Intake:      "a lead source's API key",
	Feed:        "the feed's token in the path",
	Operator:    "the operator's token",
}

// routeSection is the section of a path: its first segment after /api/v1/ (the OpenAPI tag), "service" for the
// routes outside the API and the API's description, mechanismsSection for the routes every record kind has; the
// calendar feed (/ics/…) goes with the signed-in user's routes, which manage it.
func routeSection(path string) string {
	if strings.HasPrefix(path, "/ics/") {
		return "me"
	}
	rest, ok := strings.CutPrefix(path, "/api/v1/")
	if !ok || rest == "openapi.json" {
		return "service"
	}
	segs := strings.Split(rest, "/")
	if k, ok := record.KindByPath(segs[0]); ok {
		switch {
		case len(segs) == 2 && segs[1] == "map",
			len(segs) == 3 && segs[1] == "{"+k.Param()+"}" && segs[2] == "restore",
			len(segs) >= 3 && segs[1] == "{recordID}":
			return mechanismsSection
		}
	}
	return segs[0]
}

// kindSegment matches the segment of a record kind right after /api/v1/.
var kindSegment = func() *regexp.Regexp {
	var alts []string
	for _, k := range record.Kinds() {
		alts = append(alts, regexp.QuoteMeta(k.Path))
	}
	return regexp.MustCompile(`^/api/v1/(` + strings.Join(alts, "|") + `)/`)
}()

// pathParam matches a path parameter.
var pathParam = regexp.MustCompile(`\{\w+\}`)

// kindPaths is the kinds' segments, "persons|organizations|…".
func kindPaths() string {
	var out []string
	for _, k := range record.Kinds() {
		out = append(out, k.Path)
	}
	return strings.Join(out, "|")
}

// sameForEveryKind: every kind registers r's route, with the same guard and spec (then one row stands for all).
func sameForEveryKind(routes []Route, r Route) bool {
	method, path, _ := strings.Cut(r.Pattern, " ")
	for _, k := range record.Kinds() {
		want := method + " " + kindSegment.ReplaceAllString(path, "/api/v1/"+k.Path+"/")
		found := false
		for _, o := range routes {
			if o.Pattern == want {
				found = o.Guard == r.Guard && reflect.DeepEqual(o.Spec, r.Spec)
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func slicesContain[T any](s []T, f func(T) bool) bool {
	for _, v := range s {
		if f(v) {
			return true
		}
	}
	return false
}

// routeBody is the "body -> answer" cell: the request body's type (the file's bytes for an upload), If-Match and
// the query parameters, then the success's status and type (the file's bytes for a download).
func routeBody(spec rest.Spec) string {
	in, out, status, query := spec.In, spec.Out, spec.Status, spec.Query
	var left []string
	switch {
	case spec.Upload:
		left = append(left, "the file's bytes (upload)")
	case in != nil:
		left = append(left, typeName(in))
	}
	if spec.IfMatch {
		left = append(left, "(If-Match)")
	}
	if len(query) > 0 {
		qs := make([]string, len(query))
		for i, q := range query {
			qs[i] = "`" + q + "`"
		}
		left = append(left, "query "+strings.Join(qs, ", "))
	}
	right := strconv.Itoa(status)
	switch {
	case spec.Download:
		right += " the file's bytes (download)"
	case spec.Events:
		right += " Server-Sent Events of " + typeName(out)
	case out != nil:
		right += " " + typeName(out)
	case status == http.StatusOK:
		right += " (no body)"
	}
	s := strings.Join(left, " ")
	if s != "" {
		s += " "
	}
	return s + "-> " + right
}

var typeQualifier = regexp.MustCompile(`[\w./-]*\.`)

// typeName is a wire type's Go name without package paths (Page[Person]); an unnamed type is "JSON object" or
// its Go spelling. A pointer is named by what it points to (the answer is the same JSON).
func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() == "" {
		if t.Kind() == reflect.Map {
			return "JSON object"
		}
		return "`" + typeQualifier.ReplaceAllString(t.String(), "") + "`"
	}
	return typeQualifier.ReplaceAllString(t.Name(), "")
}
