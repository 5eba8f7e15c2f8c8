package app

import (
	"context"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Records holds what every record type shares: notes, history, the trash, the custom field definitions, saved
// filters and presence. Record types cross the bridge as api.RecordType ("person", "organization", ...).
type Records struct{ c *core }

// ListNotes lists a record's notes, newest first.
func (s *Records) ListNotes(recordType api.RecordType, recordID string) (api.NoteList, error) {
	return client.Get[api.NoteList](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "notes"), nil)
}

func (s *Records) AddNote(recordType api.RecordType, recordID string, in api.NoteCreate) (api.Note, error) {
	return client.Create[api.Note](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "notes"), in)
}

func (s *Records) UpdateNote(id string, version int64, patch api.NotePatch) (api.Note, error) {
	return client.Patch[api.Note](s.c.ctx, s.c, client.Path("notes", id), version, patch)
}

func (s *Records) DeleteNote(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("notes", id), version)
}

// CountRecords answers the bounded total of a record list (its ListQuery), which the list asks for after showing its
// first page (ListQuery.DeferTotal).
func (s *Records) CountRecords(recordType api.RecordType, q api.ListQuery) (api.ListTotal, error) {
	return client.Read[api.ListTotal](s.c.ctx, s.c, client.RecordPath(recordType, "count"), q)
}

// History lists a record's recorded changes, newest first.
func (s *Records) History(recordType api.RecordType, recordID string) (api.HistoryList, error) {
	return client.Get[api.HistoryList](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "history"), nil)
}

// Trash lists the deleted records the caller may restore; recordType "" means every type.
func (s *Records) Trash(recordType api.RecordType) (api.TrashList, error) {
	return client.Get[api.TrashList](s.c.ctx, s.c, client.Path("trash"), client.Query("recordType", string(recordType)))
}

// ListCustomFields lists a record type's custom fields in order; archived ones only with includeArchived.
func (s *Records) ListCustomFields(recordType api.RecordType, includeArchived bool) (api.CustomFieldList, error) {
	return client.Get[api.CustomFieldList](s.c.ctx, s.c, client.Path("custom-fields"),
		client.Query("recordType", string(recordType), "archived", client.Flag(includeArchived)))
}

// ListSavedFilters lists the caller's own and the shared filters of a record type.
func (s *Records) ListSavedFilters(recordType api.RecordType) (api.SavedFilterList, error) {
	return client.Get[api.SavedFilterList](s.c.ctx, s.c, client.Path("saved-filters"),
		client.Query("recordType", string(recordType)))
}

func (s *Records) CreateSavedFilter(in api.SavedFilterCreate) (api.SavedFilter, error) {
	return client.Create[api.SavedFilter](s.c.ctx, s.c, client.Path("saved-filters"), in)
}

func (s *Records) UpdateSavedFilter(id string, version int64, patch api.SavedFilterPatch) (api.SavedFilter, error) {
	return client.Patch[api.SavedFilter](s.c.ctx, s.c, client.Path("saved-filters", id), version, patch)
}

func (s *Records) DeleteSavedFilter(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("saved-filters", id), version)
}

// OpenRecord says that this desktop shows the record now; the record page calls it when it opens and every
// api.PresenceRenewal after, and others see the user on the record for api.PresenceFresh after the last call.
func (s *Records) OpenRecord(recordType api.RecordType, recordID string) error {
	s.c.recordOpen.Store(true)
	_, err := client.Put[struct{}](s.c.ctx, s.c, client.Path("presence"), api.PresenceOpen{RecordType: recordType, RecordID: recordID})
	return err
}

// LeaveRecord says that this desktop shows no record (the record page was left).
func (s *Records) LeaveRecord() error {
	s.c.recordOpen.Store(false)
	_, err := client.Unlink[struct{}](s.c.ctx, s.c, client.Path("presence"))
	return err
}

// RecordPresence lists the other users who have the record open now, by name.
func (s *Records) RecordPresence(recordType api.RecordType, recordID string) (api.PresenceList, error) {
	return client.Get[api.PresenceList](s.c.ctx, s.c, client.RecordPath(recordType, recordID, "presence"), nil)
}

// leaveRecord is LeaveRecord for a desktop that closes with a record page open (the page is gone without saying
// so): otherwise others would see the user on the record until the entry is stale. Best effort, and bounded, as
// the window is closed already.
func (c *core) leaveRecord() {
	if !c.recordOpen.Swap(false) {
		return
	}
	ctx, cancel := context.WithTimeout(c.ctx, 2*time.Second)
	defer cancel()
	if _, err := client.Unlink[struct{}](ctx, c, client.Path("presence")); err != nil {
		c.log.Info("leaving the open record at shutdown failed", "err", err)
	}
}
