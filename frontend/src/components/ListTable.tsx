import { Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListColumn {
  /** The heading; the actions column has a heading only screen readers read. */
  label?: ReactNode;
  actions?: boolean;
  w?: number;
  ta?: 'right';
}

export interface ListTableProps {
  testId: string;
  columns: readonly ListColumn[];
  /** Whether there are no rows, and what to say then. */
  isEmpty: boolean;
  empty: ReactNode;
  /** Scrolls sideways below this width. */
  minWidth?: number;
  highlightOnHover?: boolean;
  /** The rows. */
  children: ReactNode;
}

/** A bordered table of a list page: headings, a line for "none yet", the rows. */
export function ListTable({
  testId,
  columns,
  isEmpty,
  empty,
  minWidth,
  highlightOnHover = false,
  children,
}: ListTableProps) {
  const { t } = useTranslation();
  const table = (
    <Table verticalSpacing="sm" highlightOnHover={highlightOnHover} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, index) => (
            <Table.Th key={index} w={column.w} ta={column.ta}>
              {column.actions ? <VisuallyHidden>{t('common.actions')}</VisuallyHidden> : column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {isEmpty && (
          <Table.Tr>
            <Table.Td colSpan={columns.length}>
              <Text c="dimmed" ta="center" py="md">
                {empty}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {children}
      </Table.Tbody>
    </Table>
  );
  return (
    <Paper withBorder radius="md">
      {minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>}
    </Paper>
  );
}
