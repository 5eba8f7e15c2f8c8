package listquery

import (
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

func TestCompileReadsTheSortKey(t *testing.T) {
	spec := Spec{Type: api.RecordPerson, Alias: "p", SortName: "p.sort_name"}
	for _, tc := range []struct {
		sort     string
		wantSort api.SortKey // "" = refused with sort: invalid
		wantDesc bool
	}{
		{"", "name", false},
		{"name", "name", false},
		{"-name", "name", true},
		{"city", "city", false},
		{"-createdAt", "createdAt", true},
		{"updatedAt", "updatedAt", false},
		{"-", "", false},
		{"--name", "", false},
		{"name-", "", false},
		{"Name", "", false},
		{" name", "", false},
		{"distance", "", false}, // only with a near condition
	} {
		t.Run(tc.sort, func(t *testing.T) {
			c, err := Compile(spec, nil, api.ListQuery{Sort: tc.sort}, nil)
			if tc.wantSort == "" {
				e, ok := httpx.AsError(err)
				if !ok || e.Fields["sort"] != api.FieldInvalid {
					t.Fatalf("got %v, want sort: invalid", err)
				}
				return
			}
			if err != nil || c.sort != tc.wantSort || c.desc != tc.wantDesc {
				t.Fatalf("got %+v %v, want %s desc=%v", c, err, tc.wantSort, tc.wantDesc)
			}
		})
	}
}

// TestCompileTakesEachFieldKindsOperators checks every operator against a field of every kind: the ones
// api.ConditionOpsByKind names for the kind pass, every other one is refused with op: invalid.
func TestCompileTakesEachFieldKindsOperators(t *testing.T) {
	spec := Spec{Type: api.RecordPerson, Alias: "p", SortName: "p.sort_name"}
	value := map[api.FieldKind]string{api.FieldKindNumber: "12", api.FieldKindText: "Nord", api.FieldKindBool: "true"}
	for _, kind := range api.AllFieldKinds {
		field := &customfield.Field{ID: uuid.New(), RecordType: api.RecordPerson, Kind: kind}
		for _, op := range api.AllConditionOps {
			t.Run(string(kind)+" "+string(op), func(t *testing.T) {
				q := api.ListQuery{Custom: []api.CustomCondition{{FieldID: field.ID.String(), Op: op, Value: value[kind]}}}
				_, err := Compile(spec, nil, q, customfield.Fields{field})
				want := slices.Contains(api.ConditionOpsByKind[kind], op)
				if e, ok := httpx.AsError(err); want && err != nil {
					t.Fatalf("refused: %v", err)
				} else if !want && (!ok || e.Fields["custom[0].op"] != api.FieldInvalid) {
					t.Fatalf("got %v, want custom[0].op: invalid", err)
				}
			})
		}
	}
}
