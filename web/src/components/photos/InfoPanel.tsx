import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { onLinkClick } from '../../router';
import { driveHref, parentOf } from '../drive/paths';
import { formatExposureTime, formatTaken, formatVideoLength } from './dates';
import { photosApi, type PhotoDetail, type PhotoItem } from './photos-api';

const DATE_SOURCE: Record<PhotoItem['dateSource'], MessageKey> = {
  exif: 'photos.info.fromExif',
  video: 'photos.info.fromVideo',
  mtime: 'photos.info.fromMtime',
};

function exposureText({ exposure }: PhotoDetail): string | null {
  const parts = [
    exposure.exposureTime !== null ? formatExposureTime(exposure.exposureTime) : null,
    exposure.fNumber !== null ? `f/${Number(exposure.fNumber.toFixed(1))}` : null,
    exposure.iso !== null ? `ISO ${exposure.iso}` : null,
    exposure.focalLength !== null ? `${Number(exposure.focalLength.toFixed(1))} mm` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="info-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function useDetail(fileId: number): { detail: PhotoDetail | null; error: string } {
  const [state, setState] = useState<{ detail: PhotoDetail | null; error: string }>({ detail: null, error: '' });
  useEffect(() => {
    let live = true;
    setState({ detail: null, error: '' });
    photosApi.item(fileId).then((detail) => live && setState({ detail, error: '' }), (error) => live && setState({ detail: null, error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [fileId]);
  return state;
}

function PathLink({ path }: { path: string }) {
  return (
    <a href={driveHref(parentOf(path))} onClick={onLinkClick} class="info-path">
      {path}
    </a>
  );
}

/** With what it was taken, once the box has answered. */
function CameraFacts({ detail }: { detail: PhotoDetail }) {
  const camera = [detail.camera.make, detail.camera.model].filter(Boolean).join(' ');
  const exposure = exposureText(detail);
  return (
    <>
      {(camera || detail.camera.lens) && (
        <Fact label={t('photos.info.camera')}>
          {camera}
          {detail.camera.lens && <span class="info-sub">{detail.camera.lens}</span>}
        </Fact>
      )}
      {exposure && <Fact label={t('photos.info.exposure')}>{exposure}</Fact>}
    </>
  );
}

/** Where it is (on Earth, in other copies, in albums), once the box has answered. */
function PlaceFacts({ detail }: { detail: PhotoDetail }) {
  return (
    <>
      {detail.location && <Fact label={t('photos.info.coordinates')}>{detail.location.text}</Fact>}
      {detail.duplicates.length > 0 && (
        <Fact label={t('photos.info.duplicates')}>
          <ul class="info-list">{detail.duplicates.map((copy) => <li key={copy.fileId}><PathLink path={copy.path} /></li>)}</ul>
        </Fact>
      )}
      {detail.albums.length > 0 && (
        <Fact label={t('photos.info.albums')}>
          <ul class="info-list">
            {detail.albums.map((album) => (
              <li key={album.id}>
                <a href={`/photos/albums/${album.id}`} onClick={onLinkClick}>{album.name}</a>
              </li>
            ))}
          </ul>
        </Fact>
      )}
    </>
  );
}

/** The lightbox's side panel: when (and how we know), with what, how big, where in the Drive and on Earth. */
export function InfoPanel({ item }: { item: PhotoItem }) {
  const { detail, error } = useDetail(item.fileId);
  return (
    <aside class="info-panel" aria-label={t('photos.info.title')}>
      <h2 class="info-title">{t('photos.info.title')}</h2>
      <dl class="info-facts">
        <Fact label={t('photos.info.date')}>
          <span class="info-date">{formatTaken(item.takenAt, item.offset)}</span>
          <span class={`info-source${item.dateSource === 'mtime' ? ' info-warn' : ''}`}>{t(DATE_SOURCE[item.dateSource])}</span>
        </Fact>
        {detail && <CameraFacts detail={detail} />}
        {item.width !== null && item.height !== null && (
          <Fact label={t('photos.info.dimensions')}>
            {item.width} × {item.height}
          </Fact>
        )}
        {item.durationMs !== null && <Fact label={t('photos.info.duration')}>{formatVideoLength(item.durationMs)}</Fact>}
        {detail && <Fact label={t('photos.info.size')}>{formatBytes(detail.size)}</Fact>}
        <Fact label={t('photos.info.location')}>
          <PathLink path={item.path} />
        </Fact>
        {detail && <PlaceFacts detail={detail} />}
      </dl>
      {error && <p class="info-error">{error}</p>}
    </aside>
  );
}
