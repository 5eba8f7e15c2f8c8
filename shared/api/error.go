package api

// ErrorEnvelope is the one error shape of the whole API: {"error": {"code": ..., "message": ..., "fields": {...}}}.
type ErrorEnvelope struct {
	Error Error `json:"error"`
}

// Error carries a stable machine code (translated by the UI), an English message for logs and tools, per-field
// codes for validation errors and the request ID for support.
type Error struct {
	Code      ErrorCode            `json:"code"`
	Message   string               `json:"message"`
	Fields    map[string]FieldCode `json:"fields,omitempty"`
	RequestID string               `json:"requestId,omitempty"`
}

// ErrorCode is a stable machine code of an error (Error.Code): the server's, and those the desktop produces itself
// (below). The UI translates every one of them; a test of the frontend fails when one has no text.
type ErrorCode string

// Error codes of the server.
const (
	CodeMalformedJSON      ErrorCode = "request.malformed_json"
	CodeUnknownField       ErrorCode = "request.unknown_field"
	CodeBodyTooLarge       ErrorCode = "request.body_too_large"
	CodeUnsupportedMedia   ErrorCode = "request.unsupported_media_type"
	CodeValidation         ErrorCode = "validation.failed"
	CodeUnauthenticated    ErrorCode = "auth.unauthenticated"
	CodeInvalidCredentials ErrorCode = "auth.invalid_credentials"
	CodeThrottled          ErrorCode = "auth.throttled"
	// CodeBusy: too many passwords are being checked at once; 503 with Retry-After, try again shortly.
	CodeBusy               ErrorCode = "auth.busy"
	CodeTokenInvalid       ErrorCode = "auth.token_invalid"
	CodeTokenReused        ErrorCode = "auth.refresh_token_reused"
	CodeWrongPassword      ErrorCode = "auth.wrong_password"
	CodeForbidden          ErrorCode = "access.forbidden"
	CodeNotFound           ErrorCode = "resource.not_found"
	CodeConflict           ErrorCode = "resource.conflict"
	CodePreconditionNeeded ErrorCode = "precondition.required"
	CodeVersionMismatch    ErrorCode = "precondition.version_mismatch"
	CodeIdempotencyReused  ErrorCode = "idempotency.key_reused"
	CodeIdempotencyBusy    ErrorCode = "idempotency.in_progress"
	CodeMethodNotAllowed   ErrorCode = "request.method_not_allowed"
	CodeTimeout            ErrorCode = "request.timeout"
	CodeDuplicateEmail     ErrorCode = "person.duplicate_email"
	CodePipelineLimit      ErrorCode = "pipeline.limit_reached"
	CodeStageInUse         ErrorCode = "stage.in_use"
	// Documents: the user's storage would exceed the plan's per-user limit (413, fields{"file": "quota"}); the
	// file is larger than the server accepts (413, fields{"file": "too_large"}); the upload has no Content-Length
	// (411, fields{"file": "length_required"}); the content is not of the declared type (415,
	// fields{"contentType": "mismatch"}).
	CodeQuotaExceeded        ErrorCode = "quota.exceeded"
	CodeDocumentTooLarge     ErrorCode = "document.too_large"
	CodeDocumentLength       ErrorCode = "document.length_required"
	CodeDocumentTypeMismatch ErrorCode = "document.type_mismatch"
	// CodeDocumentIncomplete: the upload's body ended (client gone, stalled) before Content-Length bytes arrived
	// (400, fields{"file": "incomplete"}); nothing is kept.
	CodeDocumentIncomplete ErrorCode = "document.incomplete"
	CodeInternal           ErrorCode = "internal"
	CodeUnavailable        ErrorCode = "service.unavailable"
	// CodeStorageUnavailable: the document store (file system or S3) cannot be reached now (503 with
	// Retry-After); nothing was stored, and the upload's reserved quota is released at once.
	CodeStorageUnavailable ErrorCode = "storage.unavailable"

	// CodeRequestAborted: the client went away (closed its side of the connection, or the body ended before its
	// Content-Length) while the request was read or run: 400, logged at info ("client gone"), never as an error.
	CodeRequestAborted ErrorCode = "request.aborted"
	// CodeDocumentRangeInvalid: the Range of a download lies outside the content (416, with Content-Range
	// bytes */<size>).
	CodeDocumentRangeInvalid ErrorCode = "document.range_invalid"
	// CodeClientTooOld: the desktop is older than the oldest version the server serves (426 Upgrade Required);
	// GET /api/v1/version tells the download address.
	CodeClientTooOld ErrorCode = "client.too_old"
	// CodeImportFileInvalid: an import file cannot be imported (422): fields{"file": "empty"} (no bytes, or no
	// line with a value), "no_rows" (only a header), "mismatch" (the content is not what the name's extension says,
	// e.g. a PDF named .xlsx), "invalid" (a damaged XLSX); fields{"fileName": "type"} for a name that is neither .csv
	// nor .xlsx (nor .txt/.tsv, read as CSV); fields{"sheet": "not_found"} for a sheet the file does not have.
	CodeImportFileInvalid ErrorCode = "import.file_invalid"
	// CodeImportState: the import's status does not allow this (409): starting one that was started, undoing one
	// that is still running or was undone, a preview of one that runs.
	CodeImportState ErrorCode = "import.state"
)

// Error codes only the desktop produces (status 0: the server was not reached, or the desktop itself failed).
const (
	// CodeNetworkUnreachable: the server could not be reached or did not answer in time.
	CodeNetworkUnreachable ErrorCode = "network.unreachable"
	// CodeTransferStalled: no byte of an upload or download moved for the idle timeout; the transfer was given up.
	CodeTransferStalled ErrorCode = "network.stalled"
	// CodeFileUnreadable: the file to upload cannot be opened or read (fields{"path": "unreadable"}).
	CodeFileUnreadable ErrorCode = "file.unreadable"
	// CodeFileUnwritable: a download cannot be written where it should go (fields{"path": "unwritable"}).
	CodeFileUnwritable ErrorCode = "file.unwritable"
	// CodeDocumentChecksumMismatch: the downloaded bytes are not those the server announced; nothing was kept.
	CodeDocumentChecksumMismatch ErrorCode = "document.checksum_mismatch"
	// CodeDocumentOpenFailed: the operating system's opener could not be started.
	CodeDocumentOpenFailed ErrorCode = "document.open_failed"
	// CodeDocumentNoApplication: the operating system has no application for the file's type (its opener said so);
	// the user can save the file instead.
	CodeDocumentNoApplication ErrorCode = "document.no_application"
	// CodeDocumentOpenBlocked: the file is a program or script; opening it with one click could run it. Save it
	// instead.
	CodeDocumentOpenBlocked ErrorCode = "document.open_blocked"
	// CodeDialogFailed: the native file dialog could not be shown.
	CodeDialogFailed ErrorCode = "dialog.failed"
	// CodeSecretsUnavailable: the system keyring cannot be reached; the stored sign-in could not be updated.
	CodeSecretsUnavailable ErrorCode = "secrets.unavailable"
	// CodeSettingsUnavailable: the settings file cannot be written.
	CodeSettingsUnavailable ErrorCode = "settings.unavailable"
	// CodeRateLimited: too many requests of one caller in a window (Retry-After says when to try again).
	CodeRateLimited ErrorCode = "request.rate_limited"
	// CodeSourcePaused: the lead source is paused; its deliveries are refused until an admin activates it.
	CodeSourcePaused ErrorCode = "intake.source_paused"
	// CodeSignatureInvalid: a signed source's delivery has no, a wrong or a stale signature.
	CodeSignatureInvalid ErrorCode = "intake.signature_invalid"
	// CodeExportIncomplete: an export's file ended before the server said it was whole (the server stopped or
	// failed while writing it); nothing was kept.
	CodeExportIncomplete ErrorCode = "export.incomplete"
	// The server's TLS certificate was refused: issued by an authority the desktop does not trust (a company CA
	// that is not configured, a self-signed certificate), expired or not yet valid, or issued for another host
	// name; CodeTLSFailed for any other TLS failure.
	CodeTLSUnknownAuthority ErrorCode = "tls.unknown_authority"
	CodeTLSExpired          ErrorCode = "tls.expired"
	CodeTLSWrongHost        ErrorCode = "tls.wrong_host"
	CodeTLSFailed           ErrorCode = "tls.failed"
	// CodeSupportNoAddress: the tenant has no support address configured, so a support request cannot be sent (409);
	// an admin sets one in the settings.
	CodeSupportNoAddress ErrorCode = "support.no_address"
	// CodeSSOFailed: a single sign-on did not succeed (the state is unknown, spent or expired, the provider refused
	// the code, the ID token failed verification, or the address may not sign in through the provider).
	CodeSSOFailed ErrorCode = "auth.sso_failed"
	// CodePasswordDisabled: the user's company signs them in through single sign-on only (403).
	CodePasswordDisabled ErrorCode = "auth.password_disabled"
	// CodeSSOCancelled: the desktop stopped waiting for the browser's single sign-on (the user cancelled, or no
	// answer came within the time allowed).
	CodeSSOCancelled ErrorCode = "auth.sso_cancelled"
	// CodeChallengeInvalid: the sign-in challenge is unknown, expired, used, or not for this step (401): sign in
	// with the password again.
	CodeChallengeInvalid ErrorCode = "auth.challenge_invalid"
	// CodeTwoFactorRequired: the tenant's policy requires the second factor, so it cannot be switched off (409).
	CodeTwoFactorRequired ErrorCode = "auth.two_factor_required"
	// CodeLinkInvalid: a mailed link (an invitation's, a password reset's) is unknown, used, revoked or expired
	// (410); a new one must be asked for.
	CodeLinkInvalid ErrorCode = "link.invalid"
)

// AllErrorCodes lists every error code, the server's and the desktop's.
var AllErrorCodes = []ErrorCode{
	CodeMalformedJSON, CodeUnknownField, CodeBodyTooLarge, CodeUnsupportedMedia, CodeValidation, CodeUnauthenticated,
	CodeInvalidCredentials, CodeThrottled, CodeBusy, CodeTokenInvalid, CodeTokenReused, CodeWrongPassword,
	CodeForbidden, CodeNotFound, CodeConflict, CodePreconditionNeeded, CodeVersionMismatch, CodeIdempotencyReused,
	CodeIdempotencyBusy, CodeMethodNotAllowed, CodeTimeout, CodeDuplicateEmail, CodePipelineLimit, CodeStageInUse,
	CodeQuotaExceeded, CodeDocumentTooLarge, CodeDocumentLength, CodeDocumentTypeMismatch, CodeDocumentIncomplete,
	CodeInternal, CodeUnavailable, CodeStorageUnavailable, CodeRequestAborted, CodeDocumentRangeInvalid,
	CodeNetworkUnreachable, CodeTransferStalled, CodeFileUnreadable, CodeFileUnwritable, CodeDocumentChecksumMismatch,
	CodeDocumentOpenFailed, CodeDocumentNoApplication, CodeDocumentOpenBlocked, CodeDialogFailed, CodeSecretsUnavailable,
	CodeSettingsUnavailable, CodeRateLimited, CodeSourcePaused, CodeSignatureInvalid, CodeExportIncomplete,
	CodeClientTooOld, CodeTLSUnknownAuthority, CodeTLSExpired, CodeTLSWrongHost, CodeTLSFailed,
	CodeImportFileInvalid, CodeImportState, CodeSupportNoAddress, CodeSSOFailed, CodePasswordDisabled, CodeSSOCancelled,
	CodeChallengeInvalid, CodeTwoFactorRequired, CodeLinkInvalid,
}

// FieldCode is what is wrong with one field (the values of Error.Fields): a short word such as required, invalid,
// too_long, taken. The UI translates every one of them; a test of the frontend fails when one has no text.
type FieldCode string

// Field codes of the server.
const (
	FieldRequired      FieldCode = "required"
	FieldInvalid       FieldCode = "invalid"
	FieldTooLong       FieldCode = "too_long"
	FieldTooShort      FieldCode = "too_short"
	FieldTaken         FieldCode = "taken"
	FieldUnknown       FieldCode = "unknown"
	FieldNotFound      FieldCode = "not_found"
	FieldType          FieldCode = "type"
	FieldInUse         FieldCode = "in_use"
	FieldCycle         FieldCode = "cycle"
	FieldWrongPassword FieldCode = "wrong_password"
	FieldDuplicate     FieldCode = "duplicate"
	FieldForbidden     FieldCode = "forbidden"
	FieldLimit         FieldCode = "limit"
	FieldRange         FieldCode = "range"
	// FieldNoPosition: the record has no position (yet), so nothing can be near it.
	FieldNoPosition FieldCode = "no_position"
	// FieldNotGeocoded: the address was not geocoded yet (POST /api/v1/geocode first).
	FieldNotGeocoded  FieldCode = "not_geocoded"
	FieldQuota        FieldCode = "quota"
	FieldTooLarge     FieldCode = "too_large"
	FieldIncomplete   FieldCode = "incomplete"
	FieldMismatch     FieldCode = "mismatch"
	FieldLengthNeeded FieldCode = "length_required"
	// FieldCommon: a new password is on the list of common passwords (also with digits or punctuation added).
	FieldCommon FieldCode = "common"
	// FieldControlCharacter: the text holds a character it may not (a control character other than tab, line
	// feed and carriage return, a bidi override or isolate, or invalid UTF-8); see docs/api.md, input rules.
	FieldControlCharacter FieldCode = "control_character"
	// Imports (see CodeImportFileInvalid and ImportPreviewRow): FieldEmpty: the file has no values; FieldNoRows:
	// only a header; FieldAmbiguous: a name (owner, organisation, person, pipeline, stage) or duplicate key matches
	// more than one record; FieldColumns: a row has more values than the header has columns.
	FieldEmpty     FieldCode = "empty"
	FieldNoRows    FieldCode = "no_rows"
	FieldAmbiguous FieldCode = "ambiguous"
	FieldColumns   FieldCode = "columns"
	// FieldNoSSO: the address's domain has no single sign-on (POST /api/v1/auth/oidc/begin, field email).
	FieldNoSSO FieldCode = "no_sso"
	// FieldUnreachable: the identity provider's discovery document could not be fetched or read (field issuer).
	FieldUnreachable FieldCode = "unreachable"
	// FieldWrongCode: the TOTP or recovery code is not right (or was used already).
	FieldWrongCode FieldCode = "wrong_code"
)

// Field codes only the desktop produces (with CodeFileUnreadable and CodeFileUnwritable, on the field "path").
const (
	FieldUnreadable FieldCode = "unreadable"
	FieldUnwritable FieldCode = "unwritable"
	// FieldInsecure: a server address with http:// to a host that is not this computer (only https:// is
	// accepted there).
	FieldInsecure FieldCode = "insecure"
	// FieldNoCertificate: the company CA file holds no certificate (field caFile).
	FieldNoCertificate FieldCode = "no_certificate"
)

// AllFieldCodes lists every field code, the server's and the desktop's.
var AllFieldCodes = []FieldCode{
	FieldRequired, FieldInvalid, FieldTooLong, FieldTooShort, FieldTaken, FieldUnknown, FieldNotFound, FieldType,
	FieldInUse, FieldCycle, FieldWrongPassword, FieldDuplicate, FieldForbidden, FieldLimit, FieldRange,
	FieldNoPosition, FieldNotGeocoded, FieldQuota, FieldTooLarge, FieldIncomplete, FieldMismatch, FieldLengthNeeded,
	FieldCommon, FieldControlCharacter, FieldEmpty, FieldNoRows, FieldAmbiguous, FieldColumns, FieldNoSSO, FieldUnreachable, FieldUnreadable,
	FieldUnwritable, FieldInsecure, FieldNoCertificate, FieldWrongCode,
}
