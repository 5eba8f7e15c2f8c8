import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useDirtyGuard } from '../../components/dirtyGuard';
import { focusFirstError, showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';
import type { RecordType } from '../../api';
import { useFormEditConflict } from '../live/editConflict';

interface Mutation<V, T> {
  mutate: (variables: V, options: { onSuccess: (data: T) => void; onError: (reason: unknown) => void }) => void;
  isPending: boolean;
}

interface Versioned {
  id: string;
  version: number;
}

export interface SaveRecordOptions<T extends Versioned, V extends object, C, P extends object> {
  recordType: RecordType;
  /** The record to edit, as its page has it now (it reloads when the record changes); absent to create one. */
  record: T | undefined;
  form: UseFormReturnType<V>;
  /** The form's values for a record (the edit conflict's Reload refills the form with them). */
  toValues: (record: T) => V;
  create: Mutation<C, T>;
  update: Mutation<{ id: string; version: number; patch: P }, T>;
  toCreate: (values: V) => C;
  /** The fields changed against the record the form was filled from; an empty patch closes the form unsent. */
  toPatch: (values: V, record: T) => P;
  /** The notification after a create. */
  created: (record: T) => string;
  onDone: (saved?: T) => void;
}

/**
 * Submits a record form: creates or patches, notifies, and puts the backend's errors on the form. An edit sends the
 * fields changed against the record as the form was filled, at the version useEditConflict agrees to; conflict is
 * set while someone else's change waits for the user's choice (the form shows EditConflictNotice).
 */
export function useSaveRecord<T extends Versioned, V extends object, C, P extends object>({
  recordType,
  record,
  form,
  toValues,
  create,
  update,
  toCreate,
  toPatch,
  created,
  onDone,
}: SaveRecordOptions<T, V, C, P>) {
  const { t } = useTranslation();
  const notify = useNotify();
  useDirtyGuard(form.isDirty());
  const { base, version, conflict, saveFailed } = useFormEditConflict(recordType, record, form, toValues);

  const onError = (reason: unknown) => {
    saveFailed(reason);
    showFormError(form, reason, t, notify);
  };

  const submit = form.onSubmit((values) => {
    if (!base) {
      create.mutate(toCreate(values), {
        onSuccess: (saved) => {
          notify.success(created(saved));
          onDone(saved);
        },
        onError,
      });
      return;
    }
    const patch = toPatch(values, base);
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch },
      {
        onSuccess: (saved) => {
          notify.success(t('common.saved'));
          onDone(saved);
        },
        onError,
      },
    );
  }, focusFirstError);

  return { submit, pending: create.isPending || update.isPending, conflict };
}
