import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { onLinkClick } from '../../router';
import { Expiry } from './Expiry';
import { crumbsOf, shareHref } from './route';
import { contentUrl, shareApi, zipUrl, type SharedEntry, type ShareInfo } from './share-api';
import { byFolderThenName, formatDay, formatSize, formatWhen } from './share-format';
import { ShareIcon, TYPE_ICON, typeOf } from './ShareIcon';

interface Props {
  token: string;
  info: ShareInfo;
  /** The folder shown, relative to the shared folder ("/" = the shared folder). */
  inner: string;
  /** The box asks for the password again (its proof cookie expired). */
  onLocked: () => void;
  /** The link itself is gone (revoked, expired). */
  onGone: (error: ApiError) => void;
}

type Listing =
  | { status: 'loading' }
  | { status: 'ready'; inner: string; entries: SharedEntry[] }
  | { status: 'missing'; inner: string }
  | { status: 'failed'; inner: string; message: string };

function Crumbs({ token, root, inner }: { token: string; root: string; inner: string }) {
  const crumbs = crumbsOf(inner);
  return (
    <nav class="share-crumbs" aria-label={t('share.location')}>
      <ol>
        <li>
          <a href={shareHref(token)} onClick={onLinkClick}>
            <ShareIcon name="folder" size={16} />
            {root}
          </a>
        </li>
        {crumbs.map((crumb, index) => (
          <li key={crumb.path}>
            <ShareIcon name="chevron" size={14} />
            {index === crumbs.length - 1 ? (
              <span aria-current="page">{crumb.name}</span>
            ) : (
              <a href={shareHref(token, crumb.path)} onClick={onLinkClick}>
                {crumb.name}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Row({ token, entry }: { token: string; entry: SharedEntry }) {
  const type = typeOf(entry);
  const folder = entry.kind === 'folder';
  const action = folder ? t('share.downloadFolderZip', { name: entry.name }) : t('share.downloadNamed', { name: entry.name });
  return (
    <li class={folder ? 'share-row share-row-folder' : 'share-row'}>
      <span class={`share-row-icon share-type-${type}`}>
        <ShareIcon name={TYPE_ICON[type]} size={22} />
      </span>
      <span class="share-row-main">
        {folder ? (
          <a class="share-row-name" href={shareHref(token, entry.path)} onClick={onLinkClick}>
            {entry.name}
          </a>
        ) : (
          <span class="share-row-name">{entry.name}</span>
        )}
        <span class="share-row-size">{folder ? t('share.type.folder') : formatSize(entry.size)}</span>
        <span class="share-row-date" title={formatWhen(entry.mtime)}>
          {formatDay(entry.mtime)}
        </span>
      </span>
      <a
        class="btn btn-ghost share-row-action"
        href={folder ? zipUrl(token, entry.path) : contentUrl(token, entry.path)}
        download={folder ? `${entry.name}.zip` : entry.name}
        aria-label={action}
        title={action}
      >
        <ShareIcon name="download" />
        <span class="share-row-action-label" aria-hidden="true">
          {folder ? t('share.zip') : t('share.download')}
        </span>
      </a>
    </li>
  );
}

/** A shared folder: breadcrumbs inside it, its contents, a file's or a folder's download. */
export function FolderView({ token, info, inner, onLocked, onGone }: Props) {
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstShown = useRef<string | null>(null);

  useEffect(() => {
    let stale = false;
    shareApi.list(token, inner).then(
      ({ entries }) => !stale && setListing({ status: 'ready', inner, entries: byFolderThenName(entries) }),
      (error: unknown) => {
        if (stale) return;
        if (error instanceof ApiError) {
          if (error.status === 401) return onLocked();
          if (error.status === 410 || (error.status === 404 && inner === '/')) return onGone(error);
          // A folder that was renamed or removed, or a file's path typed as a folder.
          if (error.status === 404 || error.status === 409 || error.status === 422) return setListing({ status: 'missing', inner });
        }
        setListing({ status: 'failed', inner, message: errorMessage(error) });
      },
    );
    return () => {
      stale = true;
    };
  }, [token, inner, attempt, onLocked, onGone]);

  // After moving to another folder, reading starts again at its name.
  const shownInner = listing.status === 'loading' ? null : listing.inner;
  useEffect(() => {
    if (shownInner === null) return;
    if (firstShown.current === null) firstShown.current = shownInner;
    else heading.current?.focus();
  }, [shownInner]);

  const name = inner === '/' ? info.name : (crumbsOf(inner).at(-1)?.name ?? info.name);
  const loading = listing.status === 'loading' || listing.inner !== inner;
  const entries = listing.status === 'ready' ? listing.entries : [];
  const ready = listing.status === 'ready' && !loading;

  return (
    <article class="share-card share-folder" aria-labelledby="share-title" aria-busy={loading ? 'true' : undefined}>
      {inner !== '/' && <Crumbs token={token} root={info.name} inner={inner} />}
      <div class="share-head">
        <span class="share-tile share-type-folder">
          <ShareIcon name="folder" size={28} />
        </span>
        <div class="share-head-text">
          <h1 id="share-title" class="share-name" tabIndex={-1} ref={heading}>
            {name}
          </h1>
          <p class="share-meta">
            <span>{t('share.type.folder')}</span>
            {ready && <span>{t('share.items', { count: entries.length })}</span>}
          </p>
        </div>
        {ready && entries.length > 0 && (
          <a class="btn btn-primary share-zip" href={zipUrl(token, inner)} download={`${name}.zip`}>
            <ShareIcon name="download" />
            <span>{t('share.downloadZip')}</span>
          </a>
        )}
      </div>
      <Expiry expiresAt={info.expiresAt} />
      {listing.status === 'loading' && <p class="share-empty muted">{t('app.loading')}</p>}
      {listing.status === 'missing' && !loading && (
        <div class="share-empty">
          <p>{t('share.folderMissing')}</p>
          <a href={shareHref(token)} onClick={onLinkClick}>
            {t('share.backTo', { name: info.name })}
          </a>
        </div>
      )}
      {listing.status === 'failed' && !loading && (
        <div class="share-empty" role="alert">
          <p>{listing.message}</p>
          <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {listing.status === 'ready' &&
        (entries.length === 0 ? (
          <p class="share-empty muted">{t('share.empty')}</p>
        ) : (
          <div class="share-list">
            <div class="share-list-head" aria-hidden="true">
              <span />
              <span class="share-row-main">
                <span>{t('share.colName')}</span>
                <span class="share-row-size">{t('share.colSize')}</span>
                <span>{t('share.colModified')}</span>
              </span>
              <span />
            </div>
            <ul class="share-rows" aria-label={t('share.contents', { name })}>
              {entries.map((entry) => (
                <Row key={entry.path} token={token} entry={entry} />
              ))}
            </ul>
          </div>
        ))}
    </article>
  );
}
