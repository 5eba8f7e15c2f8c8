package api

import "time"

// LeadStatus is open, converted or lost.
type LeadStatus string

const (
	LeadOpen      LeadStatus = "open"
	LeadConverted LeadStatus = "converted"
	LeadLost      LeadStatus = "lost"
)

// AllLeadStatuses lists the statuses.
var AllLeadStatuses = []LeadStatus{LeadOpen, LeadConverted, LeadLost}

// Lead is a prospect moving through a lead pipeline until it is converted into a person and/or an organisation
// (and optionally a deal) or lost.
type Lead struct {
	ID                      string       `json:"id"`
	Title                   string       `json:"title"`
	PersonName              string       `json:"personName"`
	Company                 string       `json:"company"`
	Email                   string       `json:"email"`
	Phone                   string       `json:"phone"`
	Address                 Address      `json:"address"`
	Source                  string       `json:"source"`
	OwnerID                 string       `json:"ownerId"`
	OwnerName               string       `json:"ownerName"`
	PipelineID              string       `json:"pipelineId"`
	StageID                 string       `json:"stageId"`
	StageName               string       `json:"stageName"`
	Status                  LeadStatus   `json:"status"`
	LostReasonID            string       `json:"lostReasonId"`
	LostReasonName          string       `json:"lostReasonName"`
	LostComment             string       `json:"lostComment"`
	ConvertedAt             *time.Time   `json:"convertedAt" ts_type:"string"`
	ConvertedPersonID       string       `json:"convertedPersonId"`
	ConvertedOrganizationID string       `json:"convertedOrganizationId"`
	ConvertedDealID         string       `json:"convertedDealId"`
	Custom                  CustomValues `json:"custom"`
	Version                 int64        `json:"version"`
	CreatedAt               time.Time    `json:"createdAt" ts_type:"string"`
	UpdatedAt               time.Time    `json:"updatedAt" ts_type:"string"`
	// Position is where the address lies (nil while it is being geocoded, or without an address).
	Position *Position `json:"position"`
	// DistanceKm is the distance to the reference of a list's Near condition.
	DistanceKm *float64 `json:"distanceKm,omitempty"`
	// SourceID is the lead source that delivered the lead ("" for leads entered by hand), ExternalID the
	// supplier's own ID for it.
	SourceID   string `json:"sourceId"`
	ExternalID string `json:"externalId"`
	// Details are the fields the source delivered that no lead field takes.
	Details []LeadDetail `json:"details"`
	// PossibleDuplicate: an existing lead, person or organisation the reader may see has the same e-mail address,
	// phone number, or company name and postal code; Duplicates names them (on a single lead, not in lists).
	PossibleDuplicate bool            `json:"possibleDuplicate"`
	Duplicates        []LeadDuplicate `json:"duplicates,omitempty"`
}

// LeadCreate creates an open lead; StageID empty takes the pipeline's first stage.
type LeadCreate struct {
	Title      string       `json:"title"`
	PersonName string       `json:"personName"`
	Company    string       `json:"company"`
	Email      string       `json:"email"`
	Phone      string       `json:"phone"`
	Address    Address      `json:"address"`
	Source     string       `json:"source"`
	OwnerID    string       `json:"ownerId"`
	PipelineID string       `json:"pipelineId"`
	StageID    string       `json:"stageId"`
	Custom     CustomValues `json:"custom"`
}

// LeadPatch changes a lead; Status lost needs a lead LostReasonID. A converted lead keeps its data but cannot be
// moved or lost any more.
type LeadPatch struct {
	Title        *string      `json:"title,omitempty"`
	PersonName   *string      `json:"personName,omitempty"`
	Company      *string      `json:"company,omitempty"`
	Email        *string      `json:"email,omitempty"`
	Phone        *string      `json:"phone,omitempty"`
	Address      *Address     `json:"address,omitempty"`
	Source       *string      `json:"source,omitempty"`
	OwnerID      *string      `json:"ownerId,omitempty"`
	PipelineID   *string      `json:"pipelineId,omitempty"`
	StageID      *string      `json:"stageId,omitempty"`
	Status       *LeadStatus  `json:"status,omitempty"`
	LostReasonID *string      `json:"lostReasonId,omitempty"`
	LostComment  *string      `json:"lostComment,omitempty"`
	Custom       CustomValues `json:"custom,omitempty"`
}

// LeadPage is one page of a lead list.
type LeadPage struct {
	Items       []Lead `json:"items"`
	NextCursor  string `json:"nextCursor"`
	Total       int    `json:"total"`
	TotalCapped bool   `json:"totalCapped"`
}

// ConvertMode says what a conversion does for the person or the organisation.
type ConvertMode string

const (
	ConvertCreate   ConvertMode = "create"
	ConvertExisting ConvertMode = "existing"
	ConvertNone     ConvertMode = "none"
)

// AllConvertModes lists the modes.
var AllConvertModes = []ConvertMode{ConvertCreate, ConvertExisting, ConvertNone}

// ConvertTarget is the person or organisation a lead becomes: a new one (fields from the mapping), an existing
// one the user picked, or none.
type ConvertTarget struct {
	Mode       ConvertMode `json:"mode"`
	ExistingID string      `json:"existingId"`
	// Custom are custom values of a new record (mode create) on top of those the mapping fills: what the user
	// filled in the conversion dialog (its required fields). A key here replaces the mapped value; "" removes it.
	// They are checked like those of the create route (field errors "person.custom.<fieldId>" and so on).
	Custom CustomValues `json:"custom"`
}

// ConvertDeal optionally creates a deal from the lead; Custom are its custom values, checked like those of
// POST /deals.
type ConvertDeal struct {
	PipelineID string       `json:"pipelineId"`
	StageID    string       `json:"stageId"`
	Title      string       `json:"title"`
	Value      string       `json:"value"`
	Custom     CustomValues `json:"custom"`
}

// LeadConvert converts a lead; at least a person or an organisation results.
type LeadConvert struct {
	Person       ConvertTarget `json:"person"`
	Organization ConvertTarget `json:"organization"`
	Deal         *ConvertDeal  `json:"deal,omitempty"`
}

// LeadConversion is what a conversion made.
type LeadConversion struct {
	Lead           Lead   `json:"lead"`
	PersonID       string `json:"personId"`
	OrganizationID string `json:"organizationId"`
	DealID         string `json:"dealId"`
}

// LeadMatches are existing records a lead may be: persons by e-mail or name, organisations by name.
type LeadMatches struct {
	Persons       []Person       `json:"persons"`
	Organizations []Organization `json:"organizations"`
}

// FieldMapping says which lead field fills which person or organisation field on conversion. LeadField is one
// of title, personName, company, email, phone, address, source or custom.<fieldId>; Target is person or
// organization; TargetField one of name, email, phone, address, jobTitle (person), website, industry
// (organisation) or custom.<fieldId> of the target type.
type FieldMapping struct {
	LeadField   string     `json:"leadField"`
	Target      RecordType `json:"target"`
	TargetField string     `json:"targetField"`
}

// FieldMappingList is the whole mapping of a tenant.
type FieldMappingList struct {
	Items []FieldMapping `json:"items"`
}
