import { createContext, use, useEffect } from 'react';

/** What a form tells the dialog around it: whether it holds changes that would be lost by closing. */
export interface DirtyRegistry {
  setDirty: (dirty: boolean) => void;
}

export const DirtyContext = createContext<DirtyRegistry | null>(null);

/**
 * A form inside a FormDialog reports with it whether it holds unsaved changes (usually form.isDirty()), so that
 * closing the dialog by its close button, Escape or a click beside it asks first. Outside a FormDialog it does
 * nothing.
 */
export function useDirtyGuard(dirty: boolean): void {
  const registry = use(DirtyContext);
  useEffect(() => {
    registry?.setDirty(dirty);
  }, [registry, dirty]);
  useEffect(() => () => registry?.setDirty(false), [registry]);
}
