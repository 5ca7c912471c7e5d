import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Expiry } from './Expiry';
import { contentUrl, type ShareInfo } from './share-api';
import { formatSize, formatWhen } from './share-format';
import { canShowImage, ShareIcon, TYPE_ICON, TYPE_LABEL, typeOf } from './ShareIcon';

// Larger pictures are not fetched just to be looked at (a phone on mobile data).
const PREVIEW_MAX_BYTES = 25 * 1000 * 1000;

/** One shared file: what it is, a preview when it is a picture, and one big Download button. */
export function FileView({ token, info }: { token: string; info: ShareInfo }) {
  const [previewFailed, setPreviewFailed] = useState(false);
  const type = typeOf(info);
  const preview = canShowImage(info.mime) && info.size <= PREVIEW_MAX_BYTES && !previewFailed;
  const url = contentUrl(token);
  return (
    <article class="share-card share-file" aria-labelledby="share-title">
      {preview && (
        <figure class="share-preview">
          <img src={url} alt={t('share.previewAlt', { name: info.name })} onError={() => setPreviewFailed(true)} />
        </figure>
      )}
      <div class="share-head">
        <span class={`share-tile share-type-${type}`}>
          <ShareIcon name={TYPE_ICON[type]} size={28} />
        </span>
        <div class="share-head-text">
          <h1 id="share-title" class="share-name">
            {info.name}
          </h1>
          <p class="share-meta">
            <span>{t(TYPE_LABEL[type])}</span>
            <span>{formatSize(info.size)}</span>
          </p>
          <p class="share-meta">{t('share.modified', { date: formatWhen(info.mtime) })}</p>
        </div>
      </div>
      <Expiry expiresAt={info.expiresAt} />
      <a class="btn btn-primary btn-large share-download" href={url} download={info.name}>
        <ShareIcon name="download" size={22} />
        <span>{t('share.download')}</span>
        <span class="share-download-size">{formatSize(info.size)}</span>
      </a>
    </article>
  );
}
