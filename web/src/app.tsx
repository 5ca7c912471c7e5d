import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api, setUnauthenticatedHandler, type Me, type User } from './api';
import { Shell } from './components/Shell';
import { isSharePath } from './components/share/route';
import { onLocaleChange, resolveLocale, setLocale, t, type MessageKey } from './i18n';
import { errorMessage } from './lib/errors';
import { navigate, usePath } from './router';
import { Login } from './screens/Login';
import { SharePage } from './screens/SharePage';
import { Setup } from './screens/Setup';
import { SessionContext, type SessionValue } from './session';

type Auth =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'anonymous'; setupRequired: boolean; notice?: MessageKey }
  | { status: 'signed'; me: Me };

export const HOME = '/drive';

/**
 * Where a person was headed when sign-in was asked (a bookmark, a link from
 * a search result, a session that expired): they land there after signing in.
 */
let returnTo: string | null = null;
/** Set by "Sign out": a person who chose to leave starts over from Home next time. */
let signedOutOnPurpose = false;

/** Where a path should lead for this state, or null when it can be shown as is. */
function redirectFor(auth: Auth, path: string): string | null {
  if (auth.status === 'anonymous') {
    const wanted = auth.setupRequired ? '/setup' : '/login';
    return path === wanted ? null : wanted;
  }
  if (auth.status === 'signed') {
    if (path === '/settings') return '/settings/system';
    if (path === '/' || path === '/login' || path === '/setup') return HOME;
  }
  return null;
}

async function probe(): Promise<Auth> {
  try {
    const me = await api.me();
    return { status: 'signed', me };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  const { required } = await api.setupStatus();
  return { status: 'anonymous', setupRequired: required };
}

function useLocaleRerender(): void {
  const [, setTick] = useState(0);
  useEffect(() => onLocaleChange(() => setTick((n) => n + 1)), []);
}

export function App() {
  const path = usePath();
  // A share link (/s/<token>) is for anyone holding it: no account is asked
  // about, and nothing leads to Setup or Sign in.
  return isSharePath(path) ? <SharePage path={path} /> : <AccountApp />;
}

function AccountApp() {
  useLocaleRerender();
  const path = usePath();
  const [auth, setAuth] = useState<Auth>({ status: 'loading' });

  const boot = useCallback(async () => {
    setAuth({ status: 'loading' });
    try {
      const next = await probe();
      if (next.status === 'signed') setLocale(resolveLocale(next.me.user.locale));
      setAuth(next);
    } catch (error) {
      setAuth({ status: 'unreachable', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void boot();
    setUnauthenticatedHandler(() =>
      setAuth({ status: 'anonymous', setupRequired: false, notice: 'login.expired' }),
    );
    return () => setUnauthenticatedHandler(null);
  }, [boot]);

  const target = redirectFor(auth, path);
  useEffect(() => {
    if (!target) return;
    if (auth.status === 'anonymous' && !signedOutOnPurpose && !['/', '/login', '/setup'].includes(path)) returnTo = path;
    signedOutOnPurpose = false;
    navigate(target, { replace: true });
  }, [target]);

  const signedIn = useCallback(async () => {
    const me = await api.me();
    setLocale(resolveLocale(me.user.locale));
    setAuth({ status: 'signed', me });
    navigate(returnTo ?? HOME);
    returnTo = null;
  }, []);

  const session = useMemo<SessionValue | null>(() => {
    if (auth.status !== 'signed') return null;
    return {
      me: auth.me,
      signOut: async () => {
        await api.logout().catch(() => undefined);
        signedOutOnPurpose = true;
        setAuth({ status: 'anonymous', setupRequired: false });
      },
      setUser: (user: User) => setAuth({ status: 'signed', me: { ...auth.me, user } }),
    };
  }, [auth]);

  const shown = target ?? path;
  switch (auth.status) {
    case 'loading':
      return <p class="boot muted">{t('app.loading')}</p>;
    case 'unreachable':
      return (
        <main id="main" class="boot" role="alert">
          <p>{auth.message}</p>
          <button type="button" class="btn btn-primary" onClick={() => void boot()}>
            {t('app.retry')}
          </button>
        </main>
      );
    case 'anonymous':
      return auth.setupRequired ? (
        <Setup onSignedIn={signedIn} onAlreadyDone={() => setAuth({ status: 'anonymous', setupRequired: false, notice: 'setup.done' })} />
      ) : (
        <Login
          onSignedIn={signedIn}
          onSetupRequired={() => setAuth({ status: 'anonymous', setupRequired: true })}
          notice={auth.notice ? t(auth.notice) : undefined}
        />
      );
    case 'signed':
      return (
        <SessionContext.Provider value={session}>
          <Shell path={shown} />
        </SessionContext.Provider>
      );
  }
}
