import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { sessionApi, ssoApi, type LoginInput, type Me, type SessionState, type SSOLoginInput } from '../../api';
import { parseError, type ApiError } from '../../api/errors';
import { changeLanguage, i18n } from '../../i18n';

export const sessionKey = ['session'] as const;
export const meKey = ['me'] as const;

/** What the app knows about the session: the desktop's state and, when silent sign-in failed, why. */
export interface SessionSnapshot {
  state: SessionState;
  resumeError: ApiError | null;
}

const SIGNED_OUT: SessionState = { signedIn: false, serverUrl: '', email: '', language: '' };

/**
 * Silent sign-in at start: the desktop resumes the session from the keyring. When that fails (server unreachable,
 * say) the sign-in form is shown, prefilled from the desktop's stored state, together with the reason.
 */
async function resume(): Promise<SessionSnapshot> {
  try {
    const state = await sessionApi.resume();
    await changeLanguage(state.language);
    return { state, resumeError: null };
  } catch (reason) {
    const resumeError = parseError(reason);
    const state = await sessionApi.state().catch(() => SIGNED_OUT);
    await changeLanguage(state.language);
    return { state: { ...state, signedIn: false, me: undefined }, resumeError };
  }
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: resume,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

function updateSession(
  client: QueryClient,
  update: (state: SessionState) => SessionState,
  { clearError }: { clearError: boolean },
): void {
  client.setQueryData<SessionSnapshot>(sessionKey, (previous) => ({
    state: update(previous?.state ?? SIGNED_OUT),
    resumeError: clearError ? null : (previous?.resumeError ?? null),
  }));
}

/**
 * Forgets everything cached for the signed-in user and shows the sign-in form. The next user starts on the start
 * page, not on whatever page the previous one had open. Returns whether someone was signed in.
 */
export function markSignedOut(client: QueryClient): boolean {
  const wasSignedIn = client.getQueryData<SessionSnapshot>(sessionKey)?.state.signedIn ?? false;
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  updateSession(client, (state) => ({ ...state, signedIn: false, me: undefined }), { clearError: true });
  if (window.location.hash !== '' && window.location.hash !== '#/') {
    window.location.hash = '#/';
  }
  return wasSignedIn;
}

/** The session ended without the user signing out (expired, revoked, deactivated): back to the sign-in form. */
export function sessionEnded(client: QueryClient): void {
  if (markSignedOut(client)) {
    notifications.show({
      id: 'session-expired',
      color: 'orange',
      message: i18n.t('session.expired'),
      autoClose: false,
    });
  }
}

/**
 * Shows the signed-in app for the user a sign-in answered with: a password sign-in (or its last step) or a single
 * sign-on.
 */
export function markSignedIn(client: QueryClient, me: Me, input: { serverUrl: string; email: string }): void {
  client.setQueryData(meKey, me);
  updateSession(
    client,
    (state) => ({
      ...state,
      signedIn: true,
      serverUrl: input.serverUrl,
      email: input.email,
      me,
    }),
    { clearError: true },
  );
}

/**
 * The password step. Signed in at once, or (result.step) the server asks for the second factor or its enrolment
 * first, which the sign-in page shows next.
 */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => sessionApi.login(input),
    onSuccess: (result, input) => {
      if (result.me) markSignedIn(client, result.me, input);
    },
  });
}

/** Single sign-on: the desktop opens the browser and waits for the provider (ssoApi.cancel stops the wait). */
export function useSSOLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SSOLoginInput) => ssoApi.login(input),
    onSuccess: (me, input) => {
      markSignedIn(client, me, input);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sessionApi.logout(),
    // Signing out locally must work even when the server cannot be told.
    onSettled: () => {
      markSignedOut(client);
    },
  });
}

export function useSetLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (language: string) => {
      const applied = await changeLanguage(language);
      updateSession(client, (state) => ({ ...state, language: applied }), { clearError: false });
      await sessionApi.setLanguage(applied);
    },
  });
}

/** The signed-in user, kept fresh from the server. */
export function useMeQuery(initial: Me | undefined) {
  return useQuery({
    queryKey: meKey,
    queryFn: () => sessionApi.me(),
    initialData: initial,
    staleTime: 5 * 60_000,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only for components below the signed-in app. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) {
    throw new Error('useMe() used outside the signed-in app');
  }
  return me;
}
