package api

import "time"

// Import of persons, organisations (and persons with their organisation in one file), deals and leads from XLSX
// and CSV files (issue 15). The flow:
//
//  1. POST /api/v1/imports?recordType=person&fileName=Kunden.xlsx with the file as the raw body (at most
//     MaxImportBytes) -> 201 ImportAnalysis: the file is stored, read and described (format, encoding,
//     delimiter, sheet, header row, columns with samples, detected value formats and suggested targets) with the
//     fields the record type offers and suggested settings. Needs the create right on the record type (403).
//     POST /api/v1/imports/{importID}/analysis with ImportReadOptions reads the stored file again another way
//     (another sheet, header row, encoding or delimiter).
//  2. POST /api/v1/imports/{importID}/preview with ImportSettings -> ImportPreview: the first rows as they would be
//     imported, with per-cell field codes and each row's outcome. Nothing is written.
//  3. POST /api/v1/imports/{importID}/start with ImportSettings -> 202 ImportJob (status queued): a worker of any
//     backend instance runs it; the job survives the desktop closing the dialog.
//  4. GET /api/v1/imports/{importID} -> ImportJob (progress, counts); the change feed announces every change of
//     the job as topic "import" (TopicImport), and polling works too. GET /api/v1/imports -> ImportJobList.
//  5. GET /api/v1/imports/{importID}/failed-rows?format=xlsx|csv&lang=de|en -> the failed rows as a file: the
//     original columns and a column "Fehler" ("Error") with the reasons in words.
//  6. POST /api/v1/imports/{importID}/undo -> ImportUndoResult: created records go to the trash, updates are
//     reverted where the record did not change since.
//
// Targets: a column is imported into a target, one of the ImportTarget constants or "custom.<fieldId>" (a custom
// field of the record type), and in a person file also "organization.custom.<fieldId>" (a custom field of the
// person's organisation). ImportAnalysis.Fields lists exactly the targets the record type offers.

// MaxImportBytes is the largest file POST /api/v1/imports takes (larger: 413 request.body_too_large with
// fields{"file": "too_large"}).
const MaxImportBytes = 50 << 20

// ImportFileFormat is the format of an import file (detected from the content, checked against the file name's
// extension), and the format of the failed-rows file.
type ImportFileFormat string

const (
	ImportCSV  ImportFileFormat = "csv"
	ImportXLSX ImportFileFormat = "xlsx"
)

// AllImportFileFormats lists the formats.
var AllImportFileFormats = []ImportFileFormat{ImportCSV, ImportXLSX}

// ImportEncoding is the character encoding of a CSV file (XLSX: always ""). Detected: a UTF-8 byte order mark,
// else valid UTF-8, else Windows-1252.
type ImportEncoding string

const (
	EncodingUTF8        ImportEncoding = "utf-8"
	EncodingUTF8BOM     ImportEncoding = "utf-8-bom"
	EncodingWindows1252 ImportEncoding = "windows-1252"
)

// AllImportEncodings lists the encodings.
var AllImportEncodings = []ImportEncoding{EncodingUTF8, EncodingUTF8BOM, EncodingWindows1252}

// ImportNumberFormat is how a column writes numbers: German "1.234,56" or English "1,234.56" (both also without
// thousands separators). "" on a column: it holds no numbers (or nothing tells the two apart, e.g. only "12").
type ImportNumberFormat string

const (
	NumberDE ImportNumberFormat = "de"
	NumberEN ImportNumberFormat = "en"
)

// AllImportNumberFormats lists the number formats.
var AllImportNumberFormats = []ImportNumberFormat{NumberDE, NumberEN}

// ImportDateFormat is how a column writes dates. "" on a column: it holds no dates.
type ImportDateFormat string

const (
	// DateDMY is dd.mm.yyyy (German; also d.m.yyyy and dd.mm.yy).
	DateDMY ImportDateFormat = "dmy"
	// DateYMD is yyyy-mm-dd (ISO 8601).
	DateYMD ImportDateFormat = "ymd"
	// DateMDY is mm/dd/yyyy (US; also m/d/yyyy).
	DateMDY ImportDateFormat = "mdy"
	// DateSerial is Excel's day number (45000 = 2023-03-15): what an XLSX date cell holds.
	DateSerial ImportDateFormat = "serial"
)

// AllImportDateFormats lists the date formats.
var AllImportDateFormats = []ImportDateFormat{DateDMY, DateYMD, DateMDY, DateSerial}

// ImportTarget is a standard field a column can be imported into. The same key means the same field in every
// record type that offers it ("email" is a person's work e-mail address, an organisation's e-mail, a lead's
// e-mail); "title" is a person's academic title ("Dr.") and a deal's or lead's title. Custom fields are the
// targets "custom.<fieldId>" (and, in a person file, "organization.custom.<fieldId>").
type ImportTarget string

const (
	// TargetIgnore leaves the column out (the same as no target).
	TargetIgnore ImportTarget = "ignore"
	// Persons.
	TargetSalutation ImportTarget = "salutation"
	TargetTitle      ImportTarget = "title"
	TargetFirstName  ImportTarget = "firstName"
	TargetLastName   ImportTarget = "lastName"
	// TargetFullName is a person's first and last name in one column ("Anna Schulz": split at the last space;
	// "Schulz, Anna": at the comma); a lead's person name.
	TargetFullName ImportTarget = "fullName"
	TargetJobTitle ImportTarget = "jobTitle"
	// TargetEmail is an e-mail address (a person's of kind work); TargetPhone a phone number (work), TargetMobile a
	// person's mobile number.
	TargetEmail  ImportTarget = "email"
	TargetPhone  ImportTarget = "phone"
	TargetMobile ImportTarget = "mobile"
	// The address of the record (deals have none).
	TargetStreet     ImportTarget = "street"
	TargetPostalCode ImportTarget = "postalCode"
	TargetCity       ImportTarget = "city"
	// TargetCountry takes ISO codes and German or English country names ("Deutschland", "Austria").
	TargetCountry ImportTarget = "country"
	// TargetOwner is the record's owner by the user's name or e-mail address; it must lie in the importer's create
	// scope. Without the column (or with an empty cell) the settings' OwnerID owns the record.
	TargetOwner ImportTarget = "owner"
	// TargetOrganization is the organisation by name: a person becomes a member of it, a deal is linked to it. An
	// organisation the importer may see with that name is taken, else a new one is created (with the
	// organization.* fields of the row; needs the organisation create right, else the row fails with
	// organization: forbidden).
	TargetOrganization ImportTarget = "organization"
	// The person file's organisation fields (used when the organisation is created).
	TargetOrgStreet     ImportTarget = "organization.street"
	TargetOrgPostalCode ImportTarget = "organization.postalCode"
	TargetOrgCity       ImportTarget = "organization.city"
	TargetOrgCountry    ImportTarget = "organization.country"
	TargetOrgPhone      ImportTarget = "organization.phone"
	TargetOrgEmail      ImportTarget = "organization.email"
	TargetOrgWebsite    ImportTarget = "organization.website"
	TargetOrgIndustry   ImportTarget = "organization.industry"
	// Organisations.
	TargetName     ImportTarget = "name"
	TargetWebsite  ImportTarget = "website"
	TargetIndustry ImportTarget = "industry"
	// Deals.
	TargetValue             ImportTarget = "value"
	TargetCurrency          ImportTarget = "currency"
	TargetExpectedCloseDate ImportTarget = "expectedCloseDate"
	// TargetPerson is a deal's person by e-mail address (one the importer may see; never created).
	TargetPerson ImportTarget = "person"
	// Deals and leads: the pipeline and the stage by name (else the settings' PipelineID and StageID).
	TargetPipeline ImportTarget = "pipeline"
	TargetStage    ImportTarget = "stage"
	// Leads.
	TargetCompany ImportTarget = "company"
	TargetSource  ImportTarget = "source"
)

// AllImportTargets lists the standard targets.
var AllImportTargets = []ImportTarget{TargetIgnore, TargetSalutation, TargetTitle, TargetFirstName, TargetLastName,
	TargetFullName, TargetJobTitle, TargetEmail, TargetPhone, TargetMobile, TargetStreet, TargetPostalCode, TargetCity,
	TargetCountry, TargetOwner, TargetOrganization, TargetOrgStreet, TargetOrgPostalCode, TargetOrgCity,
	TargetOrgCountry, TargetOrgPhone, TargetOrgEmail, TargetOrgWebsite, TargetOrgIndustry, TargetName, TargetWebsite,
	TargetIndustry, TargetValue, TargetCurrency, TargetExpectedCloseDate, TargetPerson, TargetPipeline, TargetStage,
	TargetCompany, TargetSource}

// ImportValueKind is what a target takes, for the mapping screen (which format questions to ask).
type ImportValueKind string

const (
	ImportValueText ImportValueKind = "text"
	// ImportValueNumber: a number in the column's ImportNumberFormat.
	ImportValueNumber ImportValueKind = "number"
	// ImportValueDate: a day in the column's ImportDateFormat.
	ImportValueDate ImportValueKind = "date"
	// ImportValueBool: yes/no, written Ja/Nein, yes/no, wahr/falsch, true/false, 1/0, x/empty.
	ImportValueBool ImportValueKind = "bool"
	// ImportValueReference: another record or a user by name (owner, organisation, person, pipeline, stage).
	ImportValueReference ImportValueKind = "reference"
)

// AllImportValueKinds lists the value kinds.
var AllImportValueKinds = []ImportValueKind{ImportValueText, ImportValueNumber, ImportValueDate, ImportValueBool,
	ImportValueReference}

// ImportField is a target the record type offers.
type ImportField struct {
	// Target is an ImportTarget or "custom.<fieldId>" / "organization.custom.<fieldId>".
	Target string `json:"target"`
	// Label is a custom field's label; "" for standard targets, which the UI names from Target.
	Label string `json:"label"`
	// RecordType is the record the field belongs to: the imported type, or organization for the organisation
	// fields of a person file.
	RecordType RecordType      `json:"recordType"`
	Kind       ImportValueKind `json:"kind"`
	// Required: a row without a value fails (a person needs a last name or an e-mail address: both are marked,
	// and one of them is enough).
	Required bool `json:"required"`
	// Duplicates: the field can identify duplicates (ImportDuplicates.Target).
	Duplicates bool `json:"duplicates"`
}

// ImportColumn is a column of the file as read.
type ImportColumn struct {
	// Index is the column's position, from 0.
	Index int `json:"index"`
	// Header is the column's text in the header row ("" for an empty header cell).
	Header string `json:"header"`
	// Samples are the first non-empty values (at most 5), as in the file.
	Samples []string `json:"samples"`
	// Target is the suggested target (matched by header names in German and English), "" when none fits.
	Target string `json:"target"`
	// Number and Date are the formats detected from the column's values ("" when it holds none).
	Number ImportNumberFormat `json:"number"`
	Date   ImportDateFormat   `json:"date"`
}

// ImportReadOptions say how to read the stored file (POST /api/v1/imports/{importID}/analysis); empty fields are
// detected.
type ImportReadOptions struct {
	// Sheet is an XLSX file's sheet by name ("": the first).
	Sheet string `json:"sheet"`
	// HeaderRow is the line (from 1) that holds the column names; 0: the first non-empty line.
	HeaderRow int            `json:"headerRow"`
	Encoding  ImportEncoding `json:"encoding"`
	// Delimiter is a CSV file's field separator: ",", ";" or "\t".
	Delimiter string `json:"delimiter"`
}

// ImportAnalysis describes a stored import file and what it can be imported into.
type ImportAnalysis struct {
	ID         string           `json:"id"`
	RecordType RecordType       `json:"recordType"`
	FileName   string           `json:"fileName"`
	Format     ImportFileFormat `json:"format"`
	// Encoding and Delimiter: CSV only ("" for XLSX).
	Encoding  ImportEncoding `json:"encoding"`
	Delimiter string         `json:"delimiter"`
	// Sheet is the XLSX sheet read, Sheets all sheets of the file (CSV: "" and none).
	Sheet  string   `json:"sheet"`
	Sheets []string `json:"sheets"`
	// HeaderRow is the line (from 1) of the column names; Rows counts the data rows below it (empty lines not
	// counted).
	HeaderRow int            `json:"headerRow"`
	Rows      int            `json:"rows"`
	Columns   []ImportColumn `json:"columns"`
	// Fields are the targets the record type offers, in display order.
	Fields []ImportField `json:"fields"`
	// Suggested are the settings the analysis proposes: the matched columns with their detected formats, the
	// duplicate rule by e-mail (organisations: by name) with skip, the importer as the default owner.
	Suggested ImportSettings `json:"suggested"`
	// ExpiresAt: the stored file is deleted then unless an import was started (then 7 days after it ended).
	ExpiresAt time.Time `json:"expiresAt" ts_type:"string"`
}

// ImportMapping imports one column into a target, with the formats the user confirmed.
type ImportMapping struct {
	Column int    `json:"column"`
	Target string `json:"target"`
	// Number is required for number targets, Date for date targets (422 columns[i].number / .date: required).
	Number ImportNumberFormat `json:"number"`
	Date   ImportDateFormat   `json:"date"`
}

// ImportDuplicateAction is what an import does with a row that matches an existing record.
type ImportDuplicateAction string

const (
	// DuplicateSkip leaves the existing record alone; the row counts as skipped.
	DuplicateSkip ImportDuplicateAction = "skip"
	// DuplicateUpdate writes the row's non-empty values into the existing record (edit right needed; else the row
	// fails with forbidden). Several matches: the row fails (ambiguous). A row whose values the record holds
	// already writes nothing and counts as skipped (an exported list imported again changes nothing).
	DuplicateUpdate ImportDuplicateAction = "update"
	// DuplicateCreate creates a new record anyway.
	DuplicateCreate ImportDuplicateAction = "create"
)

// AllImportDuplicateActions lists the actions.
var AllImportDuplicateActions = []ImportDuplicateAction{DuplicateSkip, DuplicateUpdate, DuplicateCreate}

// ImportDuplicates is the duplicate rule: a row whose value in Target equals that field of an existing live
// record the importer may see, or of an earlier row of the same file, is a duplicate (e-mail addresses and names
// ignoring case and surrounding spaces; custom fields by their canonical value: text exactly, numbers by value).
// Target "" checks nothing. Target must be a field with Duplicates set, and mapped.
type ImportDuplicates struct {
	Target string                `json:"target"`
	Action ImportDuplicateAction `json:"action"`
}

// ImportSettings say how to import the file: the same for preview and start.
type ImportSettings struct {
	// Columns map the file's columns; columns not listed are left out. Two columns to one target, an unknown
	// target or column, and a required target (or, for persons, neither lastName nor email nor fullName) not
	// mapped: 422 with fields "columns[i].target": duplicate / unknown / invalid, "columns[i].column": invalid, or
	// the missing target itself ("lastName": required).
	Columns    []ImportMapping  `json:"columns"`
	Duplicates ImportDuplicates `json:"duplicates"`
	// OwnerID owns the rows without an owner of their own ("": the importer); it must lie in the create scope
	// (422 ownerId: forbidden).
	OwnerID string `json:"ownerId"`
	// PipelineID and StageID (deals and leads): where rows without pipeline and stage columns go ("": the first
	// pipeline of the type and its first stage).
	PipelineID string `json:"pipelineId"`
	StageID    string `json:"stageId"`
}

// ImportOutcome is what an import does (or, in a preview, would do) with one row.
type ImportOutcome string

const (
	ImportRowCreated ImportOutcome = "created"
	ImportRowUpdated ImportOutcome = "updated"
	ImportRowSkipped ImportOutcome = "skipped"
	ImportRowFailed  ImportOutcome = "failed"
)

// AllImportOutcomes lists the outcomes.
var AllImportOutcomes = []ImportOutcome{ImportRowCreated, ImportRowUpdated, ImportRowSkipped, ImportRowFailed}

// ImportCell is a mapped cell of a preview row: the value as it would be stored (numbers canonical "1234.5",
// days "2026-12-09", yes/no "true"/"false", an owner or organisation by its name) and what is wrong with it.
type ImportCell struct {
	Column int       `json:"column"`
	Target string    `json:"target"`
	Value  string    `json:"value"`
	Error  FieldCode `json:"error,omitempty"`
}

// ImportPreviewRow is one row of a preview.
type ImportPreviewRow struct {
	// Row is the line in the file (from 1, as a spreadsheet numbers it).
	Row     int           `json:"row"`
	Outcome ImportOutcome `json:"outcome"`
	Cells   []ImportCell  `json:"cells"`
	// Errors are the row's problems that no single mapped cell has, by target ("lastName": required when the
	// person has neither name nor e-mail) or "row" ("columns": more values than the header has columns).
	Errors map[string]FieldCode `json:"errors,omitempty"`
	// MatchID and MatchName name the existing record the duplicate rule found (skipped or updated rows).
	MatchID   string `json:"matchId,omitempty"`
	MatchName string `json:"matchName,omitempty"`
}

// ImportPreview is what the settings make of the first rows (at most ImportPreviewRows); nothing is written.
type ImportPreview struct {
	Rows []ImportPreviewRow `json:"rows"`
}

// ImportPreviewRows is how many rows a preview shows.
const ImportPreviewRows = 20

// ImportStatus is where an import stands.
type ImportStatus string

const (
	// ImportAnalysed: the file is stored and described; not started.
	ImportAnalysed ImportStatus = "analysed"
	// ImportQueued: started, waiting for a worker.
	ImportQueued ImportStatus = "queued"
	// ImportRunning: a worker imports the rows (RowsDone grows).
	ImportRunning ImportStatus = "running"
	// ImportDone: every row was imported, skipped or failed (see the counts).
	ImportDone ImportStatus = "done"
	// ImportFailed: the import stopped as a whole (the file could not be read any more; ErrorCode says why). The
	// rows done until then stay imported and counted; they can be undone.
	ImportFailed ImportStatus = "failed"
	// ImportUndone: the import was undone.
	ImportUndone ImportStatus = "undone"
)

// AllImportStatuses lists the statuses.
var AllImportStatuses = []ImportStatus{ImportAnalysed, ImportQueued, ImportRunning, ImportDone, ImportFailed,
	ImportUndone}

// ImportJob is an import: its file, status, progress and result.
type ImportJob struct {
	ID         string           `json:"id"`
	RecordType RecordType       `json:"recordType"`
	FileName   string           `json:"fileName"`
	Format     ImportFileFormat `json:"format"`
	Status     ImportStatus     `json:"status"`
	// Rows counts the file's data rows, RowsDone those processed so far.
	Rows     int `json:"rows"`
	RowsDone int `json:"rowsDone"`
	// RowsPerSecond is the rate since the start (0 before); SecondsLeft the estimated time to the end (0 when not
	// running).
	RowsPerSecond float64 `json:"rowsPerSecond"`
	SecondsLeft   int     `json:"secondsLeft"`
	Created       int     `json:"created"`
	Updated       int     `json:"updated"`
	Skipped       int     `json:"skipped"`
	Failed        int     `json:"failed"`
	// ErrorCode says why a failed import stopped.
	ErrorCode     ErrorCode `json:"errorCode,omitempty"`
	CreatedByID   string    `json:"createdById"`
	CreatedByName string    `json:"createdByName"`
	// CanUndo: the import is done or failed with rows created or updated, not undone, ended less than 30 days ago,
	// and the caller may undo it (the importer, or an admin).
	CanUndo    bool       `json:"canUndo"`
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	StartedAt  *time.Time `json:"startedAt" ts_type:"string"`
	FinishedAt *time.Time `json:"finishedAt" ts_type:"string"`
	UndoneAt   *time.Time `json:"undoneAt" ts_type:"string"`
	Version    int64      `json:"version"`
}

// ImportJobList lists imports, newest first: the caller's own, for admins every user's (at most 100).
type ImportJobList struct {
	Items []ImportJob `json:"items"`
}

// ImportUndoResult is what an undo did: created records moved to the trash, updated records set back to their
// values before the import, records kept (updated ones that changed since the import, and created ones the caller
// may not delete), and records already gone (in the trash or purged).
type ImportUndoResult struct {
	Job      ImportJob `json:"job"`
	Trashed  int       `json:"trashed"`
	Reverted int       `json:"reverted"`
	Kept     int       `json:"kept"`
	Gone     int       `json:"gone"`
}
