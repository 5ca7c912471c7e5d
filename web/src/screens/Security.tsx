import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, type SessionInfo } from '../api';
import { Button } from '../components/Button';
import { ChangePassphrase } from '../components/ChangePassphrase';
import { Notice } from '../components/Notice';
import { SessionList } from '../components/SessionList';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import { useSession } from '../session';

function useSessions() {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setSessions((await api.sessions()).sessions);
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { sessions, error, refresh };
}

function Sessions({ list }: { list: ReturnType<typeof useSessions> }) {
  const [revoking, setRevoking] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const [result, setResult] = useState('');
  const [failure, setFailure] = useState('');

  const act = async (work: () => Promise<string>) => {
    setResult('');
    setFailure('');
    try {
      setResult(await work());
    } catch (error) {
      setFailure(errorMessage(error));
    }
    await list.refresh();
  };
  const revoke = (session: SessionInfo) =>
    act(async () => {
      setRevoking(session.id);
      try {
        await api.revokeSession(session.id);
        return t('security.revoked');
      } finally {
        setRevoking(null);
      }
    });
  const endOthers = () =>
    act(async () => {
      setEnding(true);
      try {
        const { ended } = await api.logoutEverywhere();
        return t('security.ended', { count: ended });
      } finally {
        setEnding(false);
      }
    });

  const others = list.sessions?.filter((s) => !s.current).length ?? 0;
  return (
    <section class="card card-wide" aria-labelledby="sessions-heading">
      <h3 class="card-title" id="sessions-heading">
        {t('security.sessionsTitle')}
      </h3>
      <p class="muted">{t('security.sessionsLead')}</p>
      <Notice kind="error">{failure || list.error}</Notice>
      <Notice kind="success">{result}</Notice>
      {list.sessions ? (
        <SessionList sessions={list.sessions} revoking={revoking} onRevoke={revoke} />
      ) : (
        <p class="muted">{t('app.loading')}</p>
      )}
      {list.sessions && others === 0 && <p class="muted small">{t('security.noOthers')}</p>}
      <div class="actions">
        <Button variant="secondary" busy={ending} inactive={others === 0} onClick={endOthers}>
          {t('security.everywhere')}
        </Button>
      </div>
    </section>
  );
}

export function SecurityScreen() {
  useTitle(t('security.title'), t('settings.title'));
  const sessions = useSessions();
  const { me } = useSession();
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('security.title')}</h2>
      </header>
      <section class="card card-wide" aria-labelledby="passphrase-heading">
        <h3 class="card-title" id="passphrase-heading">
          {t('security.changeTitle')}
        </h3>
        <p class="muted">{t('security.changeLead')}</p>
        <ChangePassphrase name={me.user.name} onChanged={() => void sessions.refresh()} />
      </section>
      <Sessions list={sessions} />
    </div>
  );
}
