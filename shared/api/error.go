package api

// ErrorEnvelope is the one error shape of the whole API: {"error": {"code": ..., "message": ..., "fields": {...}}}.
type ErrorEnvelope struct {
	Error Error `json:"error"`
}

// Error carries a stable machine code (translated by the UI), an English message for logs and tools, per-field
// codes for validation errors and the request ID for support.
type Error struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"requestId,omitempty"`
}

// Stable error codes. Field codes (values of Error.Fields) are short words: required, invalid, too_long,
// too_short, taken, unknown, not_found, type, range, control_character, ...
const (
	CodeMalformedJSON      = "request.malformed_json"
	CodeUnknownField       = "request.unknown_field"
	CodeBodyTooLarge       = "request.body_too_large"
	CodeUnsupportedMedia   = "request.unsupported_media_type"
	CodeValidation         = "validation.failed"
	CodeUnauthenticated    = "auth.unauthenticated"
	CodeInvalidCredentials = "auth.invalid_credentials"
	CodeThrottled          = "auth.throttled"
	// CodeBusy: too many passwords are being checked at once; 503 with Retry-After, try again shortly.
	CodeBusy               = "auth.busy"
	CodeTokenInvalid       = "auth.token_invalid"
	CodeTokenReused        = "auth.refresh_token_reused"
	CodeWrongPassword      = "auth.wrong_password"
	CodeForbidden          = "access.forbidden"
	CodeNotFound           = "resource.not_found"
	CodeConflict           = "resource.conflict"
	CodePreconditionNeeded = "precondition.required"
	CodeVersionMismatch    = "precondition.version_mismatch"
	CodeIdempotencyReused  = "idempotency.key_reused"
	CodeIdempotencyBusy    = "idempotency.in_progress"
	CodeMethodNotAllowed   = "request.method_not_allowed"
	CodeTimeout            = "request.timeout"
	CodeDuplicateEmail     = "person.duplicate_email"
	CodePipelineLimit      = "pipeline.limit_reached"
	CodeStageInUse         = "stage.in_use"
	// Documents: the user's storage would exceed the plan's per-user limit (413, fields{"file": "quota"}); the
	// file is larger than the server accepts (413, fields{"file": "too_large"}); the upload has no Content-Length
	// (411, fields{"file": "length_required"}); the content is not of the declared type (415,
	// fields{"contentType": "mismatch"}).
	CodeQuotaExceeded        = "quota.exceeded"
	CodeDocumentTooLarge     = "document.too_large"
	CodeDocumentLength       = "document.length_required"
	CodeDocumentTypeMismatch = "document.type_mismatch"
	// CodeDocumentIncomplete: the upload's body ended (client gone, stalled) before Content-Length bytes arrived
	// (400, fields{"file": "incomplete"}); nothing is kept.
	CodeDocumentIncomplete = "document.incomplete"
	CodeInternal           = "internal"
	CodeUnavailable        = "service.unavailable"
	// CodeStorageUnavailable: the document store (file system or S3) cannot be reached now (503 with
	// Retry-After); nothing was stored, and the upload's reserved quota is released at once.
	CodeStorageUnavailable = "storage.unavailable"

	// CodeRequestAborted: the client went away (closed its side of the connection, or the body ended before its
	// Content-Length) while the request was read or run: 400, logged at info ("client gone"), never as an error.
	CodeRequestAborted = "request.aborted"
	// CodeDocumentRangeInvalid: the Range of a download lies outside the content (416, with Content-Range
	// bytes */<size>).
	CodeDocumentRangeInvalid = "document.range_invalid"
)

// Field codes.
const (
	FieldRequired      = "required"
	FieldInvalid       = "invalid"
	FieldTooLong       = "too_long"
	FieldTooShort      = "too_short"
	FieldTaken         = "taken"
	FieldUnknown       = "unknown"
	FieldNotFound      = "not_found"
	FieldType          = "type"
	FieldInUse         = "in_use"
	FieldCycle         = "cycle"
	FieldWrongPassword = "wrong_password"
	FieldDuplicate     = "duplicate"
	FieldForbidden     = "forbidden"
	FieldLimit         = "limit"
	FieldRange         = "range"
	// FieldNoPosition: the record has no position (yet), so nothing can be near it.
	FieldNoPosition = "no_position"
	// FieldNotGeocoded: the address was not geocoded yet (POST /api/v1/geocode first).
	FieldNotGeocoded  = "not_geocoded"
	FieldQuota        = "quota"
	FieldTooLarge     = "too_large"
	FieldIncomplete   = "incomplete"
	FieldMismatch     = "mismatch"
	FieldLengthNeeded = "length_required"
	// FieldCommon: a new password is on the list of common passwords (also with digits or punctuation added).
	FieldCommon = "common"
	// FieldControlCharacter: the text holds a character it may not (a control character other than tab, line
	// feed and carriage return, a bidi override or isolate, or invalid UTF-8); see docs/api.md, input rules.
	FieldControlCharacter = "control_character"
)
