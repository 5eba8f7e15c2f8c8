package listquery

import (
	"testing"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

func TestCompileReadsTheSortKey(t *testing.T) {
	spec := Spec{Type: api.RecordPerson, SortName: "p.sort_name"}
	for _, tc := range []struct {
		sort     string
		wantSort string // "" = refused with sort: invalid
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
