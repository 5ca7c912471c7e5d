import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { formatPercent } from '../../lib/format';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { Dialog } from '../drive/Dialog';
import type { Account } from './banks-api';
import { ImportAccount } from './ImportAccount';
import { ImportColumns } from './ImportColumns';
import { importsApi, uploadStatement, type CommitResult, type ImportPreview, type Revision } from './import-api';

// A statement on its way in: sent (with progress), read into a preview that
// says what will happen, corrected if needed, then imported in one go — or
// cancelled, and nothing is written.

interface Props {
  file: File;
  accounts: readonly Account[];
  onImported: (result: CommitResult) => void;
  onClose: () => void;
}

type Phase = { kind: 'uploading'; fraction: number } | { kind: 'preview'; preview: ImportPreview } | { kind: 'failed' };

function useUpload(file: File) {
  const [phase, setPhase] = useState<Phase>({ kind: 'uploading', fraction: 0 });
  const [error, setError] = useState('');
  useEffect(() => {
    const abort = new AbortController();
    uploadStatement(file, (fraction) => setPhase({ kind: 'uploading', fraction }), abort.signal).then(
      (preview) => setPhase({ kind: 'preview', preview }),
      (cause) => {
        if (abort.signal.aborted) return;
        setError(errorMessage(cause));
        setPhase({ kind: 'failed' });
      },
    );
    return () => abort.abort();
  }, [file]);
  return { phase, setPhase, error, setError };
}

interface PreviewProps {
  preview: ImportPreview;
  fileName: string;
  accounts: readonly Account[];
  include: ReadonlySet<string>;
  busy: boolean;
  revise: (revision: Revision) => void;
  toggle: (importId: string, on: boolean) => void;
}

/** "N new, M already known, K skipped", notes, the CSV's columns, and where each account goes. */
function PreviewBody({ preview, fileName, accounts, include, busy, revise, toggle }: PreviewProps) {
  const mustPick = preview.accounts.some((a) => a.match === 'pick');
  return (
    <>
      <p class="bk-summary" role="status">
        {t('banks.importing.new', { count: preview.totals.new })}, {t('banks.importing.known', { count: preview.totals.known })}, {t('banks.importing.skipped', { count: preview.totals.skipped })}
      </p>
      {mustPick && <Notice kind="info">{t('banks.importing.pickFirst')}</Notice>}
      {preview.warnings.length > 0 && (
        <details class="bk-warnings">
          <summary>{t('banks.importing.warnings')}</summary>
          <ul>{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </details>
      )}
      {preview.csv && <ImportColumns key={JSON.stringify(preview.csv.mapping)} detection={preview.csv.detection} mapping={preview.csv.mapping} busy={busy} onApply={(mapping) => revise({ mapping })} />}
      {preview.accounts.map((account) => (
        <ImportAccount key={account.index} preview={account} accounts={accounts} fileName={fileName} showCounts={preview.accounts.length > 1} include={include}
          onDestination={(choice) => revise({ accounts: [{ index: account.index, ...choice }] })} onInclude={toggle} />
      ))}
    </>
  );
}

function Footer({ preview, busy, onCommit, onClose }: { preview: ImportPreview | null; busy: boolean; onCommit: () => void; onClose: () => void }) {
  const mustPick = preview?.accounts.some((a) => a.match === 'pick') ?? false;
  return (
    <>
      <Button variant="secondary" onClick={onClose}>{t('banks.importing.cancel')}</Button>
      {preview && (preview.totals.new > 0 || mustPick ? (
        <Button busy={busy} inactive={mustPick} onClick={onCommit}>{t('banks.importing.commit', { count: preview.totals.new })}</Button>
      ) : (
        <Button onClick={onClose}>{t('banks.importing.nothing')}</Button>
      ))}
    </>
  );
}

function Uploading({ fraction }: { fraction: number }) {
  return (
    <div class="bk-progress" role="status">
      <span>{fraction < 1 ? t('banks.importing.uploading', { percent: formatPercent(fraction * 100) }) : t('banks.importing.reading')}</span>
      <progress max={1} value={fraction} />
    </div>
  );
}

export function ImportDialog({ file, accounts, onImported, onClose }: Props) {
  const { phase, setPhase, error, setError } = useUpload(file);
  const [include, setInclude] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const committed = useRef(false);
  const preview = phase.kind === 'preview' ? phase.preview : null;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    await work().catch((cause) => setError(errorMessage(cause)));
    setBusy(false);
  };
  const revise = (revision: Revision) => preview && void run(async () => setPhase({ kind: 'preview', preview: await importsApi.revise(preview.id, { include: [...include], ...revision }) }));
  const commit = () => preview && void run(async () => {
    const result = await importsApi.commit(preview.id, { include: [...include] });
    committed.current = true;
    onImported(result);
  });
  const close = () => {
    if (preview && !committed.current) void importsApi.cancel(preview.id).catch(() => undefined);
    onClose();
  };
  const toggle = (importId: string, on: boolean) => {
    const next = new Set(include);
    if (on) next.add(importId);
    else next.delete(importId);
    setInclude(next);
    revise({ include: [...next] });
  };

  return (
    <Dialog title={t('banks.importing.title', { name: file.name })} onClose={close} class="bk-dialog bk-import" footer={<Footer preview={preview} busy={busy} onCommit={commit} onClose={close} />}>
      {phase.kind === 'uploading' && <Uploading fraction={phase.fraction} />}
      <Notice kind="error">{error}</Notice>
      {preview && <PreviewBody preview={preview} fileName={file.name} accounts={accounts} include={include} busy={busy} revise={revise} toggle={toggle} />}
    </Dialog>
  );
}
