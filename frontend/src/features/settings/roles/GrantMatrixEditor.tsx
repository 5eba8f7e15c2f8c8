import { NativeSelect, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACTIONS, isScope, RECORD_TYPES, SCOPES } from '../../../api';
import { withScope, type GrantMatrix } from '../../access/grants';

/** Rows: record types; columns: actions; each cell: how far the right reaches. */
export function GrantMatrixEditor({
  value,
  onChange,
  disabled,
}: {
  value: GrantMatrix;
  onChange: (next: GrantMatrix) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const scopeOptions = SCOPES.map((scope) => ({ value: scope, label: t(`access.scopes.${scope}`) }));

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} data-testid="grant-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.form.recordType')}</Table.Th>
            {ACTIONS.map((action) => (
              <Table.Th key={action}>{t(`access.actions.${action}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {RECORD_TYPES.map((recordType) => (
            <Table.Tr key={recordType}>
              <Table.Th scope="row" fw={600}>
                {t(`access.recordTypes.${recordType}`)}
              </Table.Th>
              {ACTIONS.map((action) => {
                const scope = value[recordType][action];
                return (
                  <Table.Td key={action} bg={scope === 'none' ? undefined : 'var(--mantine-color-indigo-0)'}>
                    <NativeSelect
                      size="xs"
                      aria-label={t('roles.form.cell', {
                        recordType: t(`access.recordTypes.${recordType}`),
                        action: t(`access.actions.${action}`),
                      })}
                      data-testid={`grant-${recordType}-${action}`}
                      data={scopeOptions}
                      value={scope}
                      disabled={disabled}
                      onChange={(event) => {
                        const next = event.currentTarget.value;
                        if (isScope(next)) {
                          onChange(withScope(value, recordType, action, next));
                        }
                      }}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
