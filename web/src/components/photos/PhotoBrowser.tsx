import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { DriveIcon } from '../drive/DriveIcon';
import { AddToAlbumDialog } from './AlbumDialogs';
import { Lightbox } from './Lightbox';
import type { Album } from './photos-api';
import { PhotoGrid } from './PhotoGrid';
import { PhotoIcon, type PhotoIconName } from './PhotoIcon';
import { usePhotoSelection, type PhotosState } from './usePhotos';

export interface SelectionTool {
  id: string;
  icon: PhotoIconName;
  label: string;
  /** Shown only when exactly one photo is selected. */
  single?: boolean;
  run: (fileIds: number[]) => Promise<void>;
}

interface Props {
  photos: PhotosState;
  /** What to show when there is nothing (or the listing failed). */
  empty: ComponentChildren;
  /** Extra actions on the selection (the album page's remove and cover). */
  tools?: SelectionTool[];
  onAdded: (album: Album, added: number) => void;
}

/** What can be done with the selected photos: add to an album, and the page's own tools. */
function SelectionBar({ count, tools, onAdd, onRun, onClear }: { count: number; tools: SelectionTool[]; onAdd: () => void; onRun: (tool: SelectionTool) => void; onClear: () => void }) {
  return (
    <div class="selbar photos-selbar" role="toolbar" aria-label={t('photos.selected', { count })}>
      <p class="selbar-count">
        <button type="button" class="tool" onClick={onClear} aria-label={t('photos.clearSelection')}>
          <DriveIcon name="close" />
        </button>
        <span>{t('photos.selected', { count })}</span>
      </p>
      <div class="tool-group">
        <button type="button" class="tool" disabled={count === 0} onClick={onAdd}>
          <PhotoIcon name="albumAdd" />
          <span class="tool-label">{t('photos.addToAlbum')}</span>
        </button>
        {tools.filter((tool) => !tool.single || count === 1).map((tool) => (
          <button key={tool.id} type="button" class="tool" disabled={count === 0} onClick={() => onRun(tool)}>
            <PhotoIcon name={tool.icon} />
            <span class="tool-label">{tool.label}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

/** The grid, its selection bar and the lightbox: the timeline and an album's page alike. */
export function PhotoBrowser({ photos, empty, tools = [], onAdded }: Props) {
  const { summary, loader } = photos;
  const selection = usePhotoSelection(loader);
  const [open, setOpen] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const [selecting, setSelecting] = useState(false);
  const count = selection.selected.size;
  const inSelection = selecting || count > 0;
  const clear = () => {
    selection.clear();
    setSelecting(false);
  };

  if (!summary || !loader) return <>{empty}</>;
  if (summary.total === 0) return <>{empty}</>;
  return (
    <>
      {inSelection && <SelectionBar count={count} tools={tools} onAdd={() => setPicking(true)} onRun={(tool) => void tool.run(selection.ids).then(clear)} onClear={clear} />}
      <PhotoGrid
        groups={summary.groups}
        loader={loader}
        selected={selection.selected}
        selecting={inSelection}
        reveal={open}
        onOpen={setOpen}
        onToggle={selection.toggle}
        onLongPress={(index) => {
          setSelecting(true);
          selection.toggle(index, false);
        }}
      />
      {open !== null && <Lightbox loader={loader} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
      {picking && (
        <AddToAlbumDialog
          fileIds={selection.ids}
          onClose={() => setPicking(false)}
          onDone={(album, added) => {
            setPicking(false);
            clear();
            onAdded(album, added);
          }}
        />
      )}
    </>
  );
}
