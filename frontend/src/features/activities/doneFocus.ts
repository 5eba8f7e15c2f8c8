/**
 * Where the keyboard focus goes when an activity is ticked off (or opened again): its row may leave the list (a
 * list of open ones) or move (a record's card lists the done ones below), and the focus would fall back to the
 * page. It goes to the next row's checkbox instead (the previous one at the end), or to the list itself when no row
 * is left. Lists mark themselves with activityListProps; DoneCheckbox calls keepFocusAfterToggle.
 */

/** How long after a toggle a lost focus is still put back (the row moves when the server has answered). */
const WATCH_MS = 5_000;
const CHECK_MS = 100;

/** The props of an element that holds activity rows: the place the focus goes when no row is left. */
export function activityListProps(label: string) {
  return { 'data-activity-list': '', tabIndex: -1, role: 'group', 'aria-label': label } as const;
}

function checkboxOf(root: ParentNode, activityId: string | undefined): HTMLElement | null {
  if (!activityId) return null;
  return root.querySelector<HTMLElement>(`input[data-activity-id="${CSS.escape(activityId)}"]`);
}

/** Called with the checkbox just toggled, before its row changes. */
export function keepFocusAfterToggle(checkbox: HTMLElement): void {
  const list = checkbox.closest<HTMLElement>('[data-activity-list]');
  if (!list) return;
  const boxes = [...list.querySelectorAll<HTMLElement>('input[data-activity-id]')];
  const index = boxes.indexOf(checkbox);
  const own = checkbox.dataset.activityId;
  // The rows after it first, then the ones before it, nearest first.
  const candidates = [...boxes.slice(index + 1), ...boxes.slice(0, Math.max(index, 0)).reverse()]
    .map((box) => box.dataset.activityId)
    .filter((id) => id !== own);
  const until = Date.now() + WATCH_MS;
  const check = () => {
    const focused = document.activeElement;
    const lost = !focused || focused === document.body || !focused.isConnected;
    if (!lost) {
      // Still on the checkbox (its row has not changed yet): keep watching; elsewhere: the user moved on.
      if (focused === checkbox && Date.now() < until) window.setTimeout(check, CHECK_MS);
      return;
    }
    const root = list.isConnected ? list : document;
    const next = candidates.map((id) => checkboxOf(root, id)).find((box) => box !== null);
    if (next) next.focus();
    else if (list.isConnected) list.focus();
  };
  window.setTimeout(check, CHECK_MS);
}
