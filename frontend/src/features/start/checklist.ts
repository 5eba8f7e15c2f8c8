import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { adminApi } from '../../api';

export const checklistKey = ['admin', 'checklist'] as const;

/** The first-run checklist's steps that are done (admins only: enabled false for everyone else). */
export function useChecklist(enabled: boolean) {
  return useQuery({ queryKey: checklistKey, queryFn: adminApi.setupChecklist, enabled });
}

const dismissedKey = (tenantId: string) => `onesales.checklist.dismissed.${tenantId}`;

function readDismissed(tenantId: string): boolean {
  try {
    return window.localStorage.getItem(dismissedKey(tenantId)) === '1';
  } catch {
    return false;
  }
}

/** Whether the admin hid the checklist of the company (kept in the webview's storage, per company). */
export function useChecklistDismissed(tenantId: string): [boolean, () => void] {
  const [dismissed, setDismissed] = useState(() => readDismissed(tenantId));
  const dismiss = useCallback(() => {
    try {
      window.localStorage.setItem(dismissedKey(tenantId), '1');
    } catch {
      // Without storage the card stays hidden for this session only.
    }
    setDismissed(true);
  }, [tenantId]);
  return [dismissed, dismiss];
}
