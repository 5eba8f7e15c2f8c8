import { Badge, Button, Center, Group, Loader } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** "Filter" with the number of conditions in use; opens and closes the filter panel. */
export function FilterToggle({ open, count, onToggle }: { open: boolean; count: number; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      variant={open ? 'light' : 'default'}
      leftSection={<IconFilter size={16} />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle>
            {count}
          </Badge>
        ) : undefined
      }
      onClick={onToggle}
      aria-expanded={open}
      data-testid="filter-toggle"
    >
      {t('records.filter.toggle')}
    </Button>
  );
}

/** The line above a list: how many it holds (the children) and a spinner while it reloads. */
export function ListStatus({ fetching, children }: { fetching: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" px="md" py="xs">
      {children}
      {fetching && <Loader size="xs" role="status" aria-label={t('common.loading')} />}
    </Group>
  );
}

/** The pages of an infinite query a list has not shown yet. */
interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Weitere laden" below a list while the server has more pages. */
export function LoadMore({ list, testId, children }: { list: MorePages; testId?: string; children: ReactNode }) {
  if (!list.hasNextPage) return null;
  return (
    <Center p="sm">
      <Button
        variant="light"
        onClick={() => void list.fetchNextPage()}
        loading={list.isFetchingNextPage}
        data-testid={testId}
      >
        {children}
      </Button>
    </Center>
  );
}
