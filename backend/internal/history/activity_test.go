package history

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/shared/api"
)

func TestListedRefusesFieldsTheRecordTypeDoesNotList(t *testing.T) {
	for _, tc := range []struct {
		rt    api.RecordType
		field string
		ok    bool
	}{
		{api.RecordPerson, "lastName", true},
		{api.RecordDeal, "custom.f1", true},
		{api.RecordLead, "activity", true},
		{api.RecordDeal, "lastName", false},
		{api.RecordPerson, "somethingNew", false},
		{api.RecordActivity, "title", false},
	} {
		err := listed(tc.rt, []storedChange{{FieldChange: api.FieldChange{Field: tc.field}}})
		if (err == nil) != tc.ok {
			t.Errorf("%s %s: %v", tc.rt, tc.field, err)
		}
	}
}

func TestHideActivitiesEmptiesTheTitlesTheReaderMayNotSee(t *testing.T) {
	seen, unseen, assignee := uuid.New(), uuid.New(), uuid.New()
	title := func(id uuid.UUID, text string) []storedChange {
		return []storedChange{{FieldChange: api.FieldChange{Field: "activity", New: text}, ActivityID: &id, AssigneeID: &assignee},
			{FieldChange: api.FieldChange{Field: "activityType", New: "Anruf"}}}
	}
	stored := [][]storedChange{title(seen, "Rückruf"), title(unseen, "Geheim"), {{FieldChange: api.FieldChange{Field: "title", New: "Deal"}}}}
	entries := make([]api.HistoryEntry, len(stored))
	for i, s := range stored {
		for _, c := range s {
			entries[i].Changes = append(entries[i].Changes, c.FieldChange)
		}
	}
	var asked map[uuid.UUID]uuid.UUID
	visible := func(_ context.Context, _ bun.IDB, m map[uuid.UUID]uuid.UUID) (map[uuid.UUID]bool, error) {
		asked = m
		return map[uuid.UUID]bool{seen: true}, nil
	}
	if err := hideActivities(context.Background(), nil, entries, stored, visible); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[seen] != assignee || asked[unseen] != assignee {
		t.Fatalf("asked %v", asked)
	}
	if c := entries[0].Changes[0]; c.New != "Rückruf" || c.NewHidden {
		t.Errorf("seen %+v", c)
	}
	if c := entries[1].Changes[0]; c.New != "" || !c.NewHidden {
		t.Errorf("unseen %+v", c)
	}
	if c := entries[1].Changes[1]; c.New != "Anruf" || c.NewHidden {
		t.Errorf("the type %+v", c)
	}
	if c := entries[2].Changes[0]; c.New != "Deal" {
		t.Errorf("no activity %+v", c)
	}
}
