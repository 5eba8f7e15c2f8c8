import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FieldItem {
  label: string;
  value: ReactNode;
  /** Spans both columns (long texts). */
  wide?: boolean;
  testId?: string;
}

/** A record's fields as label/value pairs in two columns; empty values show a dash. */
export function FieldList({ items }: { items: readonly FieldItem[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
      {items.map((item) => (
        <div key={item.label} style={item.wide ? { gridColumn: '1 / -1' } : undefined}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Text
            component="dd"
            m={0}
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            data-testid={item.testId}
          >
            {item.value === '' || item.value === null || item.value === undefined ? '—' : item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
