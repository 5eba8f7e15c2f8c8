package app

import (
	"net/url"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Contacts shows and changes persons and organisations and their links, and runs the global search. The server
// decides what the caller may see and do; these methods only pass the calls through the signed-in session.
type Contacts struct{ c *core }

// QueryPersons returns one page of the persons q selects; the UI sends the page's NextCursor back as q.Cursor.
func (s *Contacts) QueryPersons(q api.ListQuery) (api.PersonPage, error) {
	return client.Read[api.PersonPage](s.c.ctx, s.c, client.Path("persons", "query"), q)
}

func (s *Contacts) GetPerson(id string) (api.Person, error) {
	return client.Get[api.Person](s.c.ctx, s.c, client.Path("persons", id), nil)
}

// CreatePerson creates a person. A 409 person.duplicate_email names the duplicate addresses in its fields; the
// UI asks and sends the create again with AllowDuplicate.
func (s *Contacts) CreatePerson(in api.PersonCreate) (api.Person, error) {
	return client.Create[api.Person](s.c.ctx, s.c, client.Path("persons"), in)
}

// UpdatePerson changes a person; version is the one the UI showed, so a concurrent change fails with 412.
func (s *Contacts) UpdatePerson(id string, version int64, patch api.PersonPatch) (api.Person, error) {
	return client.Patch[api.Person](s.c.ctx, s.c, client.Path("persons", id), version, patch)
}

// DeletePerson moves a person to the trash.
func (s *Contacts) DeletePerson(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("persons", id), version)
}

// RestorePerson brings a person back from the trash.
func (s *Contacts) RestorePerson(id string) (api.Person, error) {
	return client.Post[api.Person](s.c.ctx, s.c, client.Path("persons", id, "restore"), nil)
}

// LinkOrganization links a person to an organisation or changes the link's role and primary flag; it answers
// the person's memberships. in.OrganizationID is ignored: the path names the organisation.
func (s *Contacts) LinkOrganization(personID, organizationID string, in api.MembershipInput) (api.MembershipList, error) {
	return client.Put[api.MembershipList](s.c.ctx, s.c,
		client.Path("persons", personID, "organizations", organizationID), in)
}

// UnlinkOrganization removes a person's link to an organisation; it answers the remaining memberships.
func (s *Contacts) UnlinkOrganization(personID, organizationID string) (api.MembershipList, error) {
	return client.Unlink[api.MembershipList](s.c.ctx, s.c,
		client.Path("persons", personID, "organizations", organizationID))
}

func (s *Contacts) QueryOrganizations(q api.ListQuery) (api.OrganizationPage, error) {
	return client.Read[api.OrganizationPage](s.c.ctx, s.c, client.Path("organizations", "query"), q)
}

func (s *Contacts) GetOrganization(id string) (api.Organization, error) {
	return client.Get[api.Organization](s.c.ctx, s.c, client.Path("organizations", id), nil)
}

func (s *Contacts) CreateOrganization(in api.OrganizationCreate) (api.Organization, error) {
	return client.Create[api.Organization](s.c.ctx, s.c, client.Path("organizations"), in)
}

func (s *Contacts) UpdateOrganization(id string, version int64, patch api.OrganizationPatch) (api.Organization, error) {
	return client.Patch[api.Organization](s.c.ctx, s.c, client.Path("organizations", id), version, patch)
}

// DeleteOrganization moves an organisation to the trash.
func (s *Contacts) DeleteOrganization(id string, version int64) error {
	return client.Delete(s.c.ctx, s.c, client.Path("organizations", id), version)
}

// RestoreOrganization brings an organisation back from the trash.
func (s *Contacts) RestoreOrganization(id string) (api.Organization, error) {
	return client.Post[api.Organization](s.c.ctx, s.c, client.Path("organizations", id, "restore"), nil)
}

// OrganizationPersons lists every person of an organisation the caller may see, by name.
func (s *Contacts) OrganizationPersons(id string) (api.PersonPage, error) {
	return client.Get[api.PersonPage](s.c.ctx, s.c, client.Path("organizations", id, "persons"), nil)
}

// Search is the global search box: up to 10 persons and 10 organisations.
func (s *Contacts) Search(q string) (api.SearchResult, error) {
	return client.Get[api.SearchResult](s.c.ctx, s.c, client.Path("search"), url.Values{"q": {q}})
}
