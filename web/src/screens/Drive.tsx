import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Notice } from '../components/Notice';
import type { SavedBill } from '../components/banks/BillDialog';
import { formatBillAmount } from '../components/banks/BillDialog.form';
import { DetailsPanel } from '../components/drive/DetailsPanel';
import { DriveDialogs, type DriveDialog } from '../components/drive/DriveDialogs';
import { DriveNav } from '../components/drive/DriveNav';
import { Breadcrumbs } from '../components/drive/Breadcrumbs';
import { downloadAll } from '../components/drive/actions';
import { hasFeature, type Entry } from '../components/drive/files-api';
import { FolderBody } from '../components/drive/FolderBody';
import { fileTypeOf } from '../components/drive/kinds';
import { baseName, driveHref, folderOfRoute, isInside, TRASH_ROUTE } from '../components/drive/paths';
import { SORTS, VIEW_MODES, sortEntries, useStoredChoice } from '../components/drive/prefs';
import { Toast, useToast } from '../components/drive/Toast';
import { Toolbar, type SelectionAction } from '../components/drive/Toolbar';
import { UploadPanel } from '../components/drive/UploadPanel';
import { useDriveActions } from '../components/drive/useDriveActions';
import { useDropZone } from '../components/drive/useDropZone';
import { useOpenFromAddress } from '../components/search/useOpenFromAddress';
import { useFolder } from '../components/drive/useFolder';
import { useSelection } from '../components/drive/useSelection';
import { useUploads } from '../components/drive/useUploads';
import { getLocale, t } from '../i18n';
import { useTitle } from '../lib/hooks';
import { fromEntries, fromFileList, type Picked } from '../lib/upload-tree';
import { navigate } from '../router';
import { TrashScreen } from './Trash';
import '../styles/drive.css';

/** Drive's screens for an address, or null when the address is not Drive's. */
export function driveScreen(path: string) {
  if (path === TRASH_ROUTE) return <TrashScreen />;
  const folder = folderOfRoute(path);
  return folder === null ? null : <DriveScreen folder={folder} />;
}

function useFeatures() {
  const [features, setFeatures] = useState({ zip: false, shares: false });
  useEffect(() => {
    void Promise.all([hasFeature('zip'), hasFeature('shares')]).then(([zip, shares]) => setFeatures({ zip, shares }));
  }, []);
  return features;
}

/** Refreshes the listing (at most every 400 ms) when an upload lands in the open folder. */
function useUploadRefresh(folder: string, refresh: () => Promise<void>, onBatchEnd: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const uploads = useUploads((task) => {
    if (!isInside(task.path, folder)) return;
    timer.current ??= setTimeout(() => {
      timer.current = null;
      void refresh();
    }, 400);
  }, () => void refresh());
  const running = uploads.stats.running;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) onBatchEnd();
    wasRunning.current = running;
  }, [running]);
  return uploads;
}

export function DriveScreen({ folder }: { folder: string }) {
  const here = folder === '/' ? t('drive.myFiles') : baseName(folder);
  useTitle(here, t('nav.drive'));
  const state = useFolder(folder);
  const listing = state.listing?.folder.path === folder ? state.listing : null;
  const [view, setView] = useStoredChoice('cozy.drive.view', VIEW_MODES, 'list');
  const [sort, setSort] = useStoredChoice('cozy.drive.sort', SORTS, 'name-asc');
  const [details, setDetails] = useState(false);
  const entries = useMemo(() => (listing ? sortEntries(listing.entries, sort) : null), [listing, sort]);
  const selection = useSelection(entries ?? []);
  const [dialog, setDialog] = useState<DriveDialog | null>(null);
  const [failure, setFailure] = useState('');
  const [spaceVersion, setSpaceVersion] = useState(0);
  const { toast, show, dismiss } = useToast();
  const features = useFeatures();
  const actions = useDriveActions({ folder, refresh: state.refresh, toast: show, fail: setFailure });
  const uploads = useUploadRefresh(folder, state.refresh, () => {
    setSpaceVersion((n) => n + 1);
    show({ text: t('drive.upload.finished', { count: uploads.stats.finished }) });
  });

  useEffect(() => {
    setFailure('');
    selection.clear();
  }, [folder]);

  const upload = async (picked: Picked | Promise<Picked>) => setFailure(await uploads.start(await picked, folder));
  const dragging = useDropZone((taken) => void upload(fromEntries(taken)), !dialog);

  const open = (entry: Entry) => {
    if (entry.kind === 'folder') return navigate(driveHref(entry.path));
    const files = (entries ?? []).filter((e) => e.kind === 'file');
    setDialog({ kind: 'preview', files, index: Math.max(0, files.findIndex((e) => e.path === entry.path)) });
  };
  // A search result chosen in the top bar: /drive/<folder>?open=<name>.
  useOpenFromAddress(entries, open, selection.only);
  const chosen = selection.entries;
  const onAction = (action: SelectionAction) => {
    if (action === 'download') downloadAll(chosen, features.zip);
    else if (action === 'rename' && chosen[0]) setDialog({ kind: 'rename', entry: chosen[0] });
    else if (action === 'move' || action === 'copy') setDialog({ kind: action, items: chosen });
    else if (action === 'bill' && chosen[0]) setDialog({ kind: 'bill', entry: chosen[0] });
    else if (action === 'delete') void actions.trash(chosen);
  };
  const billSaved = (bill: SavedBill) =>
    show({
      text: t('bill.saved', { vendor: bill.vendor, amount: formatBillAmount(bill.amountMinor, bill.currency, getLocale()) }),
      action: { label: t('bill.openBanks'), run: () => navigate('/banks') },
    });
  const can = {
    download: chosen.length > 0 && (features.zip || chosen.every((e) => e.kind === 'file')),
    rename: chosen.length === 1,
    move: chosen.length > 0,
    copy: chosen.length > 0,
    bill: chosen.length === 1 && fileTypeOf(chosen[0]!) === 'pdf',
    delete: chosen.length > 0,
  };

  return (
    <div class="page drive">
      <DriveNav current="files" spaceVersion={spaceVersion} />
      <div class="drive-main">
        <Breadcrumbs folder={folder} />
        <Toolbar
          view={view}
          onView={setView}
          sort={sort}
          onSort={setSort}
          details={details}
          onDetails={() => setDetails(!details)}
          onFiles={(files) => void upload(fromFileList(files))}
          onNewFolder={() => setDialog({ kind: 'newFolder' })}
          selected={chosen.length}
          can={can}
          onAction={onAction}
          onClear={selection.clear}
        />
        <Notice kind="error">{failure || (listing && state.error ? String(t('drive.refreshFailed')) : '')}</Notice>
        <div class={details && listing ? 'drive-body with-details' : 'drive-body'}>
          <section class="drive-content" aria-label={here} aria-busy={state.loading ? 'true' : undefined}>
            <FolderBody
              entries={entries}
              error={state.error}
              onRetry={() => void state.refresh()}
              view={view}
              sort={sort}
              onSort={setSort}
              selection={selection}
              label={t('drive.listLabel', { folder: here })}
              onOpen={open}
              onDelete={(targets) => void actions.trash(targets)}
            />
          </section>
          {details && listing && (
            <DetailsPanel
              entries={chosen.length ? chosen : [listing.folder]}
              shares={features.shares}
              onClose={() => setDetails(false)}
              onChanged={() => void state.refresh()}
              onBill={(entry) => setDialog({ kind: 'bill', entry })}
            />
          )}
        </div>
      </div>
      <UploadPanel uploads={uploads} />
      <Toast toast={toast} onDismiss={dismiss} />
      <DriveDialogs dialog={dialog} folder={folder} actions={actions} onDialog={setDialog} onBillSaved={billSaved} />
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          <p>{t('drive.dropHere', { folder: here })}</p>
        </div>
      )}
    </div>
  );
}
