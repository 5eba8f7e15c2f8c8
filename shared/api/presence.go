package api

import "time"

// Presence (issue 14): which record each signed-in desktop session has open, so that a record's page names the
// other users who have it open now. A change of who has a record open reaches the record's viewers as a
// ChangeEvent of TopicPresence (ParentType and ParentID name the record).

// PresenceRenewal is how often a desktop renews the open record of its session (PUT /api/v1/presence); an entry
// that was not renewed for PresenceFresh no longer counts, so a desktop that vanished drops out by itself.
const (
	PresenceRenewal = 30 * time.Second
	PresenceFresh   = 90 * time.Second
)

// PresenceOpen names the record the caller's session shows now (PUT /api/v1/presence).
type PresenceOpen struct {
	RecordType RecordType `json:"recordType"`
	RecordID   string     `json:"recordId"`
}

// PresenceUser is another user who has a record open.
type PresenceUser struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// PresenceList lists the other users who have a record open now and may see it, by name (GET
// /api/v1/<kind>/{recordID}/presence); never the caller.
type PresenceList struct {
	Items []PresenceUser `json:"items"`
}
