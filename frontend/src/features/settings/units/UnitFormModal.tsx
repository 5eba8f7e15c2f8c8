import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api';
import { ApiError } from '../../../api/errors';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useFormEditConflict } from '../../live/editConflict';
import { useCreateUnit, useUpdateUnit } from './hooks';
import { subtreeIds } from './tree';
import { UnitSelect } from './UnitSelect';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';

/**
 * create: a new unit (below a preselected parent, if any); rename and move: an existing unit, looked up in the
 * current list (it reloads on every change), so that the form can tell when someone else changed it meanwhile.
 */
export type UnitDialog =
  { kind: 'create'; parentId: string | null } | { kind: 'rename'; unitId: string } | { kind: 'move'; unitId: string };

const TITLES = {
  create: 'units.form.createTitle',
  rename: 'units.form.renameTitle',
  move: 'units.form.moveTitle',
} as const;

export function UnitFormModal({
  dialog,
  opened,
  units,
  onClose,
}: {
  dialog: UnitDialog | null;
  opened: boolean;
  units: readonly Unit[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={opened && dialog !== null} onClose={onClose} title={dialog ? t(TITLES[dialog.kind]) : ''}>
      {dialog && (
        <UnitForm
          key={dialog.kind === 'create' ? `create-${dialog.parentId ?? ''}` : `${dialog.kind}-${dialog.unitId}`}
          dialog={dialog}
          units={units}
          onDone={onClose}
        />
      )}
    </FormDialog>
  );
}

interface UnitValues {
  name: string;
  parentId: string | null;
}

const valuesOf = (unit: Unit): UnitValues => ({ name: unit.name, parentId: unit.parentId ?? null });

function UnitForm({ dialog, units, onDone }: { dialog: UnitDialog; units: readonly Unit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const unitId = dialog.kind === 'create' ? null : dialog.unitId;
  const unit = unitId === null ? null : (units.find((candidate) => candidate.id === unitId) ?? null);
  const showName = dialog.kind !== 'move';
  const showParent = dialog.kind !== 'rename';

  const form = useForm<UnitValues>({
    mode: 'controlled',
    initialValues: unit ? valuesOf(unit) : { name: '', parentId: dialog.kind === 'create' ? dialog.parentId : null },
    validate: {
      name: (value) => (showName && value.trim() === '' ? t('units.validation.nameRequired') : null),
      parentId: (value) => (showParent && !value ? t('units.validation.parentRequired') : null),
    },
  });
  useDirtyGuard(form.isDirty());

  // A unit cannot move below itself or its own sub-units; the server checks this too (parentId "cycle").
  const excluded = useMemo(() => (unitId === null ? undefined : subtreeIds(units, unitId)), [units, unitId]);

  // The unit as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useFormEditConflict('unit', unit ?? undefined, form, valuesOf);

  const onError = (error: unknown) => {
    saveFailed(error);
    showFormError(form, error, t, notify);
  };

  const submit = form.onSubmit((values) => {
    const name = values.name.trim();
    const parentId = values.parentId ?? '';
    if (unitId === null) {
      create.mutate(
        { name, parentId },
        {
          onSuccess: (created) => {
            notify.success(t('units.created', { name: created.name }));
            onDone();
          },
          onError,
        },
      );
      return;
    }
    if (!unit || !base) {
      // Deleted by someone else meanwhile; the list has reloaded and no longer shows it.
      notify.error(new ApiError({ status: 404, code: 'resource.not_found' }));
      onDone();
      return;
    }
    // What was changed against the unit as the form was filled: someone else's change to the rest stays.
    const patch =
      dialog.kind === 'rename'
        ? { ...(name !== base.name && { name }) }
        : { ...(parentId !== (base.parentId ?? '') && { parentId }) };
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch },
      {
        onSuccess: () => {
          notify.success(t('common.saved'));
          onDone();
        },
        onError,
      },
    );
  });

  const pending = create.isPending || update.isPending;

  return (
    <form onSubmit={submit} noValidate data-testid="unit-form">
      <Stack>
        <EditConflictNotice conflict={conflict} />
        {showName && <TextInput label={t('units.form.name')} data-autofocus {...form.getInputProps('name')} />}
        {showParent && (
          <UnitSelect
            label={t('units.form.parent')}
            units={units}
            exclude={excluded}
            {...form.getInputProps('parentId')}
          />
        )}
        <FormActions onCancel={onDone} pending={pending} creating={unitId === null} disableSubmit mt="sm" />
      </Stack>
    </form>
  );
}
