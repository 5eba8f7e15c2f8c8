package api

import "time"

// The notification centre (issue 14): what happened that concerns the reader, derived by the server from the change
// feed, kept with its read state per user (GET /api/v1/notifications).

// NotificationKind says what a notification is about.
type NotificationKind string

const (
	// NotificationLeadAssigned: a user gave the reader a lead (created it for them or made them its owner).
	NotificationLeadAssigned NotificationKind = "lead_assigned"
	// NotificationLeadDelivered: a lead source delivered a lead that its rules gave to the reader.
	NotificationLeadDelivered NotificationKind = "lead_delivered"
	// NotificationDealAssigned: a user gave the reader a deal.
	NotificationDealAssigned NotificationKind = "deal_assigned"
	// NotificationDealWon and NotificationDealLost: another user won or lost a deal of the reader's team (its
	// owner sits in the reader's unit or below it) that the reader may see.
	NotificationDealWon  NotificationKind = "deal_won"
	NotificationDealLost NotificationKind = "deal_lost"
	// NotificationActivityAssigned: a user gave the reader an activity.
	NotificationActivityAssigned NotificationKind = "activity_assigned"
	// NotificationActivityDue: an open activity of the reader is due within 15 minutes (DueAt says when).
	NotificationActivityDue NotificationKind = "activity_due"
	// NotificationDocumentStored: the reader's upload finished (FileName names the document).
	NotificationDocumentStored NotificationKind = "document_stored"
)

// AllNotificationKinds lists every NotificationKind.
var AllNotificationKinds = []NotificationKind{NotificationLeadAssigned, NotificationLeadDelivered,
	NotificationDealAssigned, NotificationDealWon, NotificationDealLost, NotificationActivityAssigned,
	NotificationActivityDue, NotificationDocumentStored}

// MaxNotificationPage is the largest page of GET /api/v1/notifications (and the most IDs one read marks).
const MaxNotificationPage = 100

// Notification is one notification of the reader. Its record is named as the reader may see it now: a notification
// whose record the reader can no longer see (it was reassigned, trashed or the role changed) is left out.
type Notification struct {
	ID   string           `json:"id"`
	Kind NotificationKind `json:"kind"`
	// RecordType and RecordID name the record to open: the deal, lead or activity; for an upload, the record the
	// document belongs to.
	RecordType RecordType `json:"recordType"`
	RecordID   string     `json:"recordId"`
	RecordName string     `json:"recordName"`
	// FileName is the uploaded document's name (document_stored).
	FileName string `json:"fileName,omitempty"`
	// DueAt is when the activity is due (activity_due).
	DueAt *time.Time `json:"dueAt,omitempty" ts_type:"string"`
	// ActorName is who did it: the user, or for a delivered lead the lead source; "" for the system.
	ActorName string    `json:"actorName"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	Read      bool      `json:"read"`
}

// NotificationPage is a page of the reader's notifications, newest first; NextCursor ("" on the last page) asks
// for older ones. UnreadCount counts all the reader's unread notifications (of records they may see).
type NotificationPage struct {
	Items       []Notification `json:"items"`
	NextCursor  string         `json:"nextCursor"`
	UnreadCount int            `json:"unreadCount"`
}

// NotificationRead marks notifications of the reader as read (POST /api/v1/notifications/read): at most
// MaxNotificationPage IDs; IDs that are not the reader's are ignored.
type NotificationRead struct {
	IDs []string `json:"ids"`
}

// NotificationCount is the reader's unread count after marking notifications read.
type NotificationCount struct {
	UnreadCount int `json:"unreadCount"`
}
