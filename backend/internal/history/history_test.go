package history_test

import (
	"reflect"
	"testing"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/shared/api"
)

var (
	personA = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	personB = uuid.MustParse("00000000-0000-0000-0000-0000000000a2")
)

// labels are two custom fields, in their order on the form (not their IDs' order).
var labels = []history.CustomLabel{{ID: "f2", Label: "Umsatz"}, {ID: "f1", Label: "Branche"}}

func TestDiffListsTheChangedFieldsInOrder(t *testing.T) {
	fields := []string{"title", "value", "person", "organization", "address.city"}
	for _, tc := range []struct {
		name          string
		before, after history.Snapshot
		want          []api.FieldChange
	}{
		{"nothing changed", history.Snapshot{"title": "Deal", "custom.f1": "Handel"}, history.Snapshot{"title": "Deal", "custom.f1": "Handel"}, nil},
		{"one field changed, the others omitted", history.Snapshot{"title": "Deal", "value": "100"}, history.Snapshot{"title": "Deal", "value": "250.5"},
			[]api.FieldChange{{Field: "value", Old: "100", New: "250.5"}}},
		{"fields in the order given, not the snapshot's", history.Snapshot{"address.city": "Bonn", "title": "A"}, history.Snapshot{"address.city": "Köln", "title": "B"},
			[]api.FieldChange{{Field: "title", Old: "A", New: "B"}, {Field: "address.city", Old: "Bonn", New: "Köln"}}},
		{"a field set and a field cleared", history.Snapshot{"value": "100"}, history.Snapshot{"title": "Neu", "value": ""},
			[]api.FieldChange{{Field: "title", New: "Neu"}, {Field: "value", Old: "100"}}},
		{"link fields name their record type", history.Snapshot{"person": personA.String()}, history.Snapshot{"person": personB.String(), "organization": personA.String()},
			[]api.FieldChange{{Field: "person", Old: personA.String(), New: personB.String(), RecordType: api.RecordPerson},
				{Field: "organization", New: personA.String(), RecordType: api.RecordOrganization}}},
		{"custom fields after the standard ones, in label order, labelled", history.Snapshot{"custom.f1": "Handel", "custom.f2": "1"},
			history.Snapshot{"custom.f1": "Industrie", "custom.f2": "2", "title": "X"},
			[]api.FieldChange{{Field: "title", New: "X"}, {Field: "custom.f2", Label: "Umsatz", Old: "1", New: "2"},
				{Field: "custom.f1", Label: "Branche", Old: "Handel", New: "Industrie"}}},
		{"fields not listed are not compared", history.Snapshot{"secret": "a", "custom.gone": "1"}, history.Snapshot{"secret": "b", "custom.gone": "2"}, nil},
		{"a missing field equals an empty one", history.Snapshot{"title": ""}, history.Snapshot{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := history.Diff(tc.before, tc.after, fields, labels); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestCreatedListsTheFilledFieldsAsChangesFromNothing(t *testing.T) {
	fields := []string{"firstName", "lastName", "organization", "email"}
	for _, tc := range []struct {
		name  string
		after history.Snapshot
		want  []api.FieldChange
	}{
		{"an empty record", history.Snapshot{"firstName": "", "custom.f1": ""}, nil},
		{"filled fields in order, empty ones omitted", history.Snapshot{"email": "a@b.de", "firstName": "Anna", "lastName": ""},
			[]api.FieldChange{{Field: "firstName", New: "Anna"}, {Field: "email", New: "a@b.de"}}},
		{"a link and custom fields", history.Snapshot{"organization": personA.String(), "custom.f1": "Handel", "custom.f2": "3"},
			[]api.FieldChange{{Field: "organization", New: personA.String(), RecordType: api.RecordOrganization},
				{Field: "custom.f2", Label: "Umsatz", New: "3"}, {Field: "custom.f1", Label: "Branche", New: "Handel"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := history.Created(tc.after, fields, labels); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestLinkRecordsTheIDsOfTheLinkedRecords(t *testing.T) {
	for _, tc := range []struct {
		name     string
		field    string
		old, new *uuid.UUID
		want     api.FieldChange
	}{
		{"linked", "person", nil, &personA, api.FieldChange{Field: "person", New: personA.String(), RecordType: api.RecordPerson}},
		{"unlinked", "organization", &personA, nil, api.FieldChange{Field: "organization", Old: personA.String(), RecordType: api.RecordOrganization}},
		{"relinked", "person", &personA, &personB, api.FieldChange{Field: "person", Old: personA.String(), New: personB.String(), RecordType: api.RecordPerson}},
		{"neither", "person", nil, nil, api.FieldChange{Field: "person", RecordType: api.RecordPerson}},
		// A field outside LinkFields gets no record type, so reading it names nothing.
		{"not a link field", "owner", nil, &personA, api.FieldChange{Field: "owner", New: personA.String()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := history.Link(tc.field, tc.old, tc.new); got != tc.want {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
