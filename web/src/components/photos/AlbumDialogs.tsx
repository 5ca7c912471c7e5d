import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Notice } from '../Notice';
import { Dialog } from '../drive/Dialog';
import { PhotoIcon } from './PhotoIcon';
import { photosApi, type Album } from './photos-api';
import { Thumb } from './Tile';

const NAME_MAX = 100;

/** The same checks as the box: a name, not too long. */
export function albumNameProblem(name: string): MessageKey | null {
  const trimmed = name.trim();
  if (!trimmed) return 'photos.albums.nameEmpty';
  if ([...trimmed].length > NAME_MAX) return 'photos.albums.nameLong';
  return null;
}

/** One name, checked here and then by the box (new album, rename). */
export function AlbumNameDialog(props: { title: string; submit: string; initial?: string; onName: (name: string) => Promise<void>; onClose: () => void }) {
  const [name, setName] = useState(props.initial ?? '');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const found = albumNameProblem(name);
    setProblem(found);
    setFailure('');
    if (found) return;
    setBusy(true);
    try {
      await props.onName(name.trim());
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose} onSubmit={() => void send()}
      footer={
        <>
          <Button variant="secondary" onClick={props.onClose}>{t('photos.albums.cancel')}</Button>
          <Button type="submit" busy={busy}>{props.submit}</Button>
        </>
      }
    >
      <div class="stack-sm">
        <TextField id="album-name" label={t('photos.albums.name')} value={name} autoFocus onValue={(value) => {
          setName(value);
          setProblem(null);
        }} error={problem} />
        <Notice kind="error">{failure}</Notice>
      </div>
    </Dialog>
  );
}

/** Add the selected photos to an album: pick one of the albums, or name a new one. */
export function AddToAlbumDialog({ fileIds, onDone, onClose }: { fileIds: number[]; onDone: (album: Album, added: number) => void; onClose: () => void }) {
  const [albums, setAlbums] = useState<Album[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    photosApi.albums().then(({ albums }) => setAlbums(albums), (error) => setFailure(errorMessage(error)));
  }, []);
  const run = async (work: () => Promise<{ album: Album; added: number }>) => {
    setBusy(true);
    setFailure('');
    try {
      const { album, added } = await work();
      onDone(album, added);
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  const create = () => {
    const found = albumNameProblem(name);
    setProblem(found);
    if (found) return;
    void run(async () => {
      const album = await photosApi.createAlbum(name.trim(), fileIds);
      return { album, added: fileIds.length };
    });
  };
  return (
    <Dialog title={t('photos.albums.choose', { count: fileIds.length })} onClose={onClose} onSubmit={create} class="album-picker">
      <div class="stack-sm">
        {albums === null && !failure && <p class="muted">{t('app.loading')}</p>}
        {albums && albums.length > 0 && (
          <ul class="album-choices">
            {albums.map((album) => (
              <li key={album.id}>
                <button type="button" class="album-choice" disabled={busy} onClick={() => void run(() => photosApi.addToAlbum(album.id, fileIds))}>
                  <span class="album-choice-cover">{album.cover ? <Thumb item={album.cover} /> : <PhotoIcon name="album" />}</span>
                  <span class="album-choice-name">{album.name}</span>
                  <span class="muted small">{t('photos.albums.count', { count: album.count })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <fieldset class="album-new">
          <legend>{t(albums?.length ? 'photos.albums.orNew' : 'photos.albums.new')}</legend>
          <TextField id="new-album-name" label={t('photos.albums.name')} value={name} onValue={(value) => {
            setName(value);
            setProblem(null);
          }} error={problem} />
          <Button type="submit" busy={busy}>{t('photos.albums.create')}</Button>
        </fieldset>
        <Notice kind="error">{failure}</Notice>
      </div>
    </Dialog>
  );
}
