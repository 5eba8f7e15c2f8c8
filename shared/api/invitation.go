package api

import "time"

// Lifetimes of the links the server mails.
const (
	// InvitationDays is how long an invitation's link is valid (a resend starts it again).
	InvitationDays = 7
	// PasswordResetMinutes is how long a password reset's link is valid.
	PasswordResetMinutes = 30
	// LinkTokenLength is the length of a link's token (32 random bytes, unpadded base64url).
	LinkTokenLength = 43
)

// Invitation is an open invitation of a colleague by e-mail (GET /api/v1/invitations, admins only): sent to Email,
// who becomes a user of the unit and role once they accept it and set a password.
type Invitation struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	UnitID string `json:"unitId"`
	RoleID string `json:"roleId"`
	// InvitedBy is the admin who invited ("" for the operator, who invites a new company's first admin), with
	// their name.
	InvitedBy     string    `json:"invitedBy"`
	InvitedByName string    `json:"invitedByName"`
	SentAt        time.Time `json:"sentAt" ts_type:"string"`
	ExpiresAt     time.Time `json:"expiresAt" ts_type:"string"`
	// Expired: the link is no longer valid; a resend makes a new one.
	Expired   bool      `json:"expired"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
}

// InvitationCreate invites a colleague (POST /api/v1/invitations).
type InvitationCreate struct {
	Email  string `json:"email"`
	Name   string `json:"name"`
	UnitID string `json:"unitId"`
	RoleID string `json:"roleId"`
}

// InvitationList is the open invitations of the company, the newest first.
type InvitationList struct {
	Items []Invitation `json:"items"`
}

// LinkPassword sets a password through a mailed link: an invitation's acceptance
// (POST /api/v1/invitations/accept) or a password reset (POST /api/v1/auth/password-reset/confirm).
type LinkPassword struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// PasswordResetRequest asks for a password reset link (POST /api/v1/auth/password-reset). The answer is the same
// whether or not the address has an account.
type PasswordResetRequest struct {
	Email string `json:"email"`
}

// OperatorTenantCreate creates a customer company with its first admin, who is invited by e-mail
// (POST /api/v1/operator/tenants, the operator's token only).
type OperatorTenantCreate struct {
	Name       string `json:"name"`
	Plan       Plan   `json:"plan"`
	AdminEmail string `json:"adminEmail"`
	AdminName  string `json:"adminName"`
	// Language of the company's mails ("": German).
	Language Language `json:"language"`
}

// OperatorTenant is the company the operator created and the invitation of its first admin.
type OperatorTenant struct {
	TenantID     string `json:"tenantId"`
	InvitationID string `json:"invitationId"`
}

// SetupStep is a step of a new company's first-run checklist.
type SetupStep string

// The steps, in the order the checklist shows them.
const (
	// SetupTeam: colleagues invited (or added with a password).
	SetupTeam SetupStep = "team"
	// SetupUnits: the sales units or the roles set up beyond the defaults.
	SetupUnits SetupStep = "units"
	// SetupPipelines: a pipeline made.
	SetupPipelines SetupStep = "pipelines"
	// SetupCustomFields: a custom field made.
	SetupCustomFields SetupStep = "customFields"
	// SetupLeadSource: a lead source made.
	SetupLeadSource SetupStep = "leadSource"
	// SetupImport: data imported.
	SetupImport SetupStep = "import"
)

// AllSetupSteps lists the steps in their order.
var AllSetupSteps = []SetupStep{SetupTeam, SetupUnits, SetupPipelines, SetupCustomFields, SetupLeadSource, SetupImport}

// SetupChecklist is a company's first-run checklist (GET /api/v1/tenant/checklist, admins): which steps are done,
// each ticked by what exists in the company, and whether the checklist is offered at all: only to a new customer
// company, for 30 days after the operator created it (create-tenant, the operator API); never to the demo company.
type SetupChecklist struct {
	Offered bool        `json:"offered"`
	Done    []SetupStep `json:"done"`
}
