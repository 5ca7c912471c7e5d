import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { filesApi, uploadUrl } from '../drive/files-api';
import { numberedName } from '../drive/paths';
import { banksApi, type Transaction } from './banks-api';
import { BillDialog, type BillFile } from './BillDialog';

// "Attach a bill" on a transaction: the PDF is stored in Drive (/Bills), the
// person confirms vendor, date and amount in the bill dialog, and the bill is
// linked to the transaction by hand (a link the automatic linking keeps).

export const BILLS_FOLDER = '/Bills';
const NAME_TRIES = 50;

async function storePdf(file: File): Promise<BillFile> {
  await filesApi.createFolder(BILLS_FOLDER, true).catch((error) => {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  });
  for (let n = 1; n <= NAME_TRIES; n += 1) {
    const path = `${BILLS_FOLDER}/${n === 1 ? file.name : numberedName(file.name, n)}`;
    const response = await fetch(uploadUrl(path, false), { method: 'PUT', body: file, credentials: 'same-origin' });
    if (response.status === 409) continue;
    const body = (await response.json().catch(() => null)) as { id: number; name: string; path: string; error?: { code: string; message: string } } | null;
    if (!response.ok || !body) throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? response.statusText);
    return { id: body.id, name: body.name, path: body.path };
  }
  throw new ApiError(409, 'conflict', file.name);
}

export function useAttachBill(onLinked: (transactionId: number) => void, say: (text: string) => void, fail: (text: string) => void) {
  const [pending, setPending] = useState<{ row: Transaction; file: BillFile } | null>(null);

  const attach = async (row: Transaction, file: File) => {
    say(t('banks.bill.storing'));
    try {
      setPending({ row, file: await storePdf(file) });
    } catch (error) {
      fail(errorMessage(error));
    }
  };

  const dialog = pending && (
    <BillDialog
      file={pending.file}
      onClose={() => setPending(null)}
      onDone={(bill) => {
        const { row } = pending;
        setPending(null);
        banksApi.link(bill.id, row.id, row.amountMinor > 0 ? 'reimbursement' : 'payment').then(() => {
          onLinked(row.id);
          say(t('banks.bill.attached'));
        }, (error) => fail(errorMessage(error)));
      }}
    />
  );
  return { attach, dialog };
}
