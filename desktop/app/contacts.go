package app

import "github.com/1sales/app/shared/api"

// Contacts shows and changes persons and organisations and their links, and runs the global search. The server
// decides what the caller may see and do; these methods only pass the calls through the signed-in session.
type Contacts struct{ c *core }

// QueryPersons returns one page of the persons q selects; the UI sends the page's NextCursor back as q.Cursor.
func (s *Contacts) QueryPersons(q api.ListQuery) (api.PersonPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.PersonPage{}, err
	}
	return cl.QueryPersons(s.c.ctx, q)
}

func (s *Contacts) GetPerson(id string) (api.Person, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Person{}, err
	}
	return cl.GetPerson(s.c.ctx, id)
}

// CreatePerson creates a person. A 409 person.duplicate_email names the duplicate addresses in its fields; the
// UI asks and sends the create again with AllowDuplicate.
func (s *Contacts) CreatePerson(in api.PersonCreate) (api.Person, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Person{}, err
	}
	return cl.CreatePerson(s.c.ctx, in)
}

// UpdatePerson changes a person; version is the one the UI showed, so a concurrent change fails with 412.
func (s *Contacts) UpdatePerson(id string, version int64, patch api.PersonPatch) (api.Person, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Person{}, err
	}
	return cl.UpdatePerson(s.c.ctx, id, version, patch)
}

// DeletePerson moves a person to the trash.
func (s *Contacts) DeletePerson(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeletePerson(s.c.ctx, id, version)
}

func (s *Contacts) RestorePerson(id string) (api.Person, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Person{}, err
	}
	return cl.RestorePerson(s.c.ctx, id)
}

// LinkOrganization links a person to an organisation or changes the link's role and primary flag; it answers
// the person's memberships.
func (s *Contacts) LinkOrganization(personID, organizationID string, in api.MembershipInput) (api.MembershipList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.MembershipList{}, err
	}
	return cl.LinkOrganization(s.c.ctx, personID, organizationID, in)
}

func (s *Contacts) UnlinkOrganization(personID, organizationID string) (api.MembershipList, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.MembershipList{}, err
	}
	return cl.UnlinkOrganization(s.c.ctx, personID, organizationID)
}

func (s *Contacts) QueryOrganizations(q api.ListQuery) (api.OrganizationPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.OrganizationPage{}, err
	}
	return cl.QueryOrganizations(s.c.ctx, q)
}

func (s *Contacts) GetOrganization(id string) (api.Organization, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Organization{}, err
	}
	return cl.GetOrganization(s.c.ctx, id)
}

func (s *Contacts) CreateOrganization(in api.OrganizationCreate) (api.Organization, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Organization{}, err
	}
	return cl.CreateOrganization(s.c.ctx, in)
}

func (s *Contacts) UpdateOrganization(id string, version int64, patch api.OrganizationPatch) (api.Organization, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Organization{}, err
	}
	return cl.UpdateOrganization(s.c.ctx, id, version, patch)
}

// DeleteOrganization moves an organisation to the trash.
func (s *Contacts) DeleteOrganization(id string, version int64) error {
	cl, err := s.c.session()
	if err != nil {
		return err
	}
	return cl.DeleteOrganization(s.c.ctx, id, version)
}

func (s *Contacts) RestoreOrganization(id string) (api.Organization, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.Organization{}, err
	}
	return cl.RestoreOrganization(s.c.ctx, id)
}

// OrganizationPersons lists every person of an organisation the caller may see, by name.
func (s *Contacts) OrganizationPersons(id string) (api.PersonPage, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.PersonPage{}, err
	}
	return cl.OrganizationPersons(s.c.ctx, id)
}

// Search is the global search box: up to 10 persons and 10 organisations.
func (s *Contacts) Search(q string) (api.SearchResult, error) {
	cl, err := s.c.session()
	if err != nil {
		return api.SearchResult{}, err
	}
	return cl.Search(s.c.ctx, q)
}
