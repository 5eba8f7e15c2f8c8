package app

import "github.com/1sales/app/shared/api"

// Records holds what every record type shares: notes, history, the trash, the custom field definitions and saved
// filters. Record types cross the bridge as api.RecordType ("person", "organization", ...).
type Records struct{ c *core }

// ListNotes lists a record's notes, newest first.
func (s *Records) ListNotes(recordType api.RecordType, recordID string) (api.NoteList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.NoteList{}, err
	}
	return cl.ListNotes(s.c.ctx, recordType, recordID)
}

func (s *Records) AddNote(recordType api.RecordType, recordID string, in api.NoteCreate) (api.Note, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Note{}, err
	}
	return cl.AddNote(s.c.ctx, recordType, recordID, in)
}

func (s *Records) UpdateNote(id string, version int64, patch api.NotePatch) (api.Note, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Note{}, err
	}
	return cl.UpdateNote(s.c.ctx, id, version, patch)
}

func (s *Records) DeleteNote(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteNote(s.c.ctx, id, version)
}

// History lists a record's recorded changes, newest first.
func (s *Records) History(recordType api.RecordType, recordID string) (api.HistoryList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.HistoryList{}, err
	}
	return cl.History(s.c.ctx, recordType, recordID)
}

// Trash lists the deleted records the caller may restore; recordType "" means every type.
func (s *Records) Trash(recordType api.RecordType) (api.TrashList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.TrashList{}, err
	}
	return cl.Trash(s.c.ctx, recordType)
}

// ListCustomFields lists a record type's custom fields in order; archived ones only with includeArchived.
func (s *Records) ListCustomFields(recordType api.RecordType, includeArchived bool) (api.CustomFieldList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.CustomFieldList{}, err
	}
	return cl.ListCustomFields(s.c.ctx, recordType, includeArchived)
}

// ListSavedFilters lists the caller's own and the shared filters of a record type.
func (s *Records) ListSavedFilters(recordType api.RecordType) (api.SavedFilterList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.SavedFilterList{}, err
	}
	return cl.ListSavedFilters(s.c.ctx, recordType)
}

func (s *Records) CreateSavedFilter(in api.SavedFilterCreate) (api.SavedFilter, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.SavedFilter{}, err
	}
	return cl.CreateSavedFilter(s.c.ctx, in)
}

func (s *Records) UpdateSavedFilter(id string, version int64, patch api.SavedFilterPatch) (api.SavedFilter, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.SavedFilter{}, err
	}
	return cl.UpdateSavedFilter(s.c.ctx, id, version, patch)
}

func (s *Records) DeleteSavedFilter(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteSavedFilter(s.c.ctx, id, version)
}
