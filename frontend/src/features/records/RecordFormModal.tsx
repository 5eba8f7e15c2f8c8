import type { ReactNode } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { Loaded, type Loadable } from '../../components/Loading';

export interface RecordFormModalProps<T> {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What the form needs loaded first (its custom fields, pipelines ...). */
  query: Loadable & { data: unknown };
  also?: readonly Loadable[];
  onSaved?: (saved: T) => void;
  /** The form, once loaded; it calls onDone with the saved record, or without one when it closes unsaved. */
  children: (onDone: (saved?: T) => void) => ReactNode;
}

/** The modal around the create and edit form of a record: loads what the form needs, closes when it is done. */
export function RecordFormModal<T>({
  opened,
  onClose,
  title,
  query,
  also,
  onSaved,
  children,
}: RecordFormModalProps<T>) {
  return (
    <FormDialog opened={opened} onClose={onClose} title={title} size="xl">
      <Loaded query={query} also={also}>
        {() =>
          children((saved) => {
            onClose();
            if (saved) onSaved?.(saved);
          })
        }
      </Loaded>
    </FormDialog>
  );
}
