package feed

import (
	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/shared/api"
)

// everyone are the topics every user of the tenant may see: the settings every screen reads (pipelines, field
// definitions, the users and units the owner pickers show).
var everyone = map[api.ChangeTopic]bool{
	api.TopicPipeline: true, api.TopicLostReason: true, api.TopicActivityType: true, api.TopicCustomField: true,
	api.TopicLeadMapping: true, api.TopicUser: true, api.TopicUnit: true, api.TopicRole: true,
}

// ownerOnly are the topics of a user's own rows (owner_id is the user).
var ownerOnly = map[api.ChangeTopic]bool{api.TopicNotification: true, api.TopicSavedFilter: true}

// recordKinds are the parents a note, document or presence may belong to.
var recordKinds = map[api.RecordType]bool{api.RecordPerson: true, api.RecordOrganization: true,
	api.RecordDeal: true, api.RecordLead: true}

// scope decides whether a, with the tenant's users' units u, may see e, and how: the event itself, a removal
// (the change gave the subject to an owner whose records a may not see, while a saw it before), or nothing. It is
// the stream's counterpart of access.Actor.Restrict: the same grants decide, by the owner the event names. A topic
// it does not know goes to nobody.
func scope(a *access.Actor, u units, e *Event) (api.ChangeEvent, bool) {
	topic := e.Topic
	switch {
	case everyone[topic]:
		return e.public(), true
	case topic == api.TopicLeadSource:
		return e.public(), a.IsAdmin
	case ownerOnly[topic]:
		return e.public(), e.OwnerID != nil && *e.OwnerID == a.UserID
	case topic == api.TopicImport:
		// An import's progress: its importer's, and the admins' (who may look at every import).
		return e.public(), a.IsAdmin || e.OwnerID != nil && *e.OwnerID == a.UserID
	}
	var rt api.RecordType
	switch topic {
	case api.TopicPerson, api.TopicOrganization, api.TopicDeal, api.TopicLead:
		rt = api.RecordType(topic)
	case api.TopicActivity:
		rt = api.RecordActivity
	case api.TopicNote, api.TopicDocument, api.TopicPresence:
		if e.ParentType == nil || !recordKinds[*e.ParentType] {
			return api.ChangeEvent{}, false
		}
		rt = *e.ParentType
	default:
		return api.ChangeEvent{}, false
	}
	sees := func(owner *uuid.UUID) bool {
		return owner != nil && a.Allows(rt, api.ActionView, *owner, u[*owner])
	}
	if sees(e.OwnerID) {
		return e.public(), true
	}
	if sees(e.OldOwnerID) {
		out := e.public()
		out.Change, out.Version = api.ChangeRemoved, 0
		return out, true
	}
	return api.ChangeEvent{}, false
}
