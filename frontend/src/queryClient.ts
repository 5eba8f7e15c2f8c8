import { hashKey, MutationCache, partialMatchKey, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { parseError } from './api/errors';

/**
 * The Go side already retries idempotent calls and refreshes tokens, so the UI does not retry on its own. Data is
 * refetched when it is older than 30 s and a screen asks for it again; a desktop window regaining focus is not a
 * reason to reload. Any call answered with auth.unauthenticated means the session is gone: onSignedOut is told.
 */
export function createQueryClient(onSignedOut: (client: QueryClient) => void = () => undefined): QueryClient {
  const signedOut = (error: unknown) => {
    if (parseError(error).is('auth.unauthenticated')) {
      onSignedOut(client);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signedOut }),
    mutationCache: new MutationCache({ onError: signedOut }),
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: {
        retry: false,
      },
    },
  });
  return client;
}

/**
 * One reload: the queries whose key starts with queryKey, except those whose key starts with one of except: the
 * pages of records that are gone, which would only flash "not found".
 */
export interface Invalidation {
  queryKey: QueryKey;
  except?: readonly QueryKey[];
}

/**
 * Runs the invalidations, each key once however often it is named; a page spared by one naming is spared by all
 * (it is gone, whatever else changed beside it).
 */
export function invalidate(client: QueryClient, invalidations: readonly Invalidation[]): Promise<unknown> {
  const merged = new Map<string, { queryKey: QueryKey; except: QueryKey[] }>();
  for (const { queryKey, except = [] } of invalidations) {
    const id = hashKey(queryKey);
    const seen = merged.get(id);
    if (seen) seen.except.push(...except);
    else merged.set(id, { queryKey, except: [...except] });
  }
  return Promise.all(
    [...merged.values()].map(({ queryKey, except }) =>
      client.invalidateQueries({
        queryKey,
        predicate:
          except.length > 0 ? (query) => !except.some((kept) => partialMatchKey(query.queryKey, kept)) : undefined,
      }),
    ),
  );
}
