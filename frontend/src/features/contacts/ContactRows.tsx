import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS } from '../../api';
import { MAX_CONTACT_ROWS, type ContactRow } from './contactForm';
import { EMPTY_ROW } from './personForm';

interface RowsValues {
  emails: ContactRow[];
  phones: ContactRow[];
}

/** Several e-mail addresses or phone numbers, each with its kind; rows can be added and removed. */
export function ContactRows<Values extends RowsValues>({
  form,
  list,
}: {
  form: UseFormReturnType<Values>;
  list: 'emails' | 'phones';
}) {
  const { t } = useTranslation();
  const rows: ContactRow[] = form.getValues()[list];
  const texts = list === 'emails' ? 'email' : 'phone';
  const kinds = CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`contactKinds.${kind}`) }));

  return (
    <Stack gap={6} data-testid={`${list}-rows`}>
      <Text size="sm" fw={500}>
        {t(`persons.form.${list}`)}
      </Text>
      {rows.map((_, index) => {
        const n = index + 1;
        return (
          // Rows have no identity beyond their position, which is also what error paths ("emails.1.value") use.
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={t(`persons.form.${texts}N`, { n })}
              type={list === 'emails' ? 'email' : 'tel'}
              style={{ flex: 1 }}
              {...form.getInputProps(`${list}.${index}.value`)}
            />
            <Select
              aria-label={t(`persons.form.${texts}KindN`, { n })}
              data={kinds}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`${list}.${index}.kind`)}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t(`persons.form.${texts}RemoveN`, { n })}
              onClick={() => {
                form.removeListItem(list, index);
              }}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {rows.length < MAX_CONTACT_ROWS && (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              form.insertListItem(list, { ...EMPTY_ROW } as never);
            }}
          >
            {t(`persons.form.${texts}Add`)}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
