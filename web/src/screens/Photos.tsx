import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { fromFileList } from '../lib/upload-tree';
import { Notice } from '../components/Notice';
import { Toast, useToast } from '../components/drive/Toast';
import { UploadPanel } from '../components/drive/UploadPanel';
import { useUploads } from '../components/drive/useUploads';
import { PhotoBrowser } from '../components/photos/PhotoBrowser';
import { PhotoIcon } from '../components/photos/PhotoIcon';
import { PhotosHeader, UploadButton } from '../components/photos/PhotosHeader';
import { photosApi } from '../components/photos/photos-api';
import { SettingsDialog } from '../components/photos/SettingsDialog';
import { usePhotos } from '../components/photos/usePhotos';
import { AlbumScreen, AlbumsScreen } from './PhotosAlbums';
import '../components/photos/photos.css';

const TIMELINE = { kind: 'timeline' } as const;

/** Photos' screens for an address, or null when the address is not Photos'. */
export function photosScreen(path: string) {
  if (path === '/photos' || path === '/photos/') return <TimelineScreen />;
  if (path === '/photos/albums') return <AlbumsScreen />;
  const album = /^\/photos\/albums\/(\d{1,15})$/.exec(path);
  return album ? <AlbumScreen id={Number(album[1])} /> : null;
}

/** Uploads from Photos go to the upload folder (this month's), through the Drive's upload queue. */
function usePhotoUploads(onUploaded: () => void, fail: (message: string) => void, onBatchEnd: (count: number) => void) {
  // The box reads a new photo in the background: look again a little later, then once more.
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const uploads = useUploads(() => {
    timers.current.forEach(clearTimeout);
    timers.current = [1500, 5000, 12000].map((ms) => setTimeout(onUploaded, ms));
  });
  const running = uploads.stats.running;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running && uploads.stats.finished > 0) onBatchEnd(uploads.stats.finished);
    wasRunning.current = running;
  }, [running]);
  const upload = async (files: FileList) => {
    // Read the list now: the input is emptied (and its FileList with it) as soon as this returns.
    const picked = fromFileList(files);
    try {
      const { path } = await photosApi.uploadFolder();
      fail(await uploads.start(picked, path));
    } catch (error) {
      fail(errorMessage(error));
    }
  };
  return { uploads, upload };
}

function TimelineEmpty({ error, loading, filtered }: { error: string; loading: boolean; filtered: boolean }) {
  if (error) return <p class="empty" role="alert">{t('photos.failed')} {error}</p>;
  if (loading) return <p class="empty" aria-busy="true">{t('photos.loading')}</p>;
  return (
    <div class="empty photos-empty">
      <PhotoIcon name="timeline" size={40} />
      <p class="empty-title">{t('photos.empty')}</p>
      <p class="photos-empty-text">{filtered ? t('photos.emptyFiltered') : t('photos.emptyHint')}</p>
    </div>
  );
}

export function TimelineScreen() {
  useTitle(t('photos.timeline'), t('nav.photos'));
  const photos = usePhotos(TIMELINE);
  const [failure, setFailure] = useState('');
  const [settings, setSettings] = useState(false);
  const [filtered, setFiltered] = useState(false);
  useEffect(() => void photosApi.settings().then((s) => setFiltered(s.folders !== null), () => undefined), []);
  const { toast, show, dismiss } = useToast();
  const { uploads, upload } = usePhotoUploads(() => void photos.reload(), setFailure, (count) => show({ text: t('photos.uploaded', { count }) }));

  return (
    <div class="page photos">
      <PhotosHeader current="timeline">
        {photos.summary && photos.summary.total > 0 && <span class="muted small photos-count">{t('photos.count', { count: formatNumber(photos.summary.total, 0) })}</span>}
        <UploadButton onFiles={(files) => void upload(files)} />
        <button type="button" class="tool" onClick={() => setSettings(true)}>
          <PhotoIcon name="settings" />
          <span class="tool-label">{t('photos.settings')}</span>
        </button>
      </PhotosHeader>
      <Notice kind="error">{failure}</Notice>
      <PhotoBrowser
        photos={photos}
        empty={<TimelineEmpty error={photos.error} loading={!photos.summary} filtered={filtered} />}
        onAdded={(album, added) => show({ text: t('photos.added', { count: added, album: album.name }) })}
      />
      <UploadPanel uploads={uploads} />
      <Toast toast={toast} onDismiss={dismiss} />
      {settings && (
        <SettingsDialog
          onClose={() => setSettings(false)}
          onSaved={() => {
            setSettings(false);
            show({ text: t('photos.settings.saved') });
            void photosApi.settings().then((s) => setFiltered(s.folders !== null));
            void photos.reload();
          }}
        />
      )}
    </div>
  );
}
