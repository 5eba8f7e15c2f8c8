import type { LeadDuplicate } from '../../api';

/** Where a possible duplicate's page is. */
export function duplicatePath(duplicate: LeadDuplicate): string | null {
  switch (duplicate.recordType) {
    case 'lead':
      return `/leads/${duplicate.id}`;
    case 'person':
      return `/persons/${duplicate.id}`;
    case 'organization':
      return `/organizations/${duplicate.id}`;
    default:
      return null;
  }
}
