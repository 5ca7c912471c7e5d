import { ApiError } from '../../api';
import { t } from '../../i18n';
import { onLinkClick } from '../../router';
import { Button } from '../Button';
import { DriveIcon } from './DriveIcon';
import { driveError } from './errors';
import type { Entry } from './files-api';
import { FileView } from './FileView';
import { DRIVE_ROOT } from './paths';
import type { SortChoice, ViewMode } from './prefs';
import type { Selection } from './useSelection';

interface Props {
  entries: Entry[] | null;
  error: unknown;
  onRetry: () => void;
  view: ViewMode;
  sort: SortChoice;
  onSort: (sort: SortChoice) => void;
  selection: Selection;
  label: string;
  onOpen: (entry: Entry) => void;
  onDelete: (entries: Entry[]) => void;
}

/** The folder's contents, or what stands in for them: loading, empty, missing, failed. */
export function FolderBody({ entries, error, onRetry, ...view }: Props) {
  if (error && !entries) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div class="empty" role="alert">
        <DriveIcon name={missing ? 'folder' : 'info'} size={40} />
        <p class="empty-title">{missing ? t('drive.missing') : driveError(error)}</p>
        {missing ? (
          <a class="btn btn-secondary" href={DRIVE_ROOT} onClick={onLinkClick}>
            {t('drive.backHome')}
          </a>
        ) : (
          <Button variant="secondary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </div>
    );
  }
  if (!entries) {
    return (
      <div class="empty" aria-busy="true">
        <span class="spinner" aria-hidden="true" />
        <p class="muted">{t('app.loading')}</p>
      </div>
    );
  }
  if (entries.length === 0) {
    return (
      <div class="empty empty-drop">
        <DriveIcon name="uploadFolder" size={44} />
        <p class="empty-title">{t('drive.empty')}</p>
        <p class="muted">{t('drive.emptyHint')}</p>
      </div>
    );
  }
  return <FileView entries={entries} {...view} />;
}
