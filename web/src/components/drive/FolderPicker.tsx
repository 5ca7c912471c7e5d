import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { Dialog } from './Dialog';
import { DriveIcon } from './DriveIcon';
import { driveError } from './errors';
import { filesApi, type Entry } from './files-api';
import { NameDialog } from './NameDialog';
import { baseName, isInside, joinPath, parentOf, segments } from './paths';

interface Props {
  mode: 'move' | 'copy';
  /** What is being moved or copied (a folder cannot go inside itself). */
  items: Entry[];
  start: string;
  onPick: (folder: string) => Promise<void>;
  onClose: () => void;
}

function useFolders(path: string) {
  const [state, setState] = useState<{ folders: Entry[] | null; error: string }>({ folders: null, error: '' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ folders: null, error: '' });
    filesApi
      .list(path)
      .then(({ entries }) => live && setState({ folders: entries.filter((e) => e.kind === 'folder'), error: '' }))
      .catch((error) => live && setState({ folders: [], error: driveError(error) }));
    return () => {
      live = false;
    };
  }, [path, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** Why `folder` cannot receive the items, or null. */
function refusal(items: Entry[], folder: string, mode: 'move' | 'copy'): string | null {
  if (items.some((e) => e.kind === 'folder' && isInside(folder, e.path))) return t('drive.err.intoItself');
  if (mode === 'move' && items.every((e) => parentOf(e.path) === folder)) return t('drive.picker.already');
  return null;
}

/** A navigable list of folders, to choose where to move or copy. */
export function FolderPicker({ mode, items, start, onPick, onClose }: Props) {
  const [path, setPath] = useState(start);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const { folders, error, reload } = useFolders(path);
  const blocked = refusal(items, path, mode);
  const here = path === '/' ? t('drive.myFiles') : baseName(path);
  const pick = async () => {
    setBusy(true);
    setFailure('');
    try {
      await onPick(path);
    } catch (caught) {
      setFailure(driveError(caught));
      setBusy(false);
    }
  };
  const title = t(mode === 'move' ? 'drive.picker.moveTitle' : 'drive.picker.copyTitle', { count: items.length });
  return (
    <Dialog
      title={title}
      onClose={onClose}
      class="picker"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('drive.cancel')}
          </Button>
          <Button busy={busy} inactive={Boolean(blocked)} onClick={() => void pick()}>
            {t(mode === 'move' ? 'drive.picker.moveHere' : 'drive.picker.copyHere')}
          </Button>
        </>
      }
    >
      <nav class="picker-path" aria-label={t('drive.picker.where')}>
        <Button variant="ghost" class="btn-icon" inactive={path === '/'} aria-label={t('drive.picker.up')} onClick={() => setPath(parentOf(path))}>
          <DriveIcon name="up" />
        </Button>
        <p aria-live="polite">
          <span class="sr-only">{t('drive.picker.inside')} </span>
          <strong>{here}</strong>
          {segments(path).length > 1 && <span class="muted small"> · {parentOf(path)}</span>}
        </p>
        <Button variant="secondary" class="btn-small picker-new" onClick={() => setCreating(true)}>
          <DriveIcon name="newFolder" size={18} />
          {t('drive.newFolder')}
        </Button>
      </nav>
      <Notice kind="error">{error || failure}</Notice>
      {folders === null ? (
        <p class="muted" aria-busy="true">{t('app.loading')}</p>
      ) : folders.length === 0 ? (
        <p class="muted picker-empty">{t('drive.picker.noFolders')}</p>
      ) : (
        <ul class="picker-list">
          {folders.map((folder) => (
            <li key={folder.path}>
              <button type="button" class="picker-item" onClick={() => setPath(folder.path)}>
                <span class="file-icon type-folder"><DriveIcon name="folder" /></span>
                <span class="picker-name">{folder.name}</span>
                <DriveIcon name="right" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {blocked && <p class="muted small">{blocked}</p>}
      {creating && (
        <NameDialog
          title={t('drive.newFolder')}
          label={t('drive.folderName')}
          submit={t('drive.create')}
          describeError={driveError}
          onClose={() => setCreating(false)}
          onName={async (name) => {
            const made = await filesApi.createFolder(joinPath(path, name));
            setCreating(false);
            reload();
            setPath(made.path);
          }}
        />
      )}
    </Dialog>
  );
}
