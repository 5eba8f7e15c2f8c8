import { useCallback, useState } from 'react';

export interface DialogState<T> {
  /** What the dialog is about; kept after closing so that title and content stay while the modal fades out. */
  value: T | null;
  opened: boolean;
  open: (value: T) => void;
  close: () => void;
}

export function useDialog<T>(): DialogState<T> {
  const [state, setState] = useState<{ value: T | null; opened: boolean }>({ value: null, opened: false });
  const open = useCallback((value: T) => {
    setState({ value, opened: true });
  }, []);
  const close = useCallback(() => {
    setState((previous) => ({ ...previous, opened: false }));
  }, []);
  return { ...state, open, close };
}
