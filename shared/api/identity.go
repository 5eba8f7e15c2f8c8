package api

import "time"

// Plan is a tenant's subscription plan.
type Plan string

const (
	// PlanBasic: 1 GB storage per user, a limited number of pipelines.
	PlanBasic Plan = "basic"
	// PlanProfessional: 50 GB storage per user, unlimited pipelines.
	PlanProfessional Plan = "professional"
)

// AllPlans lists the plans.
var AllPlans = []Plan{PlanBasic, PlanProfessional}

// Tenant is a customer company.
type Tenant struct {
	ID                  string `json:"id"`
	Name                string `json:"name"`
	Plan                Plan   `json:"plan"`
	StorageBytesPerUser int64  `json:"storageBytesPerUser"`
	// MaxPipelines is 0 for unlimited.
	MaxPipelines int `json:"maxPipelines"`
}

// LoginRequest signs a user in.
type LoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// RefreshRequest exchanges a refresh token for a new token pair; the old refresh token is spent.
type RefreshRequest struct {
	RefreshToken string `json:"refreshToken"`
}

// LogoutRequest ends the session the refresh token belongs to.
type LogoutRequest struct {
	RefreshToken string `json:"refreshToken"`
}

// Session is the answer to a sign-in or a refresh. When the password was right but the sign-in needs a second
// factor (or its enrolment) first, only Challenge is set: no tokens, no Me. RecoveryCodes are set once, in the
// answer that confirms an enrolment at sign-in.
type Session struct {
	AccessToken     string           `json:"accessToken"`
	AccessExpiresAt time.Time        `json:"accessExpiresAt" ts_type:"string"`
	RefreshToken    string           `json:"refreshToken"`
	Me              Me               `json:"me"`
	Challenge       *SignInChallenge `json:"challenge,omitempty"`
	RecoveryCodes   []string         `json:"recoveryCodes,omitempty"`
}

// Me describes the signed-in user with everything the UI needs to decide what to show.
type Me struct {
	User   User   `json:"user"`
	Tenant Tenant `json:"tenant"`
	Role   Role   `json:"role"`
	Unit   Unit   `json:"unit"`
	// DefaultScope is whose work the dashboard and the activity list show when the user has not chosen: the team
	// when the role lets the user see the team's deals, else the user's own.
	DefaultScope DashboardScope `json:"defaultScope"`
}

// PasswordChange changes the signed-in user's own password. Other sessions of the user end.
type PasswordChange struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

// User is a member of a tenant.
type User struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	UnitID    string    `json:"unitId"`
	RoleID    string    `json:"roleId"`
	Active    bool      `json:"active"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// UserCreate is sent by an admin to create a user.
type UserCreate struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Password string `json:"password"`
	UnitID   string `json:"unitId"`
	RoleID   string `json:"roleId"`
}

// UserPatch changes a user; absent fields stay. Setting Active to false ends the user's sessions at once.
type UserPatch struct {
	Name     *string `json:"name,omitempty"`
	UnitID   *string `json:"unitId,omitempty"`
	RoleID   *string `json:"roleId,omitempty"`
	Active   *bool   `json:"active,omitempty"`
	Password *string `json:"password,omitempty"`
}

// UserList is the list of a tenant's users.
type UserList struct {
	Items []User `json:"items"`
}

// Unit is a node of the sales hierarchy. The root has no parent.
type Unit struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	ParentID  *string   `json:"parentId"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// UnitCreate creates a unit below ParentID.
type UnitCreate struct {
	Name     string `json:"name"`
	ParentID string `json:"parentId"`
}

// UnitPatch renames or moves a unit.
type UnitPatch struct {
	Name     *string `json:"name,omitempty"`
	ParentID *string `json:"parentId,omitempty"`
}

// UnitList is the whole tree as a flat list (parents before children).
type UnitList struct {
	Items []Unit `json:"items"`
}

// Role is a named set of grants plus the admin right for settings and users.
type Role struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	IsAdmin   bool      `json:"isAdmin"`
	Grants    []Grant   `json:"grants"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// RoleCreate creates a role. Grants not listed are ScopeNone.
type RoleCreate struct {
	Name    string  `json:"name"`
	IsAdmin bool    `json:"isAdmin"`
	Grants  []Grant `json:"grants"`
}

// RolePatch changes a role; Grants, when present, replaces the whole matrix.
type RolePatch struct {
	Name    *string  `json:"name,omitempty"`
	IsAdmin *bool    `json:"isAdmin,omitempty"`
	Grants  *[]Grant `json:"grants,omitempty"`
}

// RoleList lists a tenant's roles.
type RoleList struct {
	Items []Role `json:"items"`
}
