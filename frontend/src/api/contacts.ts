import * as Contacts from '../lib/wailsjs/go/app/Contacts';
import { api } from '../lib/wailsjs/go/models';
import { call } from './errors';
import { withNearAddress } from './maps';
import type {
  ListQuery,
  Membership,
  MembershipInput,
  Organization,
  OrganizationCreate,
  OrganizationPage,
  OrganizationPatch,
  Person,
  PersonCreate,
  PersonPage,
  PersonPatch,
  SearchResult,
} from './types';

/** Persons, organisations, their links and the global search. Changes of existing records pass their version. */
export const contactsApi = {
  queryPersons: (query: ListQuery): Promise<PersonPage> =>
    withNearAddress(query, () => Contacts.QueryPersons(api.ListQuery.createFrom(query))),
  getPerson: (id: string): Promise<Person> => call(() => Contacts.GetPerson(id)),
  createPerson: (input: PersonCreate): Promise<Person> =>
    call(() => Contacts.CreatePerson(api.PersonCreate.createFrom(input))),
  updatePerson: (id: string, version: number, patch: PersonPatch): Promise<Person> =>
    call(() => Contacts.UpdatePerson(id, version, api.PersonPatch.createFrom(patch))),
  deletePerson: (id: string, version: number): Promise<void> => call(() => Contacts.DeletePerson(id, version)),
  restorePerson: (id: string): Promise<Person> => call(() => Contacts.RestorePerson(id)),

  /** Links a person to an organisation (or changes the link's role and primary flag); answers the person's links. */
  linkOrganization: async (personId: string, input: MembershipInput): Promise<Membership[]> =>
    (await call(() => Contacts.LinkOrganization(personId, input.organizationId, api.MembershipInput.createFrom(input))))
      .items,
  unlinkOrganization: async (personId: string, organizationId: string): Promise<Membership[]> =>
    (await call(() => Contacts.UnlinkOrganization(personId, organizationId))).items,

  queryOrganizations: (query: ListQuery): Promise<OrganizationPage> =>
    withNearAddress(query, () => Contacts.QueryOrganizations(api.ListQuery.createFrom(query))),
  getOrganization: (id: string): Promise<Organization> => call(() => Contacts.GetOrganization(id)),
  createOrganization: (input: OrganizationCreate): Promise<Organization> =>
    call(() => Contacts.CreateOrganization(api.OrganizationCreate.createFrom(input))),
  updateOrganization: (id: string, version: number, patch: OrganizationPatch): Promise<Organization> =>
    call(() => Contacts.UpdateOrganization(id, version, api.OrganizationPatch.createFrom(patch))),
  deleteOrganization: (id: string, version: number): Promise<void> =>
    call(() => Contacts.DeleteOrganization(id, version)),
  restoreOrganization: (id: string): Promise<Organization> => call(() => Contacts.RestoreOrganization(id)),
  /** Every person of an organisation the caller may see, by name. */
  organizationPersons: (id: string): Promise<PersonPage> => call(() => Contacts.OrganizationPersons(id)),

  /** Persons and organisations matching text (umlaut spellings are the server's business). */
  search: (text: string): Promise<SearchResult> => call(() => Contacts.Search(text)),
};
