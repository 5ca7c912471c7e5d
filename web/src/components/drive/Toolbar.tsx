import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { DriveIcon, type DriveIconName } from './DriveIcon';
import { SORTS, type SortChoice, type ViewMode } from './prefs';

export type SelectionAction = 'download' | 'rename' | 'move' | 'copy' | 'bill' | 'delete';

interface Props {
  view: ViewMode;
  onView: (view: ViewMode) => void;
  sort: SortChoice;
  onSort: (sort: SortChoice) => void;
  details: boolean;
  onDetails: () => void;
  onFiles: (files: FileList) => void;
  onNewFolder: () => void;
  selected: number;
  /** Actions that make sense for what is selected. */
  can: Record<SelectionAction, boolean>;
  onAction: (action: SelectionAction) => void;
  onClear: () => void;
}

function ToolButton(props: { icon: DriveIconName; label: string; onClick: () => void; pressed?: boolean; primary?: boolean; danger?: boolean }) {
  const cls = `tool${props.primary ? ' tool-primary' : ''}${props.danger ? ' tool-danger' : ''}`;
  return (
    <button type="button" class={cls} onClick={props.onClick} aria-pressed={props.pressed}>
      <DriveIcon name={props.icon} />
      <span class="tool-label">{props.label}</span>
    </button>
  );
}

/** Hidden file inputs behind two buttons: files, or a whole folder (webkitdirectory). */
function UploadButtons({ onFiles }: { onFiles: (files: FileList) => void }) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const picked = (event: JSX.TargetedEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (input.files?.length) onFiles(input.files);
    input.value = '';
  };
  return (
    <>
      <ToolButton icon="upload" label={t('drive.uploadFiles')} primary onClick={() => files.current?.click()} />
      <ToolButton icon="uploadFolder" label={t('drive.uploadFolder')} onClick={() => folder.current?.click()} />
      <input ref={files} type="file" multiple hidden data-upload="files" onChange={picked} aria-label={t('drive.uploadFiles')} />
      <input
        ref={folder}
        type="file"
        multiple
        hidden
        data-upload="folder"
        {...{ webkitdirectory: true }}
        onChange={picked}
        aria-label={t('drive.uploadFolder')}
      />
    </>
  );
}

const ACTIONS: Array<[SelectionAction, DriveIconName, MessageKey]> = [
  ['download', 'download', 'drive.download'],
  ['rename', 'rename', 'drive.rename'],
  ['move', 'move', 'drive.move'],
  ['copy', 'copy', 'drive.copy'],
  ['bill', 'pdf', 'bill.action'],
  ['delete', 'trash', 'drive.delete'],
];

export function Toolbar(props: Props) {
  return (
    <div class="toolbar-wrap">
      <div class="toolbar" role="toolbar" aria-label={t('drive.toolbar')}>
        <div class="tool-group">
          <UploadButtons onFiles={props.onFiles} />
          <ToolButton icon="newFolder" label={t('drive.newFolder')} onClick={props.onNewFolder} />
        </div>
        <div class="tool-group tool-view">
          <label class="sr-only" for="drive-sort">{t('drive.sortBy')}</label>
          <select id="drive-sort" class="sort-select" value={props.sort} onChange={(e) => props.onSort(e.currentTarget.value as SortChoice)}>
            {SORTS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`drive.sort.${choice}`)}
              </option>
            ))}
          </select>
          <ToolButton icon="list" label={t('drive.viewList')} pressed={props.view === 'list'} onClick={() => props.onView('list')} />
          <ToolButton icon="grid" label={t('drive.viewGrid')} pressed={props.view === 'grid'} onClick={() => props.onView('grid')} />
          <ToolButton icon="info" label={t('drive.details')} pressed={props.details} onClick={props.onDetails} />
        </div>
      </div>
      {props.selected > 0 && (
        <div class="selbar" role="toolbar" aria-label={t('drive.selectionTools')}>
          <p class="selbar-count">
            <button type="button" class="tool" onClick={props.onClear} aria-label={t('drive.clearSelection')}>
              <DriveIcon name="close" />
            </button>
            <span>{t('drive.selected', { count: props.selected })}</span>
          </p>
          <div class="tool-group">
            {ACTIONS.filter(([id]) => props.can[id]).map(([id, icon, label]) => (
              <ToolButton key={id} icon={icon} label={t(label)} danger={id === 'delete'} onClick={() => props.onAction(id)} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
