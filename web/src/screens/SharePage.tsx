import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { FileView } from '../components/share/FileView';
import { FolderView } from '../components/share/FolderView';
import { PasswordForm } from '../components/share/PasswordForm';
import { parseShareRoute, shareHref } from '../components/share/route';
import { shareApi, type ShareInfo } from '../components/share/share-api';
import { ShareHeader } from '../components/share/ShareHeader';
import { ShareMessage } from '../components/share/ShareMessage';
import { onLocaleChange, t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import { navigate } from '../router';
import '../styles/share.css';

// The public page of a share link (/s/<token>): for anyone holding the link,
// with no account and no session. The app shows it before (and instead of)
// asking who is signed in.

type State =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'expired' }
  | { status: 'failed'; message: string }
  | { status: 'locked' }
  | { status: 'open'; info: ShareInfo };

function stateOf(error: unknown): State {
  if (error instanceof ApiError) {
    if (error.status === 410) return { status: 'expired' };
    // 422: a token that cannot be one (too long), which is as good as unknown.
    if (error.status === 404 || error.status === 422) return { status: 'missing' };
  }
  return { status: 'failed', message: errorMessage(error) };
}

function useLocaleRerender(): void {
  const [, setTick] = useState(0);
  useEffect(() => onLocaleChange(() => setTick((n) => n + 1)), []);
}

function titleOf(state: State): string {
  switch (state.status) {
    case 'loading':
      return t('app.loading');
    case 'missing':
      return t('share.notFound');
    case 'expired':
      return t('share.expired');
    case 'failed':
      return t('share.failed');
    case 'locked':
      return t('share.lockedTitle');
    case 'open':
      return state.info.name;
  }
}

export function SharePage({ path }: { path: string }) {
  useLocaleRerender();
  const { token, inner } = parseShareRoute(path);
  const [state, setState] = useState<State>({ status: 'loading' });
  useTitle(titleOf(state));

  const load = useCallback(async () => {
    if (!token) return setState({ status: 'missing' });
    try {
      const info = await shareApi.info(token);
      setState(info.needsPassword ? { status: 'locked' } : { status: 'open', info });
    } catch (error) {
      setState(stateOf(error));
    }
  }, [token]);

  useEffect(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  const onLocked = useCallback(() => setState({ status: 'locked' }), []);
  const onGone = useCallback((error: ApiError) => setState(stateOf(error)), []);

  // A file has nothing inside it: any deeper path leads back to the file.
  const misplaced = state.status === 'open' && state.info.kind === 'file' && inner !== '/';
  useEffect(() => {
    if (misplaced) navigate(shareHref(token), { replace: true });
  }, [misplaced, token]);

  return (
    <div class="share-page">
      <ShareHeader />
      <main id="main" class="share-main">
        {state.status === 'loading' && <p class="share-loading muted">{t('app.loading')}</p>}
        {state.status === 'missing' && (
          <ShareMessage icon="brokenLink" title={t('share.notFound')} lead={t('share.notFoundLead')} />
        )}
        {state.status === 'expired' && <ShareMessage icon="clock" title={t('share.expired')} lead={t('share.expiredLead')} />}
        {state.status === 'failed' && (
          <ShareMessage icon="brokenLink" title={t('share.failed')} lead={state.message}>
            <button type="button" class="btn btn-secondary" onClick={() => void load()}>
              {t('app.retry')}
            </button>
          </ShareMessage>
        )}
        {state.status === 'locked' && <PasswordForm token={token} onUnlocked={load} onGone={onGone} />}
        {state.status === 'open' &&
          (state.info.kind === 'file' ? (
            <FileView token={token} info={state.info} />
          ) : (
            <FolderView token={token} info={state.info} inner={inner} onLocked={onLocked} onGone={onGone} />
          ))}
      </main>
    </div>
  );
}
