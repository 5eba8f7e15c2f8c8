import { Button, Group, type MantineSize, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormActionsProps {
  /** Closes the form without saving. */
  onCancel: () => void;
  /** While the form is being saved: both buttons wait. */
  pending: boolean;
  /** The submit button's text; without it "Anlegen" for a new record ({@link creating}) and "Speichern" otherwise. */
  submit?: ReactNode;
  creating?: boolean;
  /** Whether the submit button is disabled while pending too (not only loading). */
  disableSubmit?: boolean;
  /** The submit button's loading state, where it differs from {@link pending}. */
  loading?: boolean;
  color?: string;
  size?: MantineSize;
  mt?: MantineSpacing;
  gap?: MantineSpacing;
  justify?: 'flex-end' | 'flex-start';
}

/** The cancel and submit buttons at the foot of a form. */
export function FormActions({
  onCancel,
  pending,
  submit,
  creating = false,
  disableSubmit = false,
  loading,
  color,
  size,
  mt,
  gap,
  justify = 'flex-end',
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify={justify} mt={mt} gap={gap}>
      <Button
        variant="default"
        size={size}
        onClick={() => {
          onCancel();
        }}
        disabled={pending}
      >
        {t('common.cancel')}
      </Button>
      <Button
        type="submit"
        size={size}
        color={color}
        loading={loading ?? pending}
        disabled={disableSubmit ? pending : undefined}
      >
        {submit ?? (creating ? t('common.create') : t('common.save'))}
      </Button>
    </Group>
  );
}
