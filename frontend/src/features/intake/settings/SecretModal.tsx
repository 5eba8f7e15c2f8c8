import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shows a secret (an API key, a signing secret) the one time the server returns it, with a copy button. */
export function SecretModal({ title, secret, onClose }: { title: string; secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <Stack data-testid="secret-modal">
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {t('intake.secret.warning')}
        </Alert>
        <Code block data-testid="secret-value" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret ?? ''}
        </Code>
        <Group justify="space-between">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? t('intake.secret.copied') : t('intake.secret.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('intake.secret.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
