package api

// Limits of a support request (POST /api/v1/support), in characters.
const (
	SupportSubjectMax = 200
	SupportTextMax    = 10000
	// SupportErrorIDsMax is how many error numbers the diagnostics carry at most, each up to SupportErrorIDMax
	// characters.
	SupportErrorIDsMax = 20
	SupportErrorIDMax  = 100
	// SupportPerHour is how many support requests one user may send within an hour (then 429
	// request.rate_limited with Retry-After).
	SupportPerHour = 5
)

// TenantSettings are what an admin sets for the whole company (GET and PUT /api/v1/tenant/settings): the
// language of the mails the server writes on its behalf and the address support requests go to ("": none, the
// help screen then offers no request form).
type TenantSettings struct {
	Language     Language `json:"language"`
	SupportEmail string   `json:"supportEmail"`
	// TwoFactorPolicy says who must sign in with a second factor (default off).
	TwoFactorPolicy TwoFactorPolicy `json:"twoFactorPolicy"`
	Version         int64           `json:"version"`
}

// TenantSettingsInput replaces the tenant's settings (PUT /api/v1/tenant/settings).
type TenantSettingsInput struct {
	Language     Language `json:"language"`
	SupportEmail string   `json:"supportEmail"`
	// TwoFactorPolicy: "" keeps the current policy (a client that does not know the setting leaves it alone).
	TwoFactorPolicy TwoFactorPolicy `json:"twoFactorPolicy,omitempty"`
}

// SupportInfo is what the help screen shows of the server (GET /api/v1/support): the tenant's support address
// ("" when none is set) and the server's version.
type SupportInfo struct {
	SupportEmail  string `json:"supportEmail"`
	ServerVersion string `json:"serverVersion"`
}

// SupportDiagnostics are the facts a user may attach to a support request: versions, operating system, server and
// the numbers of the last errors the app showed. No personal data: no names, addresses or record contents.
type SupportDiagnostics struct {
	AppVersion string   `json:"appVersion"`
	OS         string   `json:"os"`
	ServerURL  string   `json:"serverUrl"`
	ErrorIDs   []string `json:"errorIds"`
}

// SupportRequest asks the tenant's support for help (POST /api/v1/support). The server mails it to the tenant's
// support address with the user's address as Reply-To; Diagnostics, when present (the user agreed), go along as an
// attachment. Subject is optional (SupportSubjectMax), Text required (SupportTextMax).
type SupportRequest struct {
	Subject     string              `json:"subject"`
	Text        string              `json:"text"`
	Diagnostics *SupportDiagnostics `json:"diagnostics,omitempty"`
}

// SupportReceipt (201) says that the request is queued for sending (the mail goes out even when the mail server is
// down for a while).
type SupportReceipt struct {
	ID string `json:"id"`
}
