/**
 * Inputs where Enter picks something (an option of a select or search field, a date) rather than saying "done":
 * Mantine's selects and comboboxes carry aria-haspopup="listbox", its date inputs data-dates-input.
 */
const PICKER_INPUT = 'input[aria-haspopup="listbox"], input[data-dates-input]';

/**
 * Keeps Enter in a picker from submitting its form: without it, Enter in a select whose list is closed, or in a date
 * field, saved the whole form by accident (the browser's implicit submission). Preventing the keydown's default
 * stops only that: the pickers' own handlers still choose the highlighted option. Installed once for the document,
 * so that every form, present and future, has it.
 */
export function keepEnterInPickers(root: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const target = event.target;
    if (target instanceof HTMLInputElement && target.form !== null && target.matches(PICKER_INPUT)) {
      event.preventDefault();
    }
  };
  root.addEventListener('keydown', onKeyDown, true);
  return () => {
    root.removeEventListener('keydown', onKeyDown, true);
  };
}
