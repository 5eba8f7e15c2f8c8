import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { onSessionExpired, setWindowTitle, type Me } from '../../api';
import { FullPageLoader } from '../../components/FullPageLoader';
import { QueryError } from '../../components/QueryError';
import { LiveUpdates } from '../live/LiveUpdates';
import { MeContext, sessionEnded, useMeQuery, useSession } from './session';
import { SignInPage } from './SignInPage';
import { ServerVersionNotice } from './VersionNotice';

/**
 * Decides between the sign-in form and the app: silent sign-in first (with a loader), the form when that does not
 * sign anyone in, and back to the form whenever the desktop reports that the session ended.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSession();

  useEffect(
    () =>
      onSessionExpired(() => {
        sessionEnded(client);
      }),
    [client],
  );

  const signedOut = session.data?.state.signedIn === false;
  useEffect(() => {
    if (signedOut) {
      setWindowTitle(t('app.name'));
    }
  }, [t, signedOut]);

  if (session.isPending) {
    return <FullPageLoader label={t('session.checking')} />;
  }
  if (session.isError) {
    // resume() turns failures into a signed-out snapshot; this is only reached by programming errors.
    return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  }
  const { state } = session.data;
  if (!state.signedIn) {
    return <SignInPage snapshot={session.data} onRetryResume={() => void session.refetch()} />;
  }
  return (
    <SignedIn initial={state.me} serverUrl={state.serverUrl}>
      {children}
    </SignedIn>
  );
}

function SignedIn({
  initial,
  serverUrl,
  children,
}: {
  initial: Me | undefined;
  serverUrl: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMeQuery(initial);
  const user = me.data?.user.name;
  const company = me.data?.tenant.name;
  useEffect(() => {
    if (user && company) {
      setWindowTitle(`${t('app.name')} – ${user} · ${company}`);
    }
  }, [t, user, company]);
  if (me.data) {
    return (
      <MeContext value={me.data}>
        <ServerVersionNotice serverUrl={serverUrl} />
        {/* One change stream per signed-in user: a sign-out unmounts it with everything it kept. */}
        <LiveUpdates>{children}</LiveUpdates>
      </MeContext>
    );
  }
  if (me.isError) {
    return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <FullPageLoader label={t('common.loading')} />;
}
