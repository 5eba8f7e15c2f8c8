import { ActionIcon, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../components/Loading';
import { parseError, type FieldMapping } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { useNotify } from '../../../components/notify';
import { fieldErrorText } from '../../../i18n/errorText';
import { useCustomFields } from '../../records/hooks';
import { useLeadMapping } from '../../sales/hooks';
import { useSetLeadMapping } from './hooks';
import {
  changeTarget,
  fieldOptions,
  LEAD_FIELDS,
  mappingRow,
  mappingRows,
  serverMappingErrors,
  TARGET_FIELDS,
  TARGETS,
  toMappingList,
  validateMapping,
  type MappingErrors,
  type MappingRow,
  type MappingTarget,
} from './mappingForm';

/** Settings > Lead-Zuordnung: which lead field fills which person or organisation field on conversion. */
export function LeadMappingPage() {
  const { t } = useTranslation();
  const mapping = useLeadMapping();
  const lead = useCustomFields('lead');
  const person = useCustomFields('person');
  const organization = useCustomFields('organization');
  const loading = mapping.isPending || lead.isPending || person.isPending || organization.isPending;
  return (
    <Stack maw={1000}>
      <PageHeader title={t('salesSettings.mapping.title')} />
      <Text c="dimmed" size="sm" mt={-8}>
        {t('salesSettings.mapping.intro')}
      </Text>
      <Loaded query={mapping} pending={loading}>
        {(data) => (
          <MappingForm
            items={data}
            custom={{ lead: lead.fields, person: person.fields, organization: organization.fields }}
          />
        )}
      </Loaded>
    </Stack>
  );
}

function MappingForm({
  items,
  custom,
}: {
  items: FieldMapping[];
  custom: {
    lead: ReturnType<typeof useCustomFields>['fields'];
    person: ReturnType<typeof useCustomFields>['fields'];
    organization: ReturnType<typeof useCustomFields>['fields'];
  };
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSetLeadMapping();
  const [rows, setRows] = useState<MappingRow[]>(() => mappingRows(items));
  const [errors, setErrors] = useState<MappingErrors>({});

  const label = (field: string) =>
    t(`salesSettings.mapping.standardFields.${field}` as 'salesSettings.mapping.standardFields.name');
  const group = (options: { value: string; label: string; custom: boolean }[]) => [
    {
      group: t('salesSettings.mapping.standardGroup'),
      items: options.filter((option) => !option.custom).map(({ value, label: text }) => ({ value, label: text })),
    },
    {
      group: t('salesSettings.mapping.customGroup'),
      items: options.filter((option) => option.custom).map(({ value, label: text }) => ({ value, label: text })),
    },
  ];
  const leadOptions = useMemo(() => group(fieldOptions(LEAD_FIELDS, custom.lead, label)), [custom.lead, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const targetOptions = (target: MappingTarget) => group(fieldOptions(TARGET_FIELDS[target], custom[target], label));

  const errorText = (key: string) => {
    const code = errors[key];
    if (code === undefined) return undefined;
    if (code === 'required') return t('salesSettings.mapping.required');
    if (code === 'duplicate') return t('salesSettings.mapping.duplicateTarget');
    return fieldErrorText(t, key.split('.').pop() ?? '', code);
  };

  const setRow = (index: number, row: MappingRow) => {
    setRows((previous) => previous.map((candidate, at) => (at === index ? row : candidate)));
    setErrors({});
  };

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const found = validateMapping(rows);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(toMappingList(rows), {
      onSuccess: (saved) => {
        setRows(mappingRows(saved));
        notify.success(t('salesSettings.mapping.saved'));
      },
      onError: (reason) => {
        const error = parseError(reason);
        const own = serverMappingErrors(error.fields);
        if (Object.keys(own).length > 0) setErrors(own);
        else notify.error(error);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="mapping-form">
      <Stack gap="sm">
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('salesSettings.mapping.leadFieldHeader')}</Table.Th>
              <Table.Th w={180}>{t('salesSettings.mapping.targetHeader')}</Table.Th>
              <Table.Th>{t('salesSettings.mapping.targetFieldHeader')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <Table.Tr key={row.key} data-testid="mapping-row">
                  <Table.Td>
                    <Select
                      aria-label={t('salesSettings.mapping.leadField', { n })}
                      data={leadOptions}
                      value={row.leadField === '' ? null : row.leadField}
                      onChange={(value) => {
                        setRow(index, { ...row, leadField: value ?? '' });
                      }}
                      searchable
                      error={errorText(`rows.${index}.leadField`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('salesSettings.mapping.target', { n })}
                      data={TARGETS.map((target) => ({
                        value: target,
                        label: t(`salesSettings.mapping.targets.${target}`),
                      }))}
                      value={row.target}
                      onChange={(value) => {
                        if (value === 'person' || value === 'organization') setRow(index, changeTarget(row, value));
                      }}
                      allowDeselect={false}
                      error={errorText(`rows.${index}.target`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('salesSettings.mapping.targetField', { n })}
                      data={targetOptions(row.target)}
                      value={row.targetField === '' ? null : row.targetField}
                      onChange={(value) => {
                        setRow(index, { ...row, targetField: value ?? '' });
                      }}
                      searchable
                      error={errorText(`rows.${index}.targetField`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('salesSettings.mapping.remove', { n })}
                      onClick={() => {
                        setRows((previous) => previous.filter((_, at) => at !== index));
                        setErrors({});
                      }}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setRows((previous) => [...previous, mappingRow()]);
            }}
          >
            {t('salesSettings.mapping.add')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
