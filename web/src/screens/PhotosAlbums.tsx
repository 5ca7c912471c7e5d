import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import { navigate, onLinkClick } from '../router';
import { Notice } from '../components/Notice';
import { ConfirmDialog } from '../components/drive/Dialog';
import { DriveIcon } from '../components/drive/DriveIcon';
import { Toast, useToast } from '../components/drive/Toast';
import { AlbumNameDialog } from '../components/photos/AlbumDialogs';
import { PhotoBrowser, type SelectionTool } from '../components/photos/PhotoBrowser';
import { PhotoIcon } from '../components/photos/PhotoIcon';
import { PhotosHeader } from '../components/photos/PhotosHeader';
import { photosApi, type Album } from '../components/photos/photos-api';
import { Thumb } from '../components/photos/Tile';
import { usePhotos, type PhotosState } from '../components/photos/usePhotos';
import '../components/photos/photos.css';

function AlbumCard({ album }: { album: Album }) {
  return (
    <li>
      <a class="album-card" href={`/photos/albums/${album.id}`} onClick={onLinkClick}>
        <span class="album-cover">{album.cover ? <Thumb item={album.cover} /> : <PhotoIcon name="album" size={36} />}</span>
        <span class="album-name">{album.name}</span>
        <span class="muted small">{t('photos.albums.count', { count: album.count })}</span>
      </a>
    </li>
  );
}

/** Every album with its cover and count, and a button to make a new one. */
export function AlbumsScreen() {
  useTitle(t('photos.albums'), t('nav.photos'));
  const [albums, setAlbums] = useState<Album[] | null>(null);
  const [failure, setFailure] = useState('');
  const [naming, setNaming] = useState(false);
  useEffect(() => {
    photosApi.albums().then(({ albums }) => setAlbums(albums), (error) => setFailure(errorMessage(error)));
  }, []);
  return (
    <div class="page photos">
      <PhotosHeader current="albums">
        <button type="button" class="tool tool-primary" onClick={() => setNaming(true)}>
          <PhotoIcon name="plus" />
          <span class="tool-label">{t('photos.albums.new')}</span>
        </button>
      </PhotosHeader>
      <Notice kind="error">{failure}</Notice>
      {albums === null && !failure && <p class="empty">{t('app.loading')}</p>}
      {albums?.length === 0 && (
        <div class="empty photos-empty">
          <PhotoIcon name="album" size={40} />
          <p class="empty-title">{t('photos.albums.none')}</p>
          <p class="photos-empty-text">{t('photos.albums.noneHint')}</p>
        </div>
      )}
      {albums && albums.length > 0 && <ul class="album-grid">{albums.map((album) => <AlbumCard key={album.id} album={album} />)}</ul>}
      {naming && (
        <AlbumNameDialog title={t('photos.albums.new')} submit={t('photos.albums.create')} onClose={() => setNaming(false)}
          onName={async (name) => navigate(`/photos/albums/${(await photosApi.createAlbum(name)).id}`)} />
      )}
    </div>
  );
}

function AlbumHead({ album, onRename, onDelete }: { album: Album | null; onRename: () => void; onDelete: () => void }) {
  return (
    <div class="album-head">
      <a class="tool album-back" href="/photos/albums" onClick={onLinkClick} aria-label={t('photos.albums.back')}>
        <DriveIcon name="left" />
      </a>
      <div class="album-heading">
        <h2 class="album-title">{album?.name ?? ''}</h2>
        {album && <p class="muted small">{t('photos.albums.count', { count: album.count })}</p>}
      </div>
      <div class="tool-group">
        <button type="button" class="tool" onClick={onRename} disabled={!album}>
          <DriveIcon name="rename" />
          <span class="tool-label">{t('photos.albums.rename')}</span>
        </button>
        <button type="button" class="tool tool-danger" onClick={onDelete} disabled={!album}>
          <DriveIcon name="trash" />
          <span class="tool-label">{t('photos.albums.delete')}</span>
        </button>
      </div>
    </div>
  );
}

/** Take photos out of the album, or make one its cover. */
function albumTools(id: number, photos: PhotosState, setAlbum: (album: Album) => void, show: (message: { text: string }) => void): SelectionTool[] {
  return [
    { id: 'remove', icon: 'album', label: t('photos.removeFromAlbum'), run: async (fileIds) => {
      const { removed, album } = await photosApi.removeFromAlbum(id, fileIds);
      setAlbum(album);
      show({ text: t('photos.removed', { count: removed }) });
      await photos.reload();
    } },
    { id: 'cover', icon: 'cover', label: t('photos.setCover'), single: true, run: async ([fileId]) => {
      setAlbum(await photosApi.updateAlbum(id, { coverFileId: fileId! }));
      show({ text: t('photos.coverSet') });
    } },
  ];
}

type AlbumDialog = 'rename' | 'delete' | null;

/** One album: its photos (same grid and lightbox as the timeline), rename, delete, remove photos, choose the cover. */
export function AlbumScreen({ id }: { id: number }) {
  const [album, setAlbum] = useState<Album | null>(null);
  const [missing, setMissing] = useState('');
  const [dialog, setDialog] = useState<AlbumDialog>(null);
  const [busy, setBusy] = useState(false);
  const { toast, show, dismiss } = useToast();
  const source = useMemo(() => ({ kind: 'album', id }) as const, [id]);
  const photos = usePhotos(source);
  useTitle(album?.name ?? t('photos.albums'), t('nav.photos'));
  useEffect(() => {
    photosApi.album(id).then(setAlbum, (error) => setMissing(errorMessage(error)));
  }, [id]);

  const tools = albumTools(id, photos, setAlbum, show);
  const remove = async () => {
    setBusy(true);
    await photosApi.deleteAlbum(id).catch(() => undefined);
    navigate('/photos/albums');
  };

  if (missing) {
    return (
      <div class="page photos">
        <PhotosHeader current="albums" />
        <p class="empty" role="alert">{t('photos.albums.missing')}</p>
      </div>
    );
  }
  return (
    <div class="page photos">
      <PhotosHeader current="albums" />
      <AlbumHead album={album} onRename={() => setDialog('rename')} onDelete={() => setDialog('delete')} />
      <PhotoBrowser
        photos={photos}
        tools={tools}
        empty={photos.summary ? (
          <div class="empty photos-empty">
            <p class="empty-title">{t('photos.albums.empty')}</p>
            <p class="photos-empty-text">{t('photos.albums.emptyHint')}</p>
          </div>
        ) : <p class="empty">{photos.error || t('photos.loading')}</p>}
        onAdded={(target, added) => show({ text: t('photos.added', { count: added, album: target.name }) })}
      />
      <Toast toast={toast} onDismiss={dismiss} />
      {dialog === 'rename' && album && (
        <AlbumNameDialog title={t('photos.albums.rename')} submit={t('photos.albums.save')} initial={album.name} onClose={() => setDialog(null)}
          onName={async (name) => {
            setAlbum(await photosApi.updateAlbum(id, { name }));
            setDialog(null);
          }} />
      )}
      {dialog === 'delete' && album && (
        <ConfirmDialog title={t('photos.albums.deleteTitle', { name: album.name })} message={t('photos.albums.deleteText')}
          confirm={t('photos.albums.delete')} busy={busy} onConfirm={() => void remove()} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
