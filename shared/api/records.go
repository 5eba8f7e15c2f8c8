package api

import (
	"slices"
	"time"
)

// FieldKind is the type of a custom field.
type FieldKind string

const (
	FieldKindNumber FieldKind = "number"
	FieldKindText   FieldKind = "text"
	FieldKindBool   FieldKind = "bool"
)

// AllFieldKinds lists the kinds of custom fields.
var AllFieldKinds = []FieldKind{FieldKindNumber, FieldKindText, FieldKindBool}

// CustomFieldTypes are the record kinds, in display order: the record types with a table, routes and custom
// fields of their own. This is the one list of them in Go: the backend's kind registry describes each
// (TestRegistryListsTheRecordKinds), AllRecordTypes adds activities, RecordCollection names their routes.
var CustomFieldTypes = []RecordType{RecordPerson, RecordOrganization, RecordDeal, RecordLead}

// RecordCollection is the collection of a record kind's routes (/api/v1/<collection>: its type in the plural),
// "" for a record type that is no record kind.
func RecordCollection(t RecordType) string {
	if !slices.Contains(CustomFieldTypes, t) {
		return ""
	}
	return string(t) + "s"
}

// CustomField is a field admins add to a record type. Removing it archives it: stored values stay and come back
// when it is restored.
type CustomField struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"recordType"`
	Label      string     `json:"label"`
	Kind       FieldKind  `json:"kind"`
	Required   bool       `json:"required"`
	Position   int        `json:"position"`
	Archived   bool       `json:"archived"`
	Version    int64      `json:"version"`
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt  time.Time  `json:"updatedAt" ts_type:"string"`
}

// CustomFieldCreate adds a field at the end of its record type's fields (or at Position when > 0).
type CustomFieldCreate struct {
	RecordType RecordType `json:"recordType"`
	Label      string     `json:"label"`
	Kind       FieldKind  `json:"kind"`
	Required   bool       `json:"required"`
	Position   int        `json:"position"`
}

// CustomFieldPatch changes a field; the kind is fixed once values exist. Archived false restores a removed field.
type CustomFieldPatch struct {
	Label    *string `json:"label,omitempty"`
	Required *bool   `json:"required,omitempty"`
	Position *int    `json:"position,omitempty"`
	Archived *bool   `json:"archived,omitempty"`
}

// CustomFieldList lists fields in order.
type CustomFieldList struct {
	Items []CustomField `json:"items"`
}

// Note is a text on a record.
type Note struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"recordType"`
	RecordID   string     `json:"recordId"`
	Body       string     `json:"body"`
	AuthorID   string     `json:"authorId"`
	AuthorName string     `json:"authorName"`
	// CanEdit and CanDelete tell the UI what the caller may do with it.
	CanEdit   bool      `json:"canEdit"`
	CanDelete bool      `json:"canDelete"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// NoteCreate adds a note.
type NoteCreate struct {
	Body string `json:"body"`
}

// NotePatch changes a note's text.
type NotePatch struct {
	Body *string `json:"body,omitempty"`
}

// NoteList lists a record's notes, newest first.
type NoteList struct {
	Items []Note `json:"items"`
}

// HistoryAction is what happened to a record.
type HistoryAction string

const (
	HistoryCreated     HistoryAction = "created"
	HistoryUpdated     HistoryAction = "updated"
	HistoryDeleted     HistoryAction = "deleted"
	HistoryRestored    HistoryAction = "restored"
	HistoryLinked      HistoryAction = "linked"
	HistoryUnlinked    HistoryAction = "unlinked"
	HistoryNoteAdded   HistoryAction = "note_added"
	HistoryNoteChanged HistoryAction = "note_changed"
	HistoryNoteDeleted HistoryAction = "note_deleted"
	// Documents: the change names the file ({Field: "document", New: file name} or Old when it went).
	HistoryDocumentAdded    HistoryAction = "document_added"
	HistoryDocumentDeleted  HistoryAction = "document_deleted"
	HistoryDocumentRestored HistoryAction = "document_restored"
	// HistoryImported: a lead source (the actor's name is the source's) or a user's file import (the actor is the
	// user) created or changed the record; HistoryEntry.Source names the source or the file.
	HistoryImported HistoryAction = "imported"
	// Activities linked to the record: planned, marked done, opened again, deleted. The changes name the activity
	// (HistoryActivity: its title, empty with NewHidden for a reader who may not see the activity), its type
	// (HistoryActivityType) and when it is due (HistoryActivityDue, RFC 3339).
	HistoryActivityPlanned  HistoryAction = "activity_planned"
	HistoryActivityDone     HistoryAction = "activity_done"
	HistoryActivityReopened HistoryAction = "activity_reopened"
	HistoryActivityDeleted  HistoryAction = "activity_deleted"
)

// AllHistoryActions lists the actions.
var AllHistoryActions = []HistoryAction{HistoryCreated, HistoryUpdated, HistoryDeleted, HistoryRestored, HistoryLinked,
	HistoryUnlinked, HistoryNoteAdded, HistoryNoteChanged, HistoryNoteDeleted, HistoryDocumentAdded, HistoryDocumentDeleted,
	HistoryDocumentRestored, HistoryImported, HistoryActivityPlanned, HistoryActivityDone, HistoryActivityReopened,
	HistoryActivityDeleted}

// FieldChange is one changed field: Field is the stable name (a HistoryField of the record's type, such as
// "lastName", "address.city" or "organization", or "custom.<fieldId>"), Label the custom field's label (empty for standard fields), values in display-neutral text.
// A change of a link to another record (a deal's person, a person's organisation) has RecordType set: its values
// are that record's name as the reader may see it, or empty with OldHidden/NewHidden when the reader may not.
type FieldChange struct {
	Field      string     `json:"field"`
	Label      string     `json:"label"`
	Old        string     `json:"old"`
	New        string     `json:"new"`
	RecordType RecordType `json:"recordType,omitempty"`
	OldHidden  bool       `json:"oldHidden,omitempty"`
	NewHidden  bool       `json:"newHidden,omitempty"`
}

// HistoryEntry is one recorded change.
type HistoryEntry struct {
	ID        string        `json:"id"`
	Action    HistoryAction `json:"action"`
	Changes   []FieldChange `json:"changes"`
	ActorID   string        `json:"actorId"`
	ActorName string        `json:"actorName"`
	// Source says where an imported entry came from: the lead source's name or the import's file name
	// ("importiert aus Kunden.xlsx"); "" for other actions.
	Source string    `json:"source,omitempty"`
	At     time.Time `json:"at" ts_type:"string"`
}

// HistoryList is a record's history, newest first.
type HistoryList struct {
	Items []HistoryEntry `json:"items"`
}

// ConditionOp is the operator of a condition on a custom field (CustomCondition.Op).
type ConditionOp string

const (
	OpEq       ConditionOp = "eq"
	OpNe       ConditionOp = "ne"
	OpGt       ConditionOp = "gt"
	OpGte      ConditionOp = "gte"
	OpLt       ConditionOp = "lt"
	OpLte      ConditionOp = "lte"
	OpContains ConditionOp = "contains"
	// OpIs compares a yes/no field with Value "true" or "false".
	OpIs ConditionOp = "is"
	// OpEmpty and OpSet test whether the field has a value at all (Value ignored).
	OpEmpty ConditionOp = "empty"
	OpSet   ConditionOp = "set"
)

// AllConditionOps lists the operators.
var AllConditionOps = []ConditionOp{OpEq, OpNe, OpGt, OpGte, OpLt, OpLte, OpContains, OpIs, OpEmpty, OpSet}

// ConditionOpsByKind are the operators a condition on a field of each kind may take, in the order the UI offers
// them.
var ConditionOpsByKind = map[FieldKind][]ConditionOp{
	FieldKindNumber: {OpEq, OpNe, OpGt, OpGte, OpLt, OpLte, OpEmpty, OpSet},
	FieldKindText:   {OpContains, OpEq, OpEmpty, OpSet},
	FieldKindBool:   {OpIs, OpEmpty, OpSet},
}

// CustomCondition is a filter on a custom field; ConditionOpsByKind names the operators of each field kind.
type CustomCondition struct {
	FieldID string      `json:"fieldId"`
	Op      ConditionOp `json:"op"`
	Value   string      `json:"value"`
}

// SortKey is what a record list sorts by (ListQuery.Sort: the key, with a leading "-" descending).
type SortKey string

const (
	SortName      SortKey = "name"
	SortCity      SortKey = "city"
	SortCreatedAt SortKey = "createdAt"
	SortUpdatedAt SortKey = "updatedAt"
	// SortDistance needs a nearby condition (ListQuery.Near).
	SortDistance SortKey = "distance"
)

// AllSortKeys lists the sort keys.
var AllSortKeys = []SortKey{SortName, SortCity, SortCreatedAt, SortUpdatedAt, SortDistance}

// OwnerKeyword selects owners by their relation to the caller (ListQuery.Owner, ActivityQuery.Assignee), where a
// user's ID would select one user.
type OwnerKeyword string

const (
	// OwnerMe is the caller.
	OwnerMe OwnerKeyword = "me"
	// OwnerTeam is every user of the caller's unit and the units below it.
	OwnerTeam OwnerKeyword = "team"
)

// AllOwnerKeywords lists the owner keywords.
var AllOwnerKeywords = []OwnerKeyword{OwnerMe, OwnerTeam}

// ListQuery filters, sorts and pages a record list. All conditions combine (AND); empty means "any".
type ListQuery struct {
	// Search matches name, e-mail, phone and organisation name, ignoring case and umlaut spelling (ü = ue).
	Search string `json:"search"`
	// Owner: "" any, an OwnerKeyword ("me", "team") or a user ID.
	Owner          string `json:"owner"`
	OrganizationID string `json:"organizationId"`
	// PostalCode matches from the start ("80" finds 80331).
	PostalCode string `json:"postalCode"`
	City       string `json:"city"`
	Country    string `json:"country"`
	// Dates are inclusive calendar days, YYYY-MM-DD, in Europe/Berlin.
	CreatedFrom string            `json:"createdFrom" input:"date"`
	CreatedTo   string            `json:"createdTo" input:"date"`
	UpdatedFrom string            `json:"updatedFrom" input:"date"`
	UpdatedTo   string            `json:"updatedTo" input:"date"`
	Custom      []CustomCondition `json:"custom"`
	// Deals and leads only: their pipeline, stage and status ("open", "won", "lost", "converted").
	PipelineID string `json:"pipelineId"`
	StageID    string `json:"stageId"`
	Status     string `json:"status"`
	// Deals and leads only: closed (won, lost, converted) in these inclusive days.
	ClosedFrom string `json:"closedFrom" input:"date"`
	ClosedTo   string `json:"closedTo" input:"date"`
	// Deals only: expected close date in these inclusive days.
	CloseDateFrom string `json:"closeDateFrom" input:"date"`
	CloseDateTo   string `json:"closeDateTo" input:"date"`
	// Leads only: delivered by this lead source, and marked as a possible duplicate of a record the caller sees.
	SourceID          string `json:"sourceId"`
	PossibleDuplicate bool   `json:"possibleDuplicate"`
	// Deals and leads only: without any open activity (a next step), whoever it is assigned to. An open activity
	// the caller may not see counts too: the list shows no hidden activity, it only leaves out a record on which
	// someone plans something (docs/api.md, "Dashboard").
	NoOpenActivity bool `json:"noOpenActivity"`
	// Sort: a SortKey, "name" by default; a leading "-" sorts descending.
	Sort   string `json:"sort"`
	Cursor string `json:"cursor"`
	// Limit is the page size, 1 to 200, default 50.
	Limit int `json:"limit"`
	// Near keeps the records within a radius of a record, an address or a point (see Near). With it Sort may also
	// be "distance" (or "-distance"), which is then the default.
	Near *Near `json:"near,omitempty"`
	// DeferTotal: the page does not count past itself. When more pages follow it answers its own length with
	// TotalCapped, and the list asks POST /api/v1/<kind>/count for the total after showing the page, so that a
	// count never makes the page wait.
	DeferTotal bool `json:"deferTotal,omitempty"`
}

// ListTotal is the total of a list (POST /api/v1/<kind>/count with the list's ListQuery): the matching records
// counted up to a cap; TotalCapped says the real number is higher.
type ListTotal struct {
	Total       int  `json:"total"`
	TotalCapped bool `json:"totalCapped"`
}

// SavedFilter is a named ListQuery (without cursor) a user keeps; a shared one is offered to everyone in the
// tenant, and always shows each user only what they may see.
type SavedFilter struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"recordType"`
	Name       string     `json:"name"`
	Query      ListQuery  `json:"query"`
	Shared     bool       `json:"shared"`
	OwnerID    string     `json:"ownerId"`
	OwnerName  string     `json:"ownerName"`
	Version    int64      `json:"version"`
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt  time.Time  `json:"updatedAt" ts_type:"string"`
}

// SavedFilterCreate saves a filter.
type SavedFilterCreate struct {
	RecordType RecordType `json:"recordType"`
	Name       string     `json:"name"`
	Query      ListQuery  `json:"query"`
	Shared     bool       `json:"shared"`
}

// SavedFilterPatch changes a saved filter (its owner only).
type SavedFilterPatch struct {
	Name   *string    `json:"name,omitempty"`
	Query  *ListQuery `json:"query,omitempty"`
	Shared *bool      `json:"shared,omitempty"`
}

// SavedFilterList lists the caller's own and the shared filters of a record type.
type SavedFilterList struct {
	Items []SavedFilter `json:"items"`
}

// SearchResult is the answer of the global search box.
type SearchResult struct {
	Persons       []Person       `json:"persons"`
	Organizations []Organization `json:"organizations"`
}

// TrashItem is a deleted record that can be restored until PurgeAt.
type TrashItem struct {
	RecordType    RecordType `json:"recordType"`
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	DeletedAt     time.Time  `json:"deletedAt" ts_type:"string"`
	DeletedByName string     `json:"deletedByName"`
	PurgeAt       time.Time  `json:"purgeAt" ts_type:"string"`
}

// TrashList lists deleted records the caller may restore, newest first.
type TrashList struct {
	Items []TrashItem `json:"items"`
}
