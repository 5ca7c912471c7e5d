import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes } from '../../lib/format';
import { Dialog } from './Dialog';
import { DriveIcon } from './DriveIcon';
import { contentUrl, fetchTextHead, type Entry } from './files-api';
import { fileTypeOf } from './kinds';

interface Props {
  /** The files of the folder, in the order shown; `index` is the one open. */
  files: Entry[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

function TextPreview({ entry }: { entry: Entry }) {
  const [state, setState] = useState<{ text: string; truncated: boolean } | 'loading' | 'error'>('loading');
  useEffect(() => {
    let live = true;
    setState('loading');
    fetchTextHead(entry.path)
      .then((head) => live && setState(head))
      .catch(() => live && setState('error'));
    return () => {
      live = false;
    };
  }, [entry.path, entry.etag]);
  if (state === 'loading') return <p class="muted preview-note">{t('app.loading')}</p>;
  if (state === 'error') return <p class="preview-note">{t('drive.preview.failed')}</p>;
  return (
    <div class="preview-text-wrap">
      {state.truncated && <p class="muted small preview-note">{t('drive.preview.truncated')}</p>}
      <pre class="preview-text" tabIndex={0}>{state.text}</pre>
    </div>
  );
}

function Body({ entry }: { entry: Entry }) {
  const src = contentUrl(entry.path, true);
  switch (fileTypeOf(entry)) {
    case 'image':
      return <img class="preview-image" src={src} alt={entry.name} />;
    case 'pdf':
      return <iframe class="preview-frame" src={src} title={entry.name} />;
    case 'audio':
      return <audio class="preview-audio" src={src} controls preload="metadata" />;
    case 'video':
      return <video class="preview-video" src={src} controls preload="metadata" playsInline />;
    case 'text':
      return <TextPreview entry={entry} />;
    default:
      return (
        <div class="preview-none">
          <DriveIcon name="file" size={48} />
          <p>{t('drive.preview.none')}</p>
        </div>
      );
  }
}

/** A file shown over the page: previous/next, download, Escape closes. */
export function Preview({ files, index, onIndex, onClose }: Props) {
  const entry = files[index];
  // The index a key press moves from, updated at once: two quick presses
  // before the next render must move two files, not the same one twice.
  const shownIndex = useRef(index);
  shownIndex.current = index;
  const go = (delta: number) => {
    const next = shownIndex.current + delta;
    if (next < 0 || next >= files.length) return;
    shownIndex.current = next;
    onIndex(next);
  };
  // One listener for the preview's life, calling the latest `go`.
  const latestGo = useRef(go);
  latestGo.current = go;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = (event.target as HTMLElement).closest('audio, video, input, pre');
      if (typing) return;
      if (event.key === 'ArrowRight') latestGo.current(1);
      if (event.key === 'ArrowLeft') latestGo.current(-1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  if (!entry) return null;
  const tools = (
    <div class="preview-tools">
      <span class="preview-facts muted small">
        {t('drive.preview.position', { n: index + 1, total: files.length })} · {formatBytes(entry.size)}
      </span>
      <button type="button" class="tool" disabled={index === 0} onClick={() => go(-1)} aria-label={t('drive.preview.previous')}>
        <DriveIcon name="left" />
      </button>
      <button type="button" class="tool" disabled={index >= files.length - 1} onClick={() => go(1)} aria-label={t('drive.preview.next')}>
        <DriveIcon name="right" />
      </button>
      <a class="tool" href={contentUrl(entry.path)} download={entry.name}>
        <DriveIcon name="download" />
        <span class="tool-label">{t('drive.download')}</span>
      </a>
    </div>
  );
  return (
    <Dialog title={entry.name} onClose={onClose} class="preview" actions={tools}>
      <div class="preview-stage" key={entry.path}>
        <Body entry={entry} />
      </div>
    </Dialog>
  );
}
