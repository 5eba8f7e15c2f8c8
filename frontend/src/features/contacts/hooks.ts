import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  contactsApi,
  type MembershipInput,
  type OrganizationCreate,
  type OrganizationPatch,
  type PersonCreate,
  type PersonPatch,
} from '../../api';
import { invalidateRecord, recordKeys } from '../records/keys';

export function usePerson(id: string) {
  return useQuery({ queryKey: recordKeys.detail('person', id), queryFn: () => contactsApi.getPerson(id) });
}

export function useOrganization(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: recordKeys.detail('organization', id),
    queryFn: () => contactsApi.getOrganization(id),
    enabled: enabled && id !== '',
  });
}

export function useOrganizationPersons(id: string) {
  return useQuery({
    queryKey: recordKeys.related('organization', id, 'persons'),
    queryFn: () => contactsApi.organizationPersons(id),
  });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonCreate) => contactsApi.createPerson(input),
    onSettled: (person) => invalidateRecord(client, 'person', person?.id, ['organization']),
  });
}

export function useUpdatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: PersonPatch }) =>
      contactsApi.updatePerson(id, version, patch),
    onSettled: (_person, _error, { id }) => invalidateRecord(client, 'person', id, ['organization']),
  });
}

export function useLinkOrganization(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MembershipInput) => contactsApi.linkOrganization(personId, input),
    onSettled: () => invalidateRecord(client, 'person', personId, ['organization']),
  });
}

export function useUnlinkOrganization(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) => contactsApi.unlinkOrganization(personId, organizationId),
    onSettled: () => invalidateRecord(client, 'person', personId, ['organization']),
  });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationCreate) => contactsApi.createOrganization(input),
    onSettled: (organization) => invalidateRecord(client, 'organization', organization?.id, ['person']),
  });
}

export function useUpdateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: OrganizationPatch }) =>
      contactsApi.updateOrganization(id, version, patch),
    onSettled: (_organization, _error, { id }) => invalidateRecord(client, 'organization', id, ['person']),
  });
}

export function useSearch(text: string) {
  return useQuery({
    queryKey: recordKeys.search(text),
    queryFn: () => contactsApi.search(text),
    enabled: text.trim().length >= 2,
    staleTime: 10_000,
  });
}
