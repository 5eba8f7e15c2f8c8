package history

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/shared/api"
)

var (
	visible   = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	hidden    = uuid.MustParse("00000000-0000-0000-0000-0000000000a2")
	unnamed   = uuid.MustParse("00000000-0000-0000-0000-0000000000a3")
	orgOnly   = uuid.MustParse("00000000-0000-0000-0000-0000000000b1")
	visibleID = visible.String()
)

// fakeNames is the reader's view: persons visible and unnamed (a person without a name), organisation orgOnly;
// every other record is hidden. It records the calls and the IDs asked for per record type.
type fakeNames struct {
	calls map[api.RecordType]int
	asked map[api.RecordType]map[uuid.UUID]bool
	err   error
}

func (f *fakeNames) names(_ context.Context, _ bun.IDB, rt api.RecordType, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	if f.asked == nil {
		f.calls, f.asked = map[api.RecordType]int{}, map[api.RecordType]map[uuid.UUID]bool{}
	}
	f.calls[rt]++
	if f.asked[rt] == nil {
		f.asked[rt] = map[uuid.UUID]bool{}
	}
	for _, id := range ids {
		f.asked[rt][id] = true
	}
	if f.err != nil {
		return nil, f.err
	}
	view := map[api.RecordType]map[uuid.UUID]string{
		api.RecordPerson:       {visible: "Anna Berg", unnamed: ""},
		api.RecordOrganization: {orgOnly: "Acme GmbH"},
	}[rt]
	out := map[uuid.UUID]string{}
	for _, id := range ids {
		if n, ok := view[id]; ok {
			out[id] = n
		}
	}
	return out, nil
}

func TestNameLinksShowsWhatTheReaderMaySee(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change api.FieldChange
		want   api.FieldChange
	}{
		{"a visible record is named", api.FieldChange{Field: "person", New: visibleID, RecordType: api.RecordPerson},
			api.FieldChange{Field: "person", New: "Anna Berg", RecordType: api.RecordPerson}},
		{"a hidden record is emptied and marked", api.FieldChange{Field: "person", Old: visibleID, New: hidden.String(), RecordType: api.RecordPerson},
			api.FieldChange{Field: "person", Old: "Anna Berg", NewHidden: true, RecordType: api.RecordPerson}},
		{"both sides hidden", api.FieldChange{Field: "person", Old: hidden.String(), New: orgOnly.String(), RecordType: api.RecordPerson},
			api.FieldChange{Field: "person", OldHidden: true, NewHidden: true, RecordType: api.RecordPerson}},
		{"an empty side stays empty and is not hidden", api.FieldChange{Field: "organization", Old: orgOnly.String(), RecordType: api.RecordOrganization},
			api.FieldChange{Field: "organization", Old: "Acme GmbH", RecordType: api.RecordOrganization}},
		{"an ID is named only as its own record type", api.FieldChange{Field: "organization", New: visibleID, RecordType: api.RecordOrganization},
			api.FieldChange{Field: "organization", NewHidden: true, RecordType: api.RecordOrganization}},
		{"a legacy name instead of an ID is hidden", api.FieldChange{Field: "organization", Old: "Acme GmbH", New: orgOnly.String(), RecordType: api.RecordOrganization},
			api.FieldChange{Field: "organization", OldHidden: true, New: "Acme GmbH", RecordType: api.RecordOrganization}},
		{"a visible record without a name is empty, not hidden", api.FieldChange{Field: "person", New: unnamed.String(), RecordType: api.RecordPerson},
			api.FieldChange{Field: "person", RecordType: api.RecordPerson}},
		{"an ID in capitals is the same record", api.FieldChange{Field: "person", New: strings.ToUpper(visibleID), RecordType: api.RecordPerson},
			api.FieldChange{Field: "person", New: "Anna Berg", RecordType: api.RecordPerson}},
		{"a change without a record type is left alone", api.FieldChange{Field: "custom.f1", Label: "Ref", Old: hidden.String(), New: "Acme GmbH"},
			api.FieldChange{Field: "custom.f1", Label: "Ref", Old: hidden.String(), New: "Acme GmbH"}},
		{"a document change is left alone", api.FieldChange{Field: "document", New: "Angebot.pdf"}, api.FieldChange{Field: "document", New: "Angebot.pdf"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries := []api.HistoryEntry{{ID: "1", Changes: []api.FieldChange{tc.change}}}
			if err := nameLinks(context.Background(), nil, entries, (&fakeNames{}).names); err != nil {
				t.Fatal(err)
			}
			if got := entries[0].Changes[0]; got != tc.want {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestNameLinksAsksOncePerRecordTypeForTheLinkedIDs(t *testing.T) {
	entries := []api.HistoryEntry{
		{ID: "2", Changes: []api.FieldChange{
			{Field: "person", Old: visibleID, New: hidden.String(), RecordType: api.RecordPerson},
			{Field: "lastName", Old: unnamed.String(), New: "Berg"}, // not a link: its value is no record
		}},
		{ID: "1", Changes: []api.FieldChange{
			{Field: "organization", Old: "Acme GmbH", New: orgOnly.String(), RecordType: api.RecordOrganization},
			{Field: "person", New: visibleID, RecordType: api.RecordPerson},
		}},
	}
	f := &fakeNames{}
	if err := nameLinks(context.Background(), nil, entries, f.names); err != nil {
		t.Fatal(err)
	}
	wantCalls := map[api.RecordType]int{api.RecordPerson: 1, api.RecordOrganization: 1}
	want := map[api.RecordType]map[uuid.UUID]bool{api.RecordPerson: {visible: true, hidden: true}, api.RecordOrganization: {orgOnly: true}}
	if !maps.Equal(f.calls, wantCalls) || !maps.EqualFunc(f.asked, want, maps.Equal) {
		t.Fatalf("asked %v in %v calls, want %v in %v", f.asked, f.calls, want, wantCalls)
	}
	wantEntries := []api.HistoryEntry{
		{ID: "2", Changes: []api.FieldChange{
			{Field: "person", Old: "Anna Berg", NewHidden: true, RecordType: api.RecordPerson},
			{Field: "lastName", Old: unnamed.String(), New: "Berg"},
		}},
		{ID: "1", Changes: []api.FieldChange{
			{Field: "organization", OldHidden: true, New: "Acme GmbH", RecordType: api.RecordOrganization},
			{Field: "person", New: "Anna Berg", RecordType: api.RecordPerson},
		}},
	}
	if !reflect.DeepEqual(entries, wantEntries) {
		t.Fatalf("got  %+v\nwant %+v", entries, wantEntries)
	}
}

func TestNameLinksAsksNothingWithoutLinks(t *testing.T) {
	entries := []api.HistoryEntry{{ID: "1", Changes: []api.FieldChange{{Field: "title", Old: "A", New: "B"},
		{Field: "person", Old: "Anna Alt", RecordType: api.RecordPerson}}}}
	f := &fakeNames{}
	if err := nameLinks(context.Background(), nil, entries, f.names); err != nil {
		t.Fatal(err)
	}
	if len(f.asked) != 0 {
		t.Fatalf("asked %v, want nothing", f.asked)
	}
	if got := entries[0].Changes[1]; got.Old != "" || !got.OldHidden {
		t.Fatalf("legacy name %+v, want hidden", got)
	}
}

func TestNameLinksPassesTheNamingErrorOn(t *testing.T) {
	boom := errors.New("names: connection lost")
	entries := []api.HistoryEntry{{ID: "1", Changes: []api.FieldChange{{Field: "person", New: visibleID, RecordType: api.RecordPerson}}}}
	if err := nameLinks(context.Background(), nil, entries, (&fakeNames{err: boom}).names); !errors.Is(err, boom) {
		t.Fatalf("got %v, want %v", err, boom)
	}
}
