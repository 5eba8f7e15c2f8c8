import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { focusFirstError, showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';

interface Mutation<V, T> {
  mutate: (variables: V, options: { onSuccess: (data: T) => void; onError: (reason: unknown) => void }) => void;
  isPending: boolean;
}

interface Versioned {
  id: string;
  version: number;
}

export interface SaveRecordOptions<T extends Versioned, V extends object, C, P extends object> {
  /** The record to edit, as currently loaded; absent to create one. */
  record: T | undefined;
  form: UseFormReturnType<V>;
  create: Mutation<C, T>;
  update: Mutation<{ id: string; version: number; patch: P }, T>;
  toCreate: (values: V) => C;
  /** The fields that changed; an empty patch closes the form without a request. */
  toPatch: (values: V, record: T) => P;
  /** The notification after a create. */
  created: (record: T) => string;
  onDone: (saved?: T) => void;
}

/** Submits a record form: creates or patches, notifies, and puts the backend's errors on the form. */
export function useSaveRecord<T extends Versioned, V extends object, C, P extends object>({
  record,
  form,
  create,
  update,
  toCreate,
  toPatch,
  created,
  onDone,
}: SaveRecordOptions<T, V, C, P>) {
  const { t } = useTranslation();
  const notify = useNotify();

  const onError = (reason: unknown) => {
    showFormError(form, reason, t, notify);
  };

  const submit = form.onSubmit((values) => {
    if (!record) {
      create.mutate(toCreate(values), {
        onSuccess: (saved) => {
          notify.success(created(saved));
          onDone(saved);
        },
        onError,
      });
      return;
    }
    const patch = toPatch(values, record);
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: record.id, version: record.version, patch },
      {
        onSuccess: (saved) => {
          notify.success(t('common.saved'));
          onDone(saved);
        },
        onError,
      },
    );
  }, focusFirstError);

  return { submit, pending: create.isPending || update.isPending };
}
