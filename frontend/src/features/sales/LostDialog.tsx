import { Alert, Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { IconThumbDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseError, type PipelineType } from '../../api';
import { useNotify } from '../../components/notify';
import { fieldErrorText } from '../../i18n/errorText';
import { useLostReasons } from './hooks';
import { FormActions } from '../../components/FormActions';

/** Asks why a deal or lead was lost (a reason of its type, required, and a comment) and hands both on. */
export function LostDialog({
  recordType,
  opened,
  onClose,
  onSubmit,
  pending,
}: {
  recordType: PipelineType;
  opened: boolean;
  onClose: () => void;
  /** Resolves when saved; rejects with the server's error, whose field errors are shown here. */
  onSubmit: (reasonId: string, comment: string) => Promise<unknown>;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const reasons = useLostReasons(recordType);
  const [reasonId, setReasonId] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; comment?: string }>({});

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    // The server checks too; an empty reason is sent so that its answer shows the same text next to the field.
    onSubmit(reasonId, comment.trim()).then(
      () => {
        setReasonId('');
        setComment('');
        setErrors({});
      },
      (reason: unknown) => {
        const error = parseError(reason);
        const reasonCode = error.fields.lostReasonId;
        const commentCode = error.fields.lostComment;
        if (reasonCode === 'required') {
          setErrors({ reason: t('sales.lost.reasonRequired') });
        } else if (reasonCode || commentCode) {
          setErrors({
            reason: reasonCode ? fieldErrorText(t, 'lostReasonId', reasonCode) : undefined,
            comment: commentCode ? fieldErrorText(t, 'lostComment', commentCode) : undefined,
          });
        } else {
          notify.error(error);
        }
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('sales.lost.title')}>
      <form onSubmit={submit} noValidate data-testid="lost-form">
        <Stack gap="sm">
          {reasons.data?.length === 0 && <Alert color="yellow">{t('sales.lost.noReasons')}</Alert>}
          <Select
            label={t('sales.lost.reason')}
            withAsterisk
            data={(reasons.data ?? []).map((reason) => ({ value: reason.id, label: reason.name }))}
            value={reasonId === '' ? null : reasonId}
            onChange={(value) => {
              setReasonId(value ?? '');
              setErrors((previous) => ({ ...previous, reason: undefined }));
            }}
            error={errors.reason}
            data-autofocus
          />
          <Textarea
            label={t('sales.lost.comment')}
            autosize
            minRows={2}
            value={comment}
            onChange={(event) => {
              setComment(event.currentTarget.value);
            }}
            error={errors.comment}
          />
          <FormActions onCancel={onClose} pending={pending} submit={t('sales.lost.submit')} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The "lost" button of an open deal or lead, and the dialog it opens. */
export function LostAction({
  recordType,
  label,
  pending,
  onSubmit,
}: {
  recordType: PipelineType;
  label: string;
  pending: boolean;
  /** Saves the lost status; resolves when saved (the dialog then closes). */
  onSubmit: (reasonId: string, comment: string) => Promise<unknown>;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconThumbDown size={16} />}
        onClick={() => {
          setOpened(true);
        }}
      >
        {label}
      </Button>
      <LostDialog
        recordType={recordType}
        opened={opened}
        onClose={() => {
          setOpened(false);
        }}
        pending={pending}
        onSubmit={(reasonId, comment) =>
          onSubmit(reasonId, comment).then(() => {
            setOpened(false);
          })
        }
      />
    </>
  );
}
