import type { TFunction } from 'i18next';
import type { AssignedLeads } from '../../api';

/** How many lead titles the notice names; the rest is "and more". */
export const NOTICE_TITLES = 3;

/** The notice's texts for newly assigned leads: "3 neue Leads wurden Ihnen zugewiesen: A, B, C". */
export function assignedNotice(t: TFunction, assigned: AssignedLeads): { title: string; message: string } {
  const named = assigned.items
    .slice(0, NOTICE_TITLES)
    .map((lead) => lead.title)
    .filter((title) => title !== '');
  const more = assigned.count > named.length ? [t('intake.notice.more')] : [];
  const titles = [...named, ...more].join(', ');
  return {
    title: t('intake.notice.title', { count: assigned.count }),
    message: t('intake.notice.message', { count: assigned.count, titles }),
  };
}

/** The page a notice opens: the one lead itself, or the lead list. */
export function assignedPath(assigned: AssignedLeads): string {
  const [first] = assigned.items;
  return assigned.count === 1 && first !== undefined ? `/leads/${first.id}` : '/leads?view=list';
}
