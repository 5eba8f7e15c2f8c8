package api

import "time"

// Salutation of a person.
type Salutation string

const (
	SalutationNone   Salutation = "none"
	SalutationHerr   Salutation = "herr"
	SalutationFrau   Salutation = "frau"
	SalutationDivers Salutation = "divers"
)

// AllSalutations lists the salutations in display order.
var AllSalutations = []Salutation{SalutationNone, SalutationHerr, SalutationFrau, SalutationDivers}

// ContactKind says what an e-mail address or phone number is for.
type ContactKind string

const (
	ContactWork    ContactKind = "work"
	ContactMobile  ContactKind = "mobile"
	ContactPrivate ContactKind = "private"
)

// AllContactKinds lists the kinds in display order.
var AllContactKinds = []ContactKind{ContactWork, ContactMobile, ContactPrivate}

// ContactPoint is an e-mail address or a phone number with its kind.
type ContactPoint struct {
	Value string      `json:"value"`
	Kind  ContactKind `json:"kind"`
}

// Address is a postal address. Country is an ISO 3166-1 alpha-2 code ("DE"); empty when unknown.
type Address struct {
	Street     string `json:"street"`
	PostalCode string `json:"postalCode"`
	City       string `json:"city"`
	Country    string `json:"country"`
}

// CustomValues holds custom field values by field ID, each in its canonical text form: numbers as "1234.5"
// (dot, no grouping), yes/no as "true"/"false", text as is. An absent key or "" means no value; in a patch, ""
// clears the value.
type CustomValues map[string]string

// Membership links a person to an organisation.
type Membership struct {
	OrganizationID   string `json:"organizationId"`
	OrganizationName string `json:"organizationName"`
	PersonID         string `json:"personId"`
	PersonName       string `json:"personName"`
	Role             string `json:"role"`
	Primary          bool   `json:"primary"`
}

// MembershipInput links a person to an organisation with an optional role; at most one membership per person is
// primary.
type MembershipInput struct {
	OrganizationID string `json:"organizationId"`
	Role           string `json:"role"`
	Primary        bool   `json:"primary"`
}

// Person is a contact.
type Person struct {
	ID            string         `json:"id"`
	Salutation    Salutation     `json:"salutation"`
	Title         string         `json:"title"`
	FirstName     string         `json:"firstName"`
	LastName      string         `json:"lastName"`
	Name          string         `json:"name"`
	JobTitle      string         `json:"jobTitle"`
	Emails        []ContactPoint `json:"emails"`
	Phones        []ContactPoint `json:"phones"`
	Address       Address        `json:"address"`
	OwnerID       string         `json:"ownerId"`
	OwnerName     string         `json:"ownerName"`
	Organizations []Membership   `json:"organizations"`
	Custom        CustomValues   `json:"custom"`
	Version       int64          `json:"version"`
	CreatedAt     time.Time      `json:"createdAt" ts_type:"string"`
	UpdatedAt     time.Time      `json:"updatedAt" ts_type:"string"`
	// Position is where the address lies (nil while it is being geocoded, or without an address).
	Position *Position `json:"position"`
	// Via is set when the person has no address of its own (no street, postal code or city) and the caller may see
	// its primary organisation: the person sits at that organisation's address on maps and in the city column.
	Via *PlacedVia `json:"via"`
	// DistanceKm is the distance to the reference of a list's Near condition.
	DistanceKm *float64 `json:"distanceKm,omitempty"`
}

// PersonCreate creates a person. OwnerID defaults to the caller. A person needs a last name or an e-mail address.
// When another person of the tenant has one of the e-mail addresses, the create is refused with 409
// person.duplicate_email unless AllowDuplicate is set (the UI asks first).
type PersonCreate struct {
	Salutation     Salutation        `json:"salutation"`
	Title          string            `json:"title"`
	FirstName      string            `json:"firstName"`
	LastName       string            `json:"lastName"`
	JobTitle       string            `json:"jobTitle"`
	Emails         []ContactPoint    `json:"emails"`
	Phones         []ContactPoint    `json:"phones"`
	Address        Address           `json:"address"`
	OwnerID        string            `json:"ownerId"`
	Organizations  []MembershipInput `json:"organizations"`
	Custom         CustomValues      `json:"custom"`
	AllowDuplicate bool              `json:"allowDuplicate"`
}

// PersonPatch changes a person; absent fields stay. Lists, when present, replace the stored list. Custom
// changes only the keys it holds.
type PersonPatch struct {
	Salutation *Salutation     `json:"salutation,omitempty"`
	Title      *string         `json:"title,omitempty"`
	FirstName  *string         `json:"firstName,omitempty"`
	LastName   *string         `json:"lastName,omitempty"`
	JobTitle   *string         `json:"jobTitle,omitempty"`
	Emails     *[]ContactPoint `json:"emails,omitempty"`
	Phones     *[]ContactPoint `json:"phones,omitempty"`
	Address    *Address        `json:"address,omitempty"`
	OwnerID    *string         `json:"ownerId,omitempty"`
	Custom     CustomValues    `json:"custom,omitempty"`
}

// PersonPage is one page of a person list.
type PersonPage struct {
	Items []Person `json:"items"`
	// NextCursor continues the list after the last item; "" on the last page.
	NextCursor string `json:"nextCursor"`
	// Total counts the matching records up to a cap; TotalCapped says the real number is higher.
	Total       int  `json:"total"`
	TotalCapped bool `json:"totalCapped"`
}

// Organization is a company or institution.
type Organization struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Address     Address      `json:"address"`
	Phone       string       `json:"phone"`
	Email       string       `json:"email"`
	Website     string       `json:"website"`
	Industry    string       `json:"industry"`
	OwnerID     string       `json:"ownerId"`
	OwnerName   string       `json:"ownerName"`
	PersonCount int          `json:"personCount"`
	Custom      CustomValues `json:"custom"`
	Version     int64        `json:"version"`
	CreatedAt   time.Time    `json:"createdAt" ts_type:"string"`
	UpdatedAt   time.Time    `json:"updatedAt" ts_type:"string"`
	// Position is where the address lies (nil while it is being geocoded, or without an address).
	Position *Position `json:"position"`
	// DistanceKm is the distance to the reference of a list's Near condition.
	DistanceKm *float64 `json:"distanceKm,omitempty"`
}

// OrganizationCreate creates an organisation; OwnerID defaults to the caller.
type OrganizationCreate struct {
	Name     string       `json:"name"`
	Address  Address      `json:"address"`
	Phone    string       `json:"phone"`
	Email    string       `json:"email"`
	Website  string       `json:"website"`
	Industry string       `json:"industry"`
	OwnerID  string       `json:"ownerId"`
	Custom   CustomValues `json:"custom"`
}

// OrganizationPatch changes an organisation; absent fields stay.
type OrganizationPatch struct {
	Name     *string      `json:"name,omitempty"`
	Address  *Address     `json:"address,omitempty"`
	Phone    *string      `json:"phone,omitempty"`
	Email    *string      `json:"email,omitempty"`
	Website  *string      `json:"website,omitempty"`
	Industry *string      `json:"industry,omitempty"`
	OwnerID  *string      `json:"ownerId,omitempty"`
	Custom   CustomValues `json:"custom,omitempty"`
}

// OrganizationPage is one page of an organisation list.
type OrganizationPage struct {
	Items       []Organization `json:"items"`
	NextCursor  string         `json:"nextCursor"`
	Total       int            `json:"total"`
	TotalCapped bool           `json:"totalCapped"`
}

// MembershipList lists the links of a person or an organisation.
type MembershipList struct {
	Items []Membership `json:"items"`
}
