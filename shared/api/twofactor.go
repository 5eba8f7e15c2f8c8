package api

import "time"

// TwoFactorPolicy says who in a tenant must sign in with a second factor (TenantSettings.TwoFactorPolicy).
type TwoFactorPolicy string

const (
	// TwoFactorOff: nobody must; everyone may.
	TwoFactorOff TwoFactorPolicy = "off"
	// TwoFactorAdmins: users whose role has the admin right must.
	TwoFactorAdmins TwoFactorPolicy = "admins"
	// TwoFactorEveryone: every user must.
	TwoFactorEveryone TwoFactorPolicy = "everyone"
)

// AllTwoFactorPolicies lists the policies.
var AllTwoFactorPolicies = []TwoFactorPolicy{TwoFactorOff, TwoFactorAdmins, TwoFactorEveryone}

// ChallengeKind is what a sign-in still needs after the password (SignInChallenge.Kind).
type ChallengeKind string

const (
	// ChallengeCode: the user has TOTP: a 6-digit code of the authenticator app or a recovery code
	// (POST /api/v1/auth/second-factor).
	ChallengeCode ChallengeKind = "code"
	// ChallengeEnrol: the tenant requires a second factor the user has not set up: enrolment first
	// (POST /api/v1/auth/enrolment, then POST /api/v1/auth/enrolment/confirm); nothing else is allowed.
	ChallengeEnrol ChallengeKind = "enrol"
)

// AllChallengeKinds lists the kinds.
var AllChallengeKinds = []ChallengeKind{ChallengeCode, ChallengeEnrol}

// TOTPCodeLength is the number of digits of a TOTP code (RFC 6238, 30 s steps, SHA-1, as authenticator apps
// expect).
const TOTPCodeLength = 6

// RecoveryCodeCount is how many recovery codes an enrolment gives, each usable once.
const RecoveryCodeCount = 10

// SignInChallenge is the answer to a correct password when the sign-in needs more (Session.Challenge): the token
// for the next step (valid until ExpiresAt, for that step only; it is no session) and what the step is.
type SignInChallenge struct {
	Token     string        `json:"token"`
	Kind      ChallengeKind `json:"kind"`
	ExpiresAt time.Time     `json:"expiresAt" ts_type:"string"`
}

// SecondFactorRequest completes a sign-in with a challenge of kind code: Code (6 digits) or RecoveryCode (one of
// the ten, each usable once), not both.
type SecondFactorRequest struct {
	Challenge    string `json:"challenge"`
	Code         string `json:"code,omitempty"`
	RecoveryCode string `json:"recoveryCode,omitempty"`
}

// EnrolmentRequest starts the enrolment a challenge of kind enrol asks for (POST /api/v1/auth/enrolment).
type EnrolmentRequest struct {
	Challenge string `json:"challenge"`
}

// EnrolmentConfirmRequest confirms an enrolment at sign-in with the first code of the app
// (POST /api/v1/auth/enrolment/confirm); the answer is the session with the recovery codes.
type EnrolmentConfirmRequest struct {
	Challenge string `json:"challenge"`
	Code      string `json:"code"`
}

// TOTPEnrolment is a new, not yet confirmed TOTP secret: the QR code to scan (a PNG as a data: URL), the same as
// an otpauth:// URI and the secret for typing in by hand (base32).
type TOTPEnrolment struct {
	Secret string `json:"secret"`
	URI    string `json:"uri"`
	QRCode string `json:"qrCode"`
}

// TOTPCode is a code of the user's authenticator app (confirming an enrolment, switching TOTP off).
type TOTPCode struct {
	Code string `json:"code"`
}

// RecoveryCodes are shown once, right after an enrolment is confirmed; the server keeps only their hashes.
type RecoveryCodes struct {
	Codes []string `json:"codes"`
}

// TwoFactorStatus is the signed-in user's second factor (GET /api/v1/me/two-factor), or a user's for an admin
// (GET /api/v1/users/{userID}/two-factor, with the recorded events).
type TwoFactorStatus struct {
	Enabled   bool       `json:"enabled"`
	EnabledAt *time.Time `json:"enabledAt,omitempty" ts_type:"string"`
	// RecoveryCodesLeft counts the unused recovery codes.
	RecoveryCodesLeft int `json:"recoveryCodesLeft"`
	// Required: the tenant's policy requires a second factor of this user.
	Required bool `json:"required"`
	// Events are the recorded security events of the user, newest first (admins' view only).
	Events []SecurityEvent `json:"events,omitempty"`
}

// SecurityAction names a recorded security event of a user.
type SecurityAction string

const (
	SecurityTOTPEnabled      SecurityAction = "totp_enabled"
	SecurityTOTPDisabled     SecurityAction = "totp_disabled"
	SecurityTOTPReset        SecurityAction = "totp_reset"
	SecurityRecoveryCodeUsed SecurityAction = "recovery_code_used"
	// SecurityRecoveryCodesRenewed: the user made ten new recovery codes (the old ones stopped working).
	SecurityRecoveryCodesRenewed SecurityAction = "recovery_codes_renewed"
	SecuritySessionsRevoked      SecurityAction = "sessions_revoked"
)

// AllSecurityActions lists the actions.
var AllSecurityActions = []SecurityAction{SecurityTOTPEnabled, SecurityTOTPDisabled, SecurityTOTPReset,
	SecurityRecoveryCodeUsed, SecurityRecoveryCodesRenewed, SecuritySessionsRevoked}

// SecurityEvent is one recorded security event: what happened to the user, who did it (ActorID; the user
// themself or an admin) and when.
type SecurityEvent struct {
	Action  SecurityAction `json:"action"`
	ActorID *string        `json:"actorId"`
	At      time.Time      `json:"at" ts_type:"string"`
}

// DeviceSession is one signed-in device of the user (GET /api/v1/me/sessions): the desktop's version and operating
// system as it reported them, when it signed in and was last used (its last token refresh), and where from: the
// address's network (/24 for IPv4, /48 for IPv6), not a place, since the server has no offline address-to-place
// data.
type DeviceSession struct {
	ID         string    `json:"id"`
	Current    bool      `json:"current"`
	AppVersion string    `json:"appVersion"`
	OS         string    `json:"os"`
	Network    string    `json:"network"`
	CreatedAt  time.Time `json:"createdAt" ts_type:"string"`
	LastUsedAt time.Time `json:"lastUsedAt" ts_type:"string"`
}

// DeviceSessionList lists the live sessions, the most recently used first.
type DeviceSessionList struct {
	Items []DeviceSession `json:"items"`
}
