package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestRequestDaysAreTaggedAsDates reads the wire types: a string field of a request type (…Create, …Patch,
// …Query) named like a day (…Date, …From, …To, …Day) must carry input:"date", so that the backend's decoding holds
// it to the years 1900–2200 like every time. A day field added without the tag fails here.
func TestRequestDaysAreTaggedAsDates(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	request := regexp.MustCompile(`(Create|Patch|Query)$`)
	day := regexp.MustCompile(`(Date|From|To|Day)$`)
	checked := 0
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || !request.MatchString(ts.Name.Name) {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, f := range st.Fields.List {
				if !isString(f.Type) || f.Tag == nil || len(f.Names) == 0 {
					continue
				}
				tag, _ := strconv.Unquote(f.Tag.Value)
				name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
				if !day.MatchString(name) {
					continue
				}
				checked++
				if reflect.StructTag(tag).Get("input") != "date" {
					t.Errorf("%s.%s (%q) is a day without input:\"date\"", ts.Name.Name, f.Names[0].Name, name)
				}
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("found only %d day fields; the rule is out of date", checked)
	}
}

// isString reports string and *string.
func isString(e ast.Expr) bool {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "string"
}
