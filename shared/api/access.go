package api

import "slices"

// RecordType names a kind of CRM record that roles grant access to. Notes and documents follow their record.
type RecordType string

const (
	RecordPerson       RecordType = "person"
	RecordOrganization RecordType = "organization"
	RecordDeal         RecordType = "deal"
	RecordLead         RecordType = "lead"
	RecordActivity     RecordType = "activity"
)

// AllRecordTypes lists the record types in display order.
var AllRecordTypes = append(slices.Clip(CustomFieldTypes), RecordActivity)

// Action is what a user does to a record.
type Action string

const (
	ActionView   Action = "view"
	ActionCreate Action = "create"
	ActionEdit   Action = "edit"
	ActionDelete Action = "delete"
	ActionExport Action = "export"
)

// AllActions lists the actions in display order.
var AllActions = []Action{ActionView, ActionCreate, ActionEdit, ActionDelete, ActionExport}

// Scope is how far a grant reaches: nothing, the user's own records, the records of the user's unit and the units
// below it, or every record of the tenant.
type Scope string

const (
	ScopeNone Scope = "none"
	ScopeOwn  Scope = "own"
	ScopeUnit Scope = "unit"
	ScopeAll  Scope = "all"
)

// AllScopes lists the scopes from narrowest to widest.
var AllScopes = []Scope{ScopeNone, ScopeOwn, ScopeUnit, ScopeAll}

// Grant is one cell of a role's permission matrix. A missing cell means ScopeNone.
type Grant struct {
	RecordType RecordType `json:"recordType"`
	Action     Action     `json:"action"`
	Scope      Scope      `json:"scope"`
}
