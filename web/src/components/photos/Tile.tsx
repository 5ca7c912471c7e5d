import { useRef, useState } from 'preact/hooks';
import { thumbHashToDataURL } from 'thumbhash';
import { t } from '../../i18n';
import { DriveIcon } from '../drive/DriveIcon';
import { formatDay, formatVideoLength } from './dates';
import { thumbnailUrl, type PhotoItem } from './photos-api';

const placeholders = new Map<string, string>();

/** The thumbhash as a tiny PNG data URL (decoded once per hash: tiles come and go as the grid scrolls). */
export function placeholderOf(hash: string | null): string | null {
  if (!hash) return null;
  let url = placeholders.get(hash);
  if (url === undefined) {
    try {
      url = thumbHashToDataURL(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
    } catch {
      url = '';
    }
    if (placeholders.size > 5000) placeholders.clear();
    placeholders.set(hash, url);
  }
  return url || null;
}

/** A photo's picture: its thumbhash at once, the thumbnail over it once ready. */
export function Thumb({ item, size = 'small' }: { item: PhotoItem; size?: 'small' | 'preview' }) {
  const [loaded, setLoaded] = useState<string | null>(null);
  const placeholder = placeholderOf(item.thumbhash);
  const src = item.thumbs === 'ready' ? thumbnailUrl(item, size) : null;
  return (
    <span class={`pthumb${item.thumbs === 'failed' ? ' pthumb-failed' : ''}`}>
      {placeholder && (src === null || loaded !== src) && <img class="pthumb-hash" src={placeholder} alt="" aria-hidden="true" />}
      {src && <img class="pthumb-img" src={src} alt="" loading="lazy" decoding="async" onLoad={() => setLoaded(src)} data-loaded={loaded === src ? '' : undefined} />}
      {item.thumbs === 'failed' && (
        <span title={t('photos.thumbFailed')}>
          <DriveIcon name={item.kind === 'video' ? 'video' : 'image'} size={28} />
        </span>
      )}
    </span>
  );
}

interface TileProps {
  item: PhotoItem | undefined;
  index: number;
  selected: boolean;
  selecting: boolean;
  onOpen: (index: number) => void;
  onToggle: (index: number, range: boolean) => void;
  onLongPress: (index: number) => void;
}

const LONG_PRESS_MS = 450;

/** A finger held still on a tile for a moment starts selecting (and the click that follows is swallowed). */
function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fired = useRef(false);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    fired,
    handlers: {
      onPointerDown: (event: PointerEvent) => {
        fired.current = false;
        if (event.pointerType !== 'touch') return;
        timer.current = setTimeout(() => {
          fired.current = true;
          onLongPress();
        }, LONG_PRESS_MS);
      },
      onPointerUp: cancel,
      onPointerCancel: cancel,
      onPointerMove: (event: PointerEvent) => event.pointerType === 'touch' && Math.abs(event.movementY) > 4 && cancel(),
    },
  };
}

/** One square of the grid: opens the lightbox, or selects in selection mode (long-press on touch, the check box with a mouse). */
export function Tile({ item, index, selected, selecting, onOpen, onToggle, onLongPress }: TileProps) {
  const press = useLongPress(() => onLongPress(index));
  if (!item) return <div class="ptile ptile-loading" data-index={index} aria-hidden="true" />;
  const label = t('photos.photoLabel', { name: item.name, date: formatDay(item.takenAt, item.offset) });
  return (
    <div class={`ptile${selected ? ' ptile-selected' : ''}`} data-file-id={item.fileId} data-index={index}>
      <button
        type="button"
        class="ptile-open"
        aria-label={label}
        {...press.handlers}
        onContextMenu={(event) => (selecting || press.fired.current) && event.preventDefault()}
        onClick={(event) => {
          if (press.fired.current) return;
          if (selecting || event.shiftKey || event.ctrlKey || event.metaKey) onToggle(index, event.shiftKey);
          else onOpen(index);
        }}
      >
        <Thumb item={item} />
        {item.kind === 'video' && (
          <span class="ptile-video">
            <DriveIcon name="video" size={16} />
            <span class="sr-only">{t('photos.video')}</span>
            {item.durationMs !== null && <span>{formatVideoLength(item.durationMs)}</span>}
          </span>
        )}
        {item.thumbs === 'pending' && <span class="sr-only">{t('photos.pending')}</span>}
      </button>
      <label class="ptile-check" title={t('photos.select', { name: item.name })}>
        <input
          type="checkbox"
          checked={selected}
          aria-label={t('photos.select', { name: item.name })}
          onClick={(event) => {
            event.preventDefault();
            onToggle(index, event.shiftKey);
          }}
        />
        <span aria-hidden="true" />
      </label>
    </div>
  );
}
