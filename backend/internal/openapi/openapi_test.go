package openapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/shared/api"
)

type inner struct {
	City string `json:"city"`
}

type sample struct {
	inner
	Name     string            `json:"name"`
	Note     *string           `json:"note"`
	Tags     []string          `json:"tags,omitempty"`
	At       time.Time         `json:"at"`
	ID       uuid.UUID         `json:"id"`
	Kind     api.RecordType    `json:"kind"`
	Code     api.ErrorCode     `json:"code"`
	Count    int64             `json:"count,string"`
	Extra    map[string]string `json:"extra"`
	Secret   string            `json:"-"`
	internal string
}

func TestSchemaFollowsEncodingJSON(t *testing.T) {
	g := &generator{schemas: object{}, names: map[string]reflect.Type{}}
	ref := g.schema(reflect.TypeFor[sample]())
	if ref["$ref"] != "#/components/schemas/sample" {
		t.Fatalf("ref: %v", ref)
	}
	s := g.schemas["sample"].(object)
	props := s["properties"].(object)
	tests := []struct {
		field string
		want  string
	}{
		{"city", `{"type":"string"}`}, // embedded struct inlined
		{"name", `{"type":"string"}`},
		{"note", `{"anyOf":[{"type":"string"},{"type":"null"}]}`},
		{"tags", `{"anyOf":[{"items":{"type":"string"},"type":"array"},{"type":"null"}]}`},
		{"at", `{"format":"date-time","type":"string"}`},
		{"id", `{"format":"uuid","type":"string"}`},
		{"kind", `{"anyOf":[{"$ref":"#/components/schemas/RecordType"},{"const":""}]}`},
		{"code", `{"$ref":"#/components/schemas/ErrorCode"}`},
		{"count", `{"type":"string"}`},
		{"extra", `{"anyOf":[{"additionalProperties":{"type":"string"},"type":"object"},{"type":"null"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			b, _ := json.Marshal(props[tt.field])
			if string(b) != tt.want {
				t.Errorf("got %s, want %s", b, tt.want)
			}
		})
	}
	if len(props) != len(tests) {
		t.Errorf("properties %v: want exactly %d (json:\"-\" and unexported left out)", props, len(tests))
	}
	req, _ := json.Marshal(s["required"])
	if want := `["city","name","note","at","id","kind","code","count","extra"]`; string(req) != want {
		t.Errorf("required %s, want %s", req, want)
	}
	codes, _ := json.Marshal(g.schemas["ErrorCode"].(object)["enum"])
	want, _ := json.Marshal(values(api.AllErrorCodes))
	if string(codes) != string(want) {
		t.Errorf("ErrorCode enum %s, want AllErrorCodes", codes)
	}
}

func TestComponentNameFoldsPackagesAndGenerics(t *testing.T) {
	type page[T any] struct{ Items []T }
	if got := componentName(reflect.TypeFor[page[api.Person]]()); got != "pagePerson" {
		t.Fatalf("got %q", got)
	}
}

func TestBuildRefusesTwoOperationsWithOneID(t *testing.T) {
	ops := []Operation{{Method: "GET", Path: "/a-b", Status: http.StatusOK}, {Method: "GET", Path: "/a/b", Status: http.StatusOK}}
	if _, err := Build("t", "v", ops); err == nil {
		t.Fatal("want an error for two operations getAB")
	}
}
