package api

import "time"

// LeadSource is a supplier or channel that delivers leads by itself through the intake API
// (POST /api/v1/intake/{sourceId}/leads), e.g. the lead supplier 1leads, a web form or a trade fair app.
type LeadSource struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Active: a paused source's deliveries are refused (409 intake.source_paused) and nothing is written.
	Active     bool   `json:"active"`
	PipelineID string `json:"pipelineId"`
	StageID    string `json:"stageId"`
	// FallbackOwnerID owns the leads no rule assigns (and those of rules whose assignees are all deactivated).
	FallbackOwnerID   string `json:"fallbackOwnerId"`
	FallbackOwnerName string `json:"fallbackOwnerName"`
	// Mapping says which of the source's field names fills which lead field; the fields it does not name are kept
	// with the lead as further details.
	Mapping []SourceFieldMapping `json:"mapping"`
	// Rules assign a new lead to an owner: the first whose condition the lead's address meets decides.
	Rules []AssignmentRule `json:"rules"`
	// Signed: deliveries must carry an HMAC-SHA256 signature made with the source's signing secret.
	Signed bool `json:"signed"`
	// RateLimit is how many deliveries (requests) a minute the source may make; more get 429 with Retry-After.
	RateLimit      int        `json:"rateLimit"`
	LastDeliveryAt *time.Time `json:"lastDeliveryAt" ts_type:"string"`
	Version        int64      `json:"version"`
	CreatedAt      time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt      time.Time  `json:"updatedAt" ts_type:"string"`
}

// LeadSourceList lists a tenant's sources by name.
type LeadSourceList struct {
	Items []LeadSource `json:"items"`
}

// LeadSourceCreate creates a source. An empty Mapping takes the default mapping (German and English names: Firma, company, Vorname, first_name, PLZ, ...), an empty
// StageID the pipeline's first stage, RateLimit 0 the default (120 a minute).
type LeadSourceCreate struct {
	Name            string               `json:"name"`
	Active          bool                 `json:"active"`
	PipelineID      string               `json:"pipelineId"`
	StageID         string               `json:"stageId"`
	FallbackOwnerID string               `json:"fallbackOwnerId"`
	Mapping         []SourceFieldMapping `json:"mapping"`
	Rules           []AssignmentRule     `json:"rules"`
	RateLimit       int                  `json:"rateLimit"`
}

// LeadSourcePatch changes a source; Mapping and Rules replace the whole list when present (an empty list clears it).
type LeadSourcePatch struct {
	Name            *string               `json:"name,omitempty"`
	Active          *bool                 `json:"active,omitempty"`
	PipelineID      *string               `json:"pipelineId,omitempty"`
	StageID         *string               `json:"stageId,omitempty"`
	FallbackOwnerID *string               `json:"fallbackOwnerId,omitempty"`
	Mapping         *[]SourceFieldMapping `json:"mapping,omitempty"`
	Rules           *[]AssignmentRule     `json:"rules,omitempty"`
	RateLimit       *int                  `json:"rateLimit,omitempty"`
}

// IntakeTarget is the lead field a source's field fills.
type IntakeTarget string

const (
	IntakeTitle      IntakeTarget = "title"
	IntakePersonName IntakeTarget = "personName"
	// IntakeFirstName and IntakeLastName are joined into the person's name ("Anna Schulz").
	IntakeFirstName  IntakeTarget = "firstName"
	IntakeLastName   IntakeTarget = "lastName"
	IntakeCompany    IntakeTarget = "company"
	IntakeEmail      IntakeTarget = "email"
	IntakePhone      IntakeTarget = "phone"
	IntakeStreet     IntakeTarget = "street"
	IntakePostalCode IntakeTarget = "postalCode"
	IntakeCity       IntakeTarget = "city"
	IntakeCountry    IntakeTarget = "country"
	// IntakeSource is the channel the supplier names ("Messe München"); without it the lead's source is the
	// source's name.
	IntakeSource IntakeTarget = "source"
	// IntakeDetail keeps the field as a further detail of the lead (what unmapped fields are too).
	IntakeDetail IntakeTarget = "detail"
	// IntakeIgnore drops the field.
	IntakeIgnore IntakeTarget = "ignore"
)

// AllIntakeTargets lists the standard targets; a custom field of leads is the target "custom.<fieldId>".
var AllIntakeTargets = []IntakeTarget{IntakeTitle, IntakePersonName, IntakeFirstName, IntakeLastName, IntakeCompany,
	IntakeEmail, IntakePhone, IntakeStreet, IntakePostalCode, IntakeCity, IntakeCountry, IntakeSource, IntakeDetail,
	IntakeIgnore}

// SourceFieldMapping maps the source's field From (compared without regard to case, spaces, "-", "_" and umlaut
// spelling) to a lead field: an IntakeTarget or "custom.<fieldId>".
type SourceFieldMapping struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// AssignmentRule assigns a lead whose address meets its condition to a user, or in turn to the active users of a
// unit (round robin). The condition: the postal code lies in PostalFrom..PostalTo (digit strings of one length,
// compared with as many leading digits of the lead's postal code: "20".."29" or "20000".."29999" is the PLZ area
// 2) and the country is one of Countries (ISO codes); an empty part always holds, so a rule without either takes
// every lead.
type AssignmentRule struct {
	PostalFrom string   `json:"postalFrom"`
	PostalTo   string   `json:"postalTo"`
	Countries  []string `json:"countries"`
	// Exactly one of UserID and UnitID.
	UserID   string `json:"userId"`
	UnitID   string `json:"unitId"`
	UserName string `json:"userName"`
	UnitName string `json:"unitName"`
}

// LeadSourceKey is an API key of a source (its secret is shown once, when it is created, and stored as a hash).
type LeadSourceKey struct {
	ID string `json:"id"`
	// Prefix is the key's first characters, to tell keys apart.
	Prefix        string     `json:"prefix"`
	CreatedAt     time.Time  `json:"createdAt" ts_type:"string"`
	CreatedByName string     `json:"createdByName"`
	LastUsedAt    *time.Time `json:"lastUsedAt" ts_type:"string"`
	RevokedAt     *time.Time `json:"revokedAt" ts_type:"string"`
}

// LeadSourceKeyList lists a source's keys, newest first.
type LeadSourceKeyList struct {
	Items []LeadSourceKey `json:"items"`
}

// LeadSourceKeyCreated is a new key with its secret, which is never shown again.
type LeadSourceKeyCreated struct {
	Key    LeadSourceKey `json:"key"`
	Secret string        `json:"secret"`
}

// SigningSecret is a source's new signing secret, shown once. A signed delivery sends the headers
// X-Signature-Timestamp (Unix seconds) and X-Signature ("sha256=" and the hex HMAC-SHA256, keyed with the secret,
// of the timestamp, a ".", and the body); one older or newer than 5 minutes is refused.
type SigningSecret struct {
	Secret string `json:"secret"`
}

// IntakeLead is one lead a source delivers: the supplier's own ID for it, and its fields by the source's names.
// A field's value is a string, a number or a boolean (taken as its text).
type IntakeLead struct {
	ExternalID string         `json:"externalId"`
	Fields     map[string]any `json:"fields"`
}

// IntakeBatch is a delivery of 1 to 500 leads. A delivery of one lead may also send the IntakeLead itself.
type IntakeBatch struct {
	Leads []IntakeLead `json:"leads"`
}

// IntakeItemStatus is what a delivery did with one lead.
type IntakeItemStatus string

const (
	IntakeCreated   IntakeItemStatus = "created"
	IntakeUpdated   IntakeItemStatus = "updated"
	IntakeUnchanged IntakeItemStatus = "unchanged"
	IntakeRejected  IntakeItemStatus = "rejected"
)

// AllIntakeItemStatuses lists the statuses.
var AllIntakeItemStatuses = []IntakeItemStatus{IntakeCreated, IntakeUpdated, IntakeUnchanged, IntakeRejected}

// IntakeItemResult is the outcome of one lead of a delivery, in the order delivered. A rejected one has Fields:
// the source's field names (or "externalId") with what is wrong with them.
type IntakeItemResult struct {
	Index             int                  `json:"index"`
	ExternalID        string               `json:"externalId"`
	Status            IntakeItemStatus     `json:"status"`
	LeadID            string               `json:"leadId,omitempty"`
	Fields            map[string]FieldCode `json:"fields,omitempty"`
	PossibleDuplicate bool                 `json:"possibleDuplicate,omitempty"`
}

// IntakeResult is the answer to a delivery: every lead's outcome and the counts.
type IntakeResult struct {
	Items     []IntakeItemResult `json:"items"`
	Created   int                `json:"created"`
	Updated   int                `json:"updated"`
	Unchanged int                `json:"unchanged"`
	Rejected  int                `json:"rejected"`
}

// LeadDelivery is a delivery a source made, for the admin to follow (the last 50 are kept).
type LeadDelivery struct {
	ID         string    `json:"id"`
	At         time.Time `json:"at" ts_type:"string"`
	Status     int       `json:"status"`
	Code       ErrorCode `json:"code"`
	Items      int       `json:"items"`
	Created    int       `json:"created"`
	Updated    int       `json:"updated"`
	Unchanged  int       `json:"unchanged"`
	Rejected   int       `json:"rejected"`
	DurationMs int       `json:"durationMs"`
	// Rejections are the rejected leads (at most 20), with field codes and never field values.
	Rejections []IntakeItemResult `json:"rejections"`
}

// LeadDeliveryList lists a source's last deliveries, newest first.
type LeadDeliveryList struct {
	Items []LeadDelivery `json:"items"`
}

// LeadSourcePreviewRequest is a test payload, as the source would send it (a batch or one lead, JSON text).
type LeadSourcePreviewRequest struct {
	Payload string `json:"payload"`
}

// LeadSourcePreview is what the source's mapping and rules make of a test payload; nothing is written.
type LeadSourcePreview struct {
	Items []LeadPreviewItem `json:"items"`
}

// LeadPreviewItem is one lead of a preview: the lead as it would be stored, or the field codes that reject it.
type LeadPreviewItem struct {
	ExternalID string               `json:"externalId"`
	Fields     map[string]FieldCode `json:"fields"`
	Lead       Lead                 `json:"lead"`
}

// LeadDetail is a field of a lead that its source delivered and no lead field takes ("further details").
type LeadDetail struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// DuplicateReason says why a record may be the same as a lead.
type DuplicateReason string

const (
	DuplicateEmail   DuplicateReason = "email"
	DuplicatePhone   DuplicateReason = "phone"
	DuplicateCompany DuplicateReason = "company"
)

// AllDuplicateReasons lists the reasons.
var AllDuplicateReasons = []DuplicateReason{DuplicateEmail, DuplicatePhone, DuplicateCompany}

// LeadDuplicate is an existing lead, person or organisation a lead may duplicate (only those the reader may see).
type LeadDuplicate struct {
	RecordType RecordType      `json:"recordType"`
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Reason     DuplicateReason `json:"reason"`
}
