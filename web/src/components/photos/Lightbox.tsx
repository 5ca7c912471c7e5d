import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { DriveIcon } from '../drive/DriveIcon';
import { InfoPanel } from './InfoPanel';
import type { PhotoLoader } from './loader';
import { PhotoIcon } from './PhotoIcon';
import { originalUrl, thumbnailUrl, type PhotoItem } from './photos-api';
import { placeholderOf } from './Tile';
import { useZoom } from './useZoom';

interface Props {
  loader: PhotoLoader;
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

/** Pictures a browser shows by itself: the original stands in while the preview is being made. */
const BROWSER_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

function Picture({ item, zoom }: { item: PhotoItem; zoom: ReturnType<typeof useZoom> }) {
  const ready = item.thumbs === 'ready';
  const src = ready ? thumbnailUrl(item, 'preview') : BROWSER_IMAGES.has(item.mime) ? originalUrl(item) : null;
  const under = ready ? thumbnailUrl(item, 'small') : placeholderOf(item.thumbhash);
  return (
    <div class="lb-picture" {...zoom.handlers}>
      {under && <img class="lb-under" src={under} alt="" aria-hidden="true" style={zoom.style} />}
      {src && <img class="lb-image" src={src} alt={item.name} style={zoom.style} draggable={false} />}
    </div>
  );
}

/**
 * Left and right arrows, Escape, + and -; nothing while typing or while a video has the keys.
 * One listener reading the latest handlers through a ref: a listener re-added after each render
 * would, for a moment after a move, still hold the index from before it (a quick second key
 * would then move from the wrong photo).
 */
function useKeys(go: (delta: number) => void, onClose: () => void, zoom: ReturnType<typeof useZoom>) {
  const latest = useRef({ go, onClose, zoom });
  latest.current = { go, onClose, zoom };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('video, input, textarea')) return;
      const { go, onClose, zoom } = latest.current;
      if (event.key === 'ArrowRight') go(1);
      else if (event.key === 'ArrowLeft') go(-1);
      else if (event.key === 'Escape') onClose();
      else if (event.key === '+' || event.key === '=') zoom.zoomBy(1.5);
      else if (event.key === '-') zoom.zoomBy(1 / 1.5);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

interface BarProps {
  item: PhotoItem | undefined;
  position: string;
  zoom: ReturnType<typeof useZoom>;
  info: boolean;
  onInfo: () => void;
  onClose: () => void;
}

function LightboxBar({ item, position, zoom, info, onInfo, onClose }: BarProps) {
  return (
    <header class="lb-bar">
      <button type="button" class="lb-tool" onClick={onClose} aria-label={t('photos.close')}>
        <DriveIcon name="close" />
      </button>
      <p class="lb-title">
        <span class="lb-name">{item?.name ?? ''}</span>
        <span class="lb-position">{position}</span>
      </p>
      {item?.kind === 'image' && (
        <>
          <button type="button" class="lb-tool" onClick={() => zoom.zoomBy(1 / 1.5)} disabled={zoom.scale <= 1} aria-label={t('photos.zoomOut')}>
            <PhotoIcon name="zoomOut" />
          </button>
          <button type="button" class="lb-tool" onClick={() => zoom.zoomBy(1.5)} disabled={zoom.scale >= 4} aria-label={t('photos.zoomIn')}>
            <PhotoIcon name="zoomIn" />
          </button>
        </>
      )}
      {item && (
        <a class="lb-tool" href={originalUrl(item, false)} download={item.name} aria-label={t('photos.download')}>
          <DriveIcon name="download" />
        </a>
      )}
      <button type="button" class="lb-tool" aria-pressed={info} onClick={onInfo} aria-label={t('photos.info')}>
        <DriveIcon name="info" />
      </button>
    </header>
  );
}

/** The page behind stays still while the lightbox is open; focus comes back where it was. */
function useModal(ref: { current: HTMLElement | null }) {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    ref.current?.focus();
    return () => {
      document.body.style.overflow = overflow;
      if (before?.isConnected) before.focus();
    };
  }, []);
}

/** The picture or the video, with the previous and next buttons over it. */
function Stage({ item, zoom, go, first, last }: { item: PhotoItem | undefined; zoom: ReturnType<typeof useZoom>; go: (delta: number) => void; first: boolean; last: boolean }) {
  return (
    <div class="lb-stage">
      {item?.kind === 'video' ? (
        <video key={item.fileId} class="lb-video" src={originalUrl(item)} poster={item.thumbs === 'ready' ? thumbnailUrl(item, 'preview') : undefined} controls playsInline preload="metadata" />
      ) : item ? (
        <Picture key={item.fileId} item={item} zoom={zoom} />
      ) : (
        <p class="lb-wait">{t('app.loading')}</p>
      )}
      <button type="button" class="lb-nav lb-prev" onClick={() => go(-1)} disabled={first} aria-label={t('photos.previous')}>
        <DriveIcon name="left" size={28} />
      </button>
      <button type="button" class="lb-nav lb-next" onClick={() => go(1)} disabled={last} aria-label={t('photos.next')}>
        <DriveIcon name="right" size={28} />
      </button>
    </div>
  );
}

/** One photo over everything: preview, previous/next (keys, buttons, swipe), zoom, videos that play, the info panel. */
export function Lightbox({ loader, index, onIndex, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [info, setInfo] = useState(() => matchMedia('(min-width: 1000px)').matches);
  const item = loader.items[index];
  const go = (delta: number) => {
    const next = index + delta;
    if (next >= 0 && next < loader.total) onIndex(next);
  };
  const zoom = useZoom(go);
  useKeys(go, onClose, zoom);
  useEffect(() => loader.ensure(Math.max(0, index - 3), index + 4), [index]);
  useEffect(() => zoom.reset(), [index]);
  useModal(ref);

  return (
    <div ref={ref} class={`lightbox${info ? ' with-info' : ''}`} role="dialog" aria-modal="true" aria-label={t('photos.lightbox')} tabIndex={-1}>
      <LightboxBar item={item} position={t('photos.position', { n: index + 1, total: loader.total })} zoom={zoom} info={info} onInfo={() => setInfo(!info)} onClose={onClose} />
      <Stage item={item} zoom={zoom} go={go} first={index === 0} last={index >= loader.total - 1} />
      {info && item && <InfoPanel item={item} />}
    </div>
  );
}
