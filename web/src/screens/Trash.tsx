import { useCallback, useEffect, useState } from 'preact/hooks';
import { Button } from '../components/Button';
import { Notice } from '../components/Notice';
import { ConfirmDialog } from '../components/drive/Dialog';
import { DriveIcon } from '../components/drive/DriveIcon';
import { DriveNav } from '../components/drive/DriveNav';
import { driveError } from '../components/drive/errors';
import { filesApi, type TrashItem } from '../components/drive/files-api';
import { TYPE_ICON, fileTypeOfName } from '../components/drive/kinds';
import { driveHref, parentOf } from '../components/drive/paths';
import { Toast, useToast } from '../components/drive/Toast';
import { UploadPanel } from '../components/drive/UploadPanel';
import { useUploads } from '../components/drive/useUploads';
import { t } from '../i18n';
import { formatBytes, formatDateTime, formatRelative } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { onLinkClick } from '../router';
import '../styles/drive.css';

function useTrash() {
  const [items, setItems] = useState<TrashItem[] | null>(null);
  const [error, setError] = useState<string>('');
  const load = useCallback(async () => {
    try {
      const answer = await filesApi.trash();
      setItems([...answer.items].sort((a, b) => b.deletedAt - a.deletedAt));
      setError('');
    } catch (caught) {
      setError(driveError(caught));
    }
  }, []);
  useEffect(() => void load(), [load]);
  return { items, error, load };
}

function TrashRow({ item, busy, onRestore }: { item: TrashItem; busy: boolean; onRestore: () => void }) {
  const from = parentOf(item.originalPath);
  const type = fileTypeOfName(item.name, item.kind);
  return (
    <li class="trash-item">
      <span class={`file-icon type-${type}`}>
        <DriveIcon name={TYPE_ICON[type]} />
      </span>
      <div class="trash-main">
        <p class="trash-name">{item.name}</p>
        <p class="trash-facts small muted">
          <span>
            {t('drive.trashView.from')}{' '}
            <a href={driveHref(from)} onClick={onLinkClick}>
              {from === '/' ? t('drive.myFiles') : from}
            </a>
          </span>
          <span>
            {t('drive.trashView.deleted')}{' '}
            <time dateTime={new Date(item.deletedAt).toISOString()} title={formatDateTime(item.deletedAt)}>
              {formatRelative(item.deletedAt)}
            </time>
          </span>
          {item.kind === 'file' && <span>{formatBytes(item.size)}</span>}
        </p>
      </div>
      <Button variant="secondary" class="btn-small" busy={busy} aria-label={t('drive.trashView.restoreLabel', { name: item.name })} onClick={onRestore}>
        <DriveIcon name="restore" size={18} />
        {t('drive.restore')}
      </Button>
    </li>
  );
}

export function TrashScreen() {
  useTitle(t('drive.trash'), t('nav.drive'));
  const trash = useTrash();
  const uploads = useUploads();
  const { toast, show, dismiss } = useToast();
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState<number | 'empty' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [spaceVersion, setSpaceVersion] = useState(0);

  const restore = async (item: TrashItem) => {
    setBusy(item.id);
    setFailure('');
    try {
      const entry = await filesApi.restore(item.id);
      show({ text: t('drive.trashView.restored', { name: entry.name, folder: parentOf(entry.path) === '/' ? t('drive.myFiles') : parentOf(entry.path) }) });
    } catch (caught) {
      setFailure(driveError(caught));
    }
    setBusy(null);
    await trash.load();
  };
  const empty = async () => {
    setBusy('empty');
    setFailure('');
    try {
      const { removed } = await filesApi.emptyTrash();
      show({ text: t('drive.trashView.emptied', { count: removed }) });
      setSpaceVersion((n) => n + 1);
    } catch (caught) {
      setFailure(driveError(caught));
    }
    setBusy(null);
    setConfirming(false);
    await trash.load();
  };

  const items = trash.items;
  return (
    <div class="page drive">
      <DriveNav current="trash" spaceVersion={spaceVersion} />
      <div class="drive-main">
        <header class="trash-head">
          <div>
            <h1 class="crumb-current">{t('drive.trash')}</h1>
            <p class="muted small">{t('drive.trashView.lead')}</p>
          </div>
          {items && items.length > 0 && (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              <DriveIcon name="trash" size={18} />
              {t('drive.trashView.empty')}
            </Button>
          )}
        </header>
        <Notice kind="error">{failure || trash.error}</Notice>
        {!items && !trash.error && (
          <div class="empty" aria-busy="true">
            <span class="spinner" aria-hidden="true" />
            <p class="muted">{t('app.loading')}</p>
          </div>
        )}
        {!items && trash.error && (
          <div class="empty">
            <Button variant="secondary" onClick={() => void trash.load()}>
              {t('app.retry')}
            </Button>
          </div>
        )}
        {items?.length === 0 && (
          <div class="empty">
            <DriveIcon name="trash" size={40} />
            <p class="empty-title">{t('drive.trashView.none')}</p>
          </div>
        )}
        {items && items.length > 0 && (
          <ul class="trash-list" aria-label={t('drive.trash')}>
            {items.map((item) => (
              <TrashRow key={item.id} item={item} busy={busy === item.id} onRestore={() => void restore(item)} />
            ))}
          </ul>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('drive.trashView.confirmTitle')}
          message={t('drive.trashView.confirm', { count: items?.length ?? 0 })}
          confirm={t('drive.trashView.empty')}
          busy={busy === 'empty'}
          onConfirm={() => void empty()}
          onClose={() => setConfirming(false)}
        />
      )}
      <UploadPanel uploads={uploads} />
      <Toast toast={toast} onDismiss={dismiss} />
    </div>
  );
}
