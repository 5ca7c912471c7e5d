import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { copyText } from './clipboard';
import { DriveIcon } from './DriveIcon';
import { driveError } from './errors';
import { filesApi, type Entry, type Share } from './files-api';

const absolute = (url: string) => new URL(url, window.location.origin).href;

/** The end of the chosen day, in this browser's time zone. */
function endOfDay(value: string): number | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1, 23, 59, 59, 999).getTime();
}

function tomorrow(): string {
  const day = new Date(Date.now() + 86_400_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

function ShareRow({ share, onRevoke, onCopied }: { share: Share; onRevoke: () => void; onCopied: (ok: boolean) => void }) {
  const url = absolute(share.url);
  return (
    <li class="share">
      <p class="share-url mono small">{url}</p>
      <p class="muted small share-facts">
        {share.hasPassword && (
          <span>
            <DriveIcon name="lock" size={14} /> {t('drive.shares.protected')}
          </span>
        )}
        <span>{share.expiresAt ? t('drive.shares.expires', { date: formatDateTime(share.expiresAt) }) : t('drive.shares.noExpiry')}</span>
      </p>
      <div class="share-actions">
        <Button variant="secondary" class="btn-small" onClick={() => void copyText(url).then(onCopied)}>
          {t('drive.copyLink')}
        </Button>
        <Button variant="ghost" class="btn-small" aria-label={t('drive.shares.revokeLabel', { url })} onClick={onRevoke}>
          {t('drive.shares.revoke')}
        </Button>
      </div>
    </li>
  );
}

/** Share links for one file or folder: the list, revoke, and a form to make one. */
export function Shares({ entry }: { entry: Entry }) {
  const [shares, setShares] = useState<Share[] | null>(null);
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    filesApi
      .shares(entry.path)
      .then((answer) => setShares(answer.shares))
      .catch((caught) => (setShares([]), setError(driveError(caught))));
  useEffect(() => {
    setShares(null);
    setError('');
    setDone('');
    void load();
  }, [entry.path]);

  const act = async (work: () => Promise<string>) => {
    setError('');
    setDone('');
    try {
      setDone(await work());
    } catch (caught) {
      setError(driveError(caught));
    }
  };
  const create = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    void act(async () => {
      const made = await filesApi.createShare({ path: entry.path, password: password || undefined, expiresAt: endOfDay(expiry) });
      setPassword('');
      setExpiry('');
      await load();
      const copied = await copyText(absolute(made.url));
      return t(copied ? 'drive.shares.createdCopied' : 'drive.shares.created');
    }).finally(() => setBusy(false));
  };
  const revoke = (share: Share) =>
    act(async () => {
      await filesApi.revokeShare(share.id);
      await load();
      return t('drive.shares.revoked');
    });

  return (
    <section class="details-section" aria-labelledby="shares-heading">
      <h3 id="shares-heading" class="card-title">{t('drive.shares.title')}</h3>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{done}</Notice>
      {shares === null && <p class="muted small">{t('app.loading')}</p>}
      {shares?.length === 0 && <p class="muted small">{t('drive.shares.none')}</p>}
      {shares && shares.length > 0 && (
        <ul class="shares">
          {shares.map((share) => (
            <ShareRow key={share.id} share={share} onRevoke={() => void revoke(share)} onCopied={(ok) => setDone(t(ok ? 'drive.copied' : 'drive.copyFailed'))} />
          ))}
        </ul>
      )}
      <form class="share-form" onSubmit={create}>
        <div class="field">
          <label for="share-password">{t('drive.shares.password')}</label>
          <input id="share-password" type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="share-expiry">{t('drive.shares.expiry')}</label>
          <input id="share-expiry" type="date" min={tomorrow()} value={expiry} onInput={(e) => setExpiry(e.currentTarget.value)} />
        </div>
        <Button type="submit" variant="secondary" busy={busy}>
          <DriveIcon name="link" />
          {t('drive.shares.create')}
        </Button>
      </form>
    </section>
  );
}
