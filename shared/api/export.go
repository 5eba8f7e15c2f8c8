package api

import "time"

// ExportFormat is the file format of an export.
type ExportFormat string

const (
	// ExportXLSX is an Excel workbook: one sheet, typed cells (numbers, amounts with two decimals, dates).
	ExportXLSX ExportFormat = "xlsx"
	// ExportCSV is text with one line per record, in the CSVStyle asked for.
	ExportCSV ExportFormat = "csv"
)

// AllExportFormats lists the formats in the order the UI offers them.
var AllExportFormats = []ExportFormat{ExportXLSX, ExportCSV}

// CSVStyle is how a CSV export is written.
type CSVStyle string

const (
	// CSVExcel is what Excel with German settings opens by double-click: semicolons, UTF-8 with a byte order mark,
	// CRLF line ends. The default.
	CSVExcel CSVStyle = "excel"
	// CSVComma is plain CSV for other programs: commas, UTF-8 without a byte order mark, CRLF line ends (RFC 4180).
	CSVComma CSVStyle = "comma"
)

// AllCSVStyles lists the CSV styles, the default first.
var AllCSVStyles = []CSVStyle{CSVExcel, CSVComma}

// Language is a language of the UI and of what the server writes for people (the headers and values of an
// export).
type Language string

const (
	LanguageDE Language = "de"
	LanguageEN Language = "en"
)

// AllLanguages lists the languages, the default first.
var AllLanguages = []Language{LanguageDE, LanguageEN}

// ExportColumn is a standard column of an export: the field of the record it holds, named as the wire types and
// field codes name it. A custom field's column is "custom.<fieldId>" (ExportCustomPrefix), headed by its label.
type ExportColumn string

// ExportCustomPrefix starts the column of a custom field: "custom.<fieldId>".
const ExportCustomPrefix = "custom."

// The standard columns. A column holds one value a re-import can read: a person's e-mail addresses are one column
// (several separated by "; "), the address is four.
const (
	ColSalutation    ExportColumn = "salutation"
	ColTitle         ExportColumn = "title"
	ColFirstName     ExportColumn = "firstName"
	ColLastName      ExportColumn = "lastName"
	ColJobTitle      ExportColumn = "jobTitle"
	ColEmails        ExportColumn = "emails"
	ColPhones        ExportColumn = "phones"
	ColStreet        ExportColumn = "address.street"
	ColPostalCode    ExportColumn = "address.postalCode"
	ColCity          ExportColumn = "address.city"
	ColCountry       ExportColumn = "address.country"
	ColOrganizations ExportColumn = "organizations"
	ColOwner         ExportColumn = "owner"
	ColCreatedAt     ExportColumn = "createdAt"
	ColUpdatedAt     ExportColumn = "updatedAt"
	// Organisations (and ColEmail, ColPhone for leads).
	ColName     ExportColumn = "name"
	ColIndustry ExportColumn = "industry"
	ColEmail    ExportColumn = "email"
	ColPhone    ExportColumn = "phone"
	ColWebsite  ExportColumn = "website"
	// Deals and leads (ColTitle is their title).
	ColValue             ExportColumn = "value"
	ColCurrency          ExportColumn = "currency"
	ColPipeline          ExportColumn = "pipeline"
	ColStage             ExportColumn = "stage"
	ColProbability       ExportColumn = "probability"
	ColStatus            ExportColumn = "status"
	ColExpectedCloseDate ExportColumn = "expectedCloseDate"
	ColPerson            ExportColumn = "person"
	ColOrganization      ExportColumn = "organization"
	ColLostReason        ExportColumn = "lostReason"
	ColLostComment       ExportColumn = "lostComment"
	ColClosedAt          ExportColumn = "closedAt"
	ColPersonName        ExportColumn = "personName"
	ColCompany           ExportColumn = "company"
	ColSource            ExportColumn = "source"
	ColConvertedAt       ExportColumn = "convertedAt"
	// Activities (ColTitle, the linked ColPerson, ColOrganization; ColDeal and ColLead).
	ColType     ExportColumn = "type"
	ColDueAt    ExportColumn = "dueAt"
	ColDuration ExportColumn = "durationMinutes"
	ColDone     ExportColumn = "done"
	ColDoneAt   ExportColumn = "doneAt"
	ColAssignee ExportColumn = "assignee"
	ColDeal     ExportColumn = "deal"
	ColLead     ExportColumn = "lead"
	ColComment  ExportColumn = "comment"
)

// AllExportColumns lists every standard column.
var AllExportColumns = []ExportColumn{ColSalutation, ColTitle, ColFirstName, ColLastName, ColJobTitle, ColEmails,
	ColPhones, ColStreet, ColPostalCode, ColCity, ColCountry, ColOrganizations, ColOwner, ColCreatedAt, ColUpdatedAt,
	ColName, ColIndustry, ColEmail, ColPhone, ColWebsite, ColValue, ColCurrency, ColPipeline, ColStage,
	ColProbability, ColStatus, ColExpectedCloseDate, ColPerson, ColOrganization, ColLostReason, ColLostComment,
	ColClosedAt, ColPersonName, ColCompany, ColSource, ColConvertedAt, ColType, ColDueAt, ColDuration, ColDone,
	ColDoneAt, ColAssignee, ColDeal, ColLead, ColComment}

// ExportColumnsByType are the standard columns of each record type's export, in their default order (the
// custom fields follow, in their order).
var ExportColumnsByType = map[RecordType][]ExportColumn{
	RecordPerson: {ColSalutation, ColTitle, ColFirstName, ColLastName, ColJobTitle, ColEmails, ColPhones, ColStreet,
		ColPostalCode, ColCity, ColCountry, ColOrganizations, ColOwner, ColCreatedAt, ColUpdatedAt},
	RecordOrganization: {ColName, ColIndustry, ColEmail, ColPhone, ColWebsite, ColStreet, ColPostalCode, ColCity,
		ColCountry, ColOwner, ColCreatedAt, ColUpdatedAt},
	RecordDeal: {ColTitle, ColValue, ColCurrency, ColPipeline, ColStage, ColProbability, ColStatus,
		ColExpectedCloseDate, ColPerson, ColOrganization, ColOwner, ColLostReason, ColLostComment, ColClosedAt,
		ColCreatedAt, ColUpdatedAt},
	RecordLead: {ColTitle, ColPersonName, ColCompany, ColEmail, ColPhone, ColStreet, ColPostalCode, ColCity,
		ColCountry, ColSource, ColPipeline, ColStage, ColStatus, ColOwner, ColLostReason, ColLostComment,
		ColConvertedAt, ColCreatedAt, ColUpdatedAt},
	RecordActivity: {ColTitle, ColType, ColDueAt, ColDuration, ColDone, ColDoneAt, ColAssignee, ColPerson,
		ColOrganization, ColDeal, ColLead, ColComment, ColCreatedAt, ColUpdatedAt},
}

// ExportTitles name the file and the sheet of a record type's export in each language; the file is
// "<title>-<day>.<format>" ("Personen-2026-12-07.xlsx", the day in Europe/Berlin).
var ExportTitles = map[Language]map[RecordType]string{
	LanguageDE: {RecordPerson: "Personen", RecordOrganization: "Organisationen", RecordDeal: "Deals", RecordLead: "Leads",
		RecordActivity: "Aktivitäten"},
	LanguageEN: {RecordPerson: "Persons", RecordOrganization: "Organisations", RecordDeal: "Deals", RecordLead: "Leads",
		RecordActivity: "Activities"},
}

// ExportOptions are what an export writes, whatever the list: the columns, the format and the language.
type ExportOptions struct {
	// Columns are the columns in their order: ExportColumns of the record type and "custom.<fieldId>" of its
	// active custom fields, each at most once. Empty: every standard column, then every custom field.
	Columns []string `json:"columns"`
	// Format is xlsx (default when empty) or csv.
	Format ExportFormat `json:"format"`
	// CSVStyle is how a CSV is written: excel (default when empty) or comma. Ignored for xlsx.
	CSVStyle CSVStyle `json:"csvStyle"`
	// Language of the headers and the values (Ja/Nein, number and date forms in CSV); default German.
	Language Language `json:"language"`
}

// ExportRequest exports a record list (POST /api/v1/<kind>/export): every record the list query selects, in its
// order (its cursor and limit are ignored), that the caller may both view and export.
type ExportRequest struct {
	Query ListQuery `json:"query"`
	ExportOptions
}

// ActivityExportRequest exports the activity list (POST /api/v1/activities/export) as ExportRequest does.
type ActivityExportRequest struct {
	Query ActivityQuery `json:"query"`
	ExportOptions
}

// HeaderExportRows is the trailer of an export's answer that counts the records written.
const HeaderExportRows = "X-Export-Rows"

// Export is one export as the admins' list shows it: who exported what, when, how and how much.
type Export struct {
	ID         string       `json:"id"`
	UserID     string       `json:"userId"`
	UserName   string       `json:"userName"`
	RecordType RecordType   `json:"recordType"`
	Format     ExportFormat `json:"format"`
	// Filter is the list query (or activity query) the export ran, as JSON.
	Filter string `json:"filter"`
	// Columns are the columns written.
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"`
	// DurationMs is how long it ran; Completed is false when it ended early (the client went away, an error).
	DurationMs int64     `json:"durationMs"`
	Completed  bool      `json:"completed"`
	CreatedAt  time.Time `json:"createdAt" ts_type:"string"`
}

// ExportPage is a page of exports, newest first; NextCursor is "" on the last page.
type ExportPage struct {
	Items      []Export `json:"items"`
	NextCursor string   `json:"nextCursor"`
}
