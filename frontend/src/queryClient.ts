import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
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
