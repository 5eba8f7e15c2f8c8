import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/**
 * After a record is created, its page opens with the keyboard focus on its title (RecordDetailLayout), so that a
 * screen reader says where the user is and Tab goes on from the record's page, not from the top of the window.
 */
const FOCUS_TITLE = 'focusTitle';

/** Opens the page of a record just created, asking it to focus its title. */
export function useOpenCreatedRecord(): (path: string) => void {
  const navigate = useNavigate();
  return useCallback(
    (path: string) => {
      void navigate(path, { state: { [FOCUS_TITLE]: true } });
    },
    [navigate],
  );
}

/** Whether the route's state asks the page to focus its title. */
export function wantsTitleFocus(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)[FOCUS_TITLE] === true;
}
