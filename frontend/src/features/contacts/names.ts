import type { TFunction } from 'i18next';
import type { Membership, Person } from '../../api';

/** A person's display name: the name, else the first e-mail address, else "(ohne Namen)". */
export function personName(t: TFunction, person: Pick<Person, 'name' | 'emails'>): string {
  const name = person.name.trim();
  if (name !== '') return name;
  return person.emails[0]?.value ?? t('persons.noName');
}

/** The name with the academic title in front: "Dr. Anna Müller". */
export function personFullName(t: TFunction, person: Pick<Person, 'name' | 'emails' | 'title'>): string {
  const name = personName(t, person);
  return person.title.trim() !== '' && person.name.trim() !== '' ? `${person.title.trim()} ${name}` : name;
}

/** The organisation a person belongs to first: the primary one, else the first. */
export function mainMembership(memberships: readonly Membership[]): Membership | undefined {
  return memberships.find((membership) => membership.primary) ?? memberships[0];
}
