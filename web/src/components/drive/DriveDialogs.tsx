import { t } from '../../i18n';
import { BillDialog, type SavedBill } from '../banks/BillDialog';
import { driveError } from './errors';
import type { Entry } from './files-api';
import { FolderPicker } from './FolderPicker';
import { NameDialog } from './NameDialog';
import { Preview } from './Preview';
import type { DriveActions } from './useDriveActions';

export type DriveDialog =
  | { kind: 'newFolder' }
  | { kind: 'rename'; entry: Entry }
  | { kind: 'move' | 'copy'; items: Entry[] }
  | { kind: 'preview'; files: Entry[]; index: number }
  | { kind: 'bill'; entry: Entry };

interface Props {
  dialog: DriveDialog | null;
  folder: string;
  actions: DriveActions;
  onDialog: (dialog: DriveDialog | null) => void;
  /** A PDF was saved as a bill ("This is a bill"). */
  onBillSaved: (bill: SavedBill) => void;
}

/** The one dialog open over the Drive, if any. */
export function DriveDialogs({ dialog, folder, actions, onDialog, onBillSaved }: Props) {
  const close = () => onDialog(null);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'newFolder':
      return (
        <NameDialog
          title={t('drive.newFolder')}
          label={t('drive.folderName')}
          submit={t('drive.create')}
          describeError={driveError}
          onClose={close}
          onName={async (name) => {
            await actions.newFolder(name);
            close();
          }}
        />
      );
    case 'rename':
      return (
        <NameDialog
          title={t('drive.renameTitle', { name: dialog.entry.name })}
          label={t('drive.newName')}
          submit={t('drive.rename')}
          initial={dialog.entry.name}
          describeError={driveError}
          onClose={close}
          onName={async (name) => {
            await actions.rename(dialog.entry, name);
            close();
          }}
        />
      );
    case 'move':
    case 'copy':
      return (
        <FolderPicker
          mode={dialog.kind}
          items={dialog.items}
          start={folder}
          onClose={close}
          onPick={async (target) => {
            await (dialog.kind === 'move' ? actions.move(dialog.items, target) : actions.copy(dialog.items, target));
            close();
          }}
        />
      );
    case 'bill':
      return (
        <BillDialog
          file={dialog.entry}
          onClose={close}
          onDone={(bill) => {
            close();
            onBillSaved(bill);
          }}
        />
      );
    case 'preview':
      return (
        <Preview
          files={dialog.files}
          index={dialog.index}
          onIndex={(index) => onDialog({ ...dialog, index })}
          onClose={close}
        />
      );
  }
}
