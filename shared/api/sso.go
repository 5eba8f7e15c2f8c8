package api

// Limits of the single sign-on settings (GET and PUT /api/v1/tenant/sso), in characters.
const (
	SSOIssuerMax       = 500
	SSOClientIDMax     = 255
	SSOClientSecretMax = 1000
	// SSODomainsMax is how many e-mail domains one tenant's provider serves at most.
	SSODomainsMax = 20
)

// SSOSettings are a tenant's single sign-on through an OpenID Connect provider (GET /api/v1/tenant/sso, admins).
// Configured is false while none was ever saved (the other fields are then empty). The client secret is never
// answered: ClientSecretSet says whether one is stored.
type SSOSettings struct {
	Configured       bool     `json:"configured"`
	Enabled          bool     `json:"enabled"`
	Issuer           string   `json:"issuer"`
	ClientID         string   `json:"clientId"`
	ClientSecretSet  bool     `json:"clientSecretSet"`
	Domains          []string `json:"domains"`
	DefaultUnitID    string   `json:"defaultUnitId"`
	DefaultRoleID    string   `json:"defaultRoleId"`
	PasswordDisabled bool     `json:"passwordDisabled"`
	// RedirectURI is what to register at the provider: the desktop's loopback address (any port, RFC 8252).
	RedirectURI string `json:"redirectUri"`
	Version     int64  `json:"version"`
}

// SSOSettingsInput replaces the tenant's single sign-on settings (PUT /api/v1/tenant/sso, admins). ClientSecret
// nil keeps the stored secret, "" removes it (a public client with PKCE only), any other value replaces it.
// Issuer is an https:// URL (http:// only to this computer, for tests); Domains are lower-case e-mail domains
// that no other company uses for single sign-on.
type SSOSettingsInput struct {
	Enabled          bool     `json:"enabled"`
	Issuer           string   `json:"issuer"`
	ClientID         string   `json:"clientId"`
	ClientSecret     *string  `json:"clientSecret,omitempty"`
	Domains          []string `json:"domains"`
	DefaultUnitID    string   `json:"defaultUnitId"`
	DefaultRoleID    string   `json:"defaultRoleId"`
	PasswordDisabled bool     `json:"passwordDisabled"`
}

// SSOBeginRequest starts a sign-in through the provider of the address's domain (POST /api/v1/auth/oidc/begin):
// RedirectURI is the desktop's loopback listener, http://127.0.0.1:<port>/<path> (or [::1]). An address whose
// domain has no single sign-on is refused on the field email with FieldNoSSO; whether the address has an account
// is never told.
type SSOBeginRequest struct {
	Email       string `json:"email"`
	RedirectURI string `json:"redirectUri"`
}

// SSOBegin is where to send the browser: the provider's authorization URL with state, nonce and the PKCE
// challenge. The login expires after SSOLoginMinutes.
type SSOBegin struct {
	AuthURL string `json:"authUrl"`
}

// SSOLoginMinutes is how long a begun sign-in may take to finish.
const SSOLoginMinutes = 10

// SSOFinishRequest finishes the sign-in with what the provider sent to the loopback redirect (POST
// /api/v1/auth/oidc/finish); the answer is a Session as for a password sign-in. Every refusal (unknown or spent
// state, a token that fails verification, an address outside the tenant's domains) is 401 auth.sso_failed.
type SSOFinishRequest struct {
	State string `json:"state"`
	Code  string `json:"code"`
}
