package api

import "time"

// The live workspace: the change feed's stream (GET /api/v1/events), the notification centre and presence.

// ChangeTopic names what an event is about: a record kind, an activity, a note, a document or a setting.
type ChangeTopic string

const (
	TopicPerson       ChangeTopic = "person"
	TopicOrganization ChangeTopic = "organization"
	TopicDeal         ChangeTopic = "deal"
	TopicLead         ChangeTopic = "lead"
	TopicActivity     ChangeTopic = "activity"
	TopicNote         ChangeTopic = "note"
	TopicDocument     ChangeTopic = "document"
	// Pipelines and their stages.
	TopicPipeline     ChangeTopic = "pipeline"
	TopicLostReason   ChangeTopic = "lost_reason"
	TopicActivityType ChangeTopic = "activity_type"
	TopicCustomField  ChangeTopic = "custom_field"
	TopicLeadMapping  ChangeTopic = "lead_mapping"
	TopicLeadSource   ChangeTopic = "lead_source"
	TopicUser         ChangeTopic = "user"
	TopicUnit         ChangeTopic = "unit"
	TopicRole         ChangeTopic = "role"
	TopicSavedFilter  ChangeTopic = "saved_filter"
	// A notification of the reader (the notification centre).
	TopicNotification ChangeTopic = "notification"
	// Who has a record open changed (ParentType and ParentID name the record).
	TopicPresence ChangeTopic = "presence"
	// An import job changed (its status, progress or counts): RecordID is the import's ID; delivered to its
	// importer and to admins.
	TopicImport ChangeTopic = "import"
)

// AllChangeTopics lists every ChangeTopic.
var AllChangeTopics = []ChangeTopic{TopicPerson, TopicOrganization, TopicDeal, TopicLead, TopicActivity, TopicNote,
	TopicDocument, TopicPipeline, TopicLostReason, TopicActivityType, TopicCustomField, TopicLeadMapping,
	TopicLeadSource, TopicUser, TopicUnit, TopicRole, TopicSavedFilter, TopicNotification, TopicPresence, TopicImport}

// ChangeKind says what happened to the subject of an event.
type ChangeKind string

const (
	ChangeCreated ChangeKind = "created"
	ChangeUpdated ChangeKind = "updated"
	// ChangeDeleted: moved to the trash or removed for good.
	ChangeDeleted ChangeKind = "deleted"
	// ChangeRemoved: the record still exists but left the reader's scope (it was given to someone whose records
	// the reader may not see). The reader drops it from what it shows.
	ChangeRemoved ChangeKind = "removed"
)

// AllChangeKinds lists every ChangeKind.
var AllChangeKinds = []ChangeKind{ChangeCreated, ChangeUpdated, ChangeDeleted, ChangeRemoved}

// Server-Sent Event names of GET /api/v1/events. Every event carries an id (the stream position) that resumes
// the stream as Last-Event-ID; heartbeats are comment lines.
const (
	// StreamEventChange carries a ChangeEvent.
	StreamEventChange = "change"
	// StreamEventReady is sent once the stream is live (after a resume: once the missed events were sent); its
	// data is a StreamPosition.
	StreamEventReady = "ready"
	// StreamEventResync says that events were missed that the server no longer keeps (the client was away longer
	// than the retention, or its position is unknown): the client reloads everything it shows. Data: a
	// StreamPosition.
	StreamEventResync = "resync"
)

// ChangeEvent is one change as the stream delivers it: ids and versions, never a record's contents, and only to
// readers who may see the subject at the time of the change.
type ChangeEvent struct {
	// ID is the stream position of the event (Last-Event-ID resumes after it).
	ID       string      `json:"id"`
	Topic    ChangeTopic `json:"topic"`
	RecordID string      `json:"recordId,omitempty"`
	Change   ChangeKind  `json:"change"`
	// Version is the subject's version after the change (records, activities, notes, documents, settings).
	Version int64 `json:"version,omitempty"`
	// ActorID is the user who made the change; empty for the system (a lead source, housekeeping).
	ActorID string `json:"actorId,omitempty"`
	// ParentType and ParentID name the record a note or document belongs to, and the record of a presence event.
	ParentType RecordType `json:"parentType,omitempty"`
	ParentID   string     `json:"parentId,omitempty"`
	At         time.Time  `json:"at" ts_type:"string"`
}

// StreamPosition is the data of the ready and resync events: the position from which the stream goes on.
type StreamPosition struct {
	ID string `json:"id"`
}
