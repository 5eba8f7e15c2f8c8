import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from './QueryError';

/** A loader in place of what is still loading; small inside cards. */
export function Loading({ small = false }: { small?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center p={small ? 'md' : 'xl'}>
      <Loader size={small ? 'sm' : undefined} role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

/** What a query answers: whether it failed (and with what), whether it is still loading, and how to ask again. */
export interface Loadable {
  error: unknown;
  isPending: boolean;
  refetch: () => Promise<unknown>;
}

export interface LoadedProps<T> {
  /** The query whose data the content shows. */
  query: Loadable & { data: T | undefined };
  /** Further queries the content needs; a retry asks all of them again. */
  also?: readonly Loadable[];
  /** Whether the content is still loading; any of the queries pending (or no data yet) unless given. */
  pending?: boolean;
  small?: boolean;
  /** The content, rendered only once loaded, with the query's data. */
  children: (data: T) => ReactNode;
}

/** The error, the loader, or the content once its queries have answered. */
export function Loaded<T>({ query, also = [], pending, small, children }: LoadedProps<T>) {
  const queries = [query, ...also];
  const failed = queries.find((candidate) => candidate.error != null);
  if (failed) {
    return (
      <QueryError
        error={failed.error}
        onRetry={() => {
          for (const candidate of queries) void candidate.refetch();
        }}
      />
    );
  }
  const loading = pending ?? queries.some((candidate) => candidate.isPending);
  if (loading || query.data === undefined) return <Loading small={small} />;
  return children(query.data);
}
