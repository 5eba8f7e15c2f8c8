package api

// HistoryField is the name of a field a history entry names (FieldChange.Field), besides custom fields
// ("custom.<fieldId>"). Values are display-neutral text: names as they were at the time (owner, pipeline, stage,
// lost reason), amounts as decimals ("12345.67"), days as YYYY-MM-DD, times as RFC 3339, statuses and salutations
// by their codes, links (HistoryPerson, HistoryOrganization, HistoryDeal) as the linked record's name as the reader
// may see it. The UI has a label and a format for each field of each record type (HistoryFields).
type HistoryField string

const (
	HistorySalutation        HistoryField = "salutation"
	HistoryTitle             HistoryField = "title"
	HistoryFirstName         HistoryField = "firstName"
	HistoryLastName          HistoryField = "lastName"
	HistoryJobTitle          HistoryField = "jobTitle"
	HistoryEmails            HistoryField = "emails"
	HistoryPhones            HistoryField = "phones"
	HistoryName              HistoryField = "name"
	HistoryEmail             HistoryField = "email"
	HistoryPhone             HistoryField = "phone"
	HistoryWebsite           HistoryField = "website"
	HistoryIndustry          HistoryField = "industry"
	HistoryStreet            HistoryField = "address.street"
	HistoryPostalCode        HistoryField = "address.postalCode"
	HistoryCity              HistoryField = "address.city"
	HistoryCountry           HistoryField = "address.country"
	HistoryPersonName        HistoryField = "personName"
	HistoryCompany           HistoryField = "company"
	HistorySource            HistoryField = "source"
	HistoryDetails           HistoryField = "details"
	HistoryValue             HistoryField = "value"
	HistoryCurrency          HistoryField = "currency"
	HistoryExpectedCloseDate HistoryField = "expectedCloseDate"
	HistoryPipeline          HistoryField = "pipeline"
	HistoryStage             HistoryField = "stage"
	HistoryStatus            HistoryField = "status"
	HistoryLostReason        HistoryField = "lostReason"
	HistoryLostComment       HistoryField = "lostComment"
	HistoryOwner             HistoryField = "owner"
	HistoryPerson            HistoryField = "person"
	HistoryOrganization      HistoryField = "organization"
	HistoryDeal              HistoryField = "deal"
	HistoryRole              HistoryField = "role"
	HistoryNote              HistoryField = "note"
	HistoryDocument          HistoryField = "document"
	HistoryActivity          HistoryField = "activity"
	HistoryActivityType      HistoryField = "activityType"
	HistoryActivityDue       HistoryField = "activityDue"
)

// AllHistoryFields lists the fields.
var AllHistoryFields = []HistoryField{HistorySalutation, HistoryTitle, HistoryFirstName, HistoryLastName, HistoryJobTitle,
	HistoryEmails, HistoryPhones, HistoryName, HistoryEmail, HistoryPhone, HistoryWebsite, HistoryIndustry, HistoryStreet,
	HistoryPostalCode, HistoryCity, HistoryCountry, HistoryPersonName, HistoryCompany, HistorySource, HistoryDetails,
	HistoryValue, HistoryCurrency, HistoryExpectedCloseDate, HistoryPipeline, HistoryStage, HistoryStatus,
	HistoryLostReason, HistoryLostComment, HistoryOwner, HistoryPerson, HistoryOrganization, HistoryDeal, HistoryRole,
	HistoryNote, HistoryDocument, HistoryActivity, HistoryActivityType, HistoryActivityDue}

// historyMechanisms are the fields every record kind's history names: notes, documents, activities.
var historyMechanisms = []HistoryField{HistoryNote, HistoryDocument, HistoryActivity, HistoryActivityType, HistoryActivityDue}

// HistoryFields lists, per record kind, every field its history can name, in the order a change lists them. The
// backend records only these (history.Record refuses others); the UI has a label and a format for each.
var HistoryFields = map[RecordType][]HistoryField{
	RecordPerson: append([]HistoryField{HistorySalutation, HistoryTitle, HistoryFirstName, HistoryLastName, HistoryJobTitle,
		HistoryEmails, HistoryPhones, HistoryStreet, HistoryPostalCode, HistoryCity, HistoryCountry, HistoryOwner,
		HistoryOrganization, HistoryRole}, historyMechanisms...),
	RecordOrganization: append([]HistoryField{HistoryName, HistoryStreet, HistoryPostalCode, HistoryCity, HistoryCountry,
		HistoryPhone, HistoryEmail, HistoryWebsite, HistoryIndustry, HistoryOwner, HistoryPerson, HistoryRole},
		historyMechanisms...),
	RecordDeal: append([]HistoryField{HistoryTitle, HistoryValue, HistoryCurrency, HistoryExpectedCloseDate, HistoryPerson,
		HistoryOrganization, HistoryPipeline, HistoryStage, HistoryStatus, HistoryLostReason, HistoryLostComment,
		HistoryOwner}, historyMechanisms...),
	RecordLead: append([]HistoryField{HistoryTitle, HistoryPersonName, HistoryCompany, HistoryEmail, HistoryPhone,
		HistoryStreet, HistoryPostalCode, HistoryCity, HistoryCountry, HistorySource, HistoryPipeline, HistoryStage,
		HistoryStatus, HistoryLostReason, HistoryLostComment, HistoryOwner, HistoryPerson, HistoryOrganization, HistoryDeal,
		HistoryDetails}, historyMechanisms...),
}
