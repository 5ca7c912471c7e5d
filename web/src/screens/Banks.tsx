import { useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { Notice } from '../components/Notice';
import { Toast, useToast } from '../components/drive/Toast';
import { DriveIcon } from '../components/drive/DriveIcon';
import { AccountsPanel } from '../components/banks/AccountsPanel';
import { BalanceChart } from '../components/banks/BalanceChart';
import { banksApi, type BillLink, type Filters as FilterValues, type Transaction } from '../components/banks/banks-api';
import { CategoryDialog } from '../components/banks/CategoryDialog';
import { DetailsDialog } from '../components/banks/DetailsDialog';
import { Filters } from '../components/banks/Filters';
import { ImportDialog } from '../components/banks/ImportDialog';
import { SpendingChart } from '../components/banks/SpendingChart';
import { TransactionList } from '../components/banks/TransactionList';
import { useBanksData } from '../components/banks/useBanksData';
import { useLinks } from '../components/banks/useLinks';
import { useAttachBill } from '../components/banks/useAttachBill';
import { useStatementDrop } from '../components/banks/useStatementDrop';
import { useTransactions } from '../components/banks/useTransactions';
import '../components/banks/banks.css';

/** Banks' screen for an address, or null when the address is not Banks'. */
export function banksScreen(path: string) {
  return path === '/banks' || path === '/banks/' ? <BanksScreen /> : null;
}

const ACCEPTED = '.ofx,.qfx,.qif,.xml,.csv,.txt,.sta';

function ImportButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="btn btn-primary bk-import-btn" onClick={() => input.current?.click()}>
        <DriveIcon name="upload" />
        <span>{t('banks.import')}</span>
      </button>
      <input ref={input} type="file" hidden accept={ACCEPTED} multiple tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }} />
    </>
  );
}

function Empty({ onFiles }: { onFiles: (files: File[]) => void }) {
  return (
    <div class="empty bk-empty">
      <p class="empty-title">{t('banks.empty')}</p>
      <p class="bk-empty-text">{t('banks.emptyHint')}</p>
      <ImportButton onFiles={onFiles} />
    </div>
  );
}

function useLinkActions(links: ReturnType<typeof useLinks>, say: (text: string) => void, fail: (text: string) => void) {
  return useMemo(() => ({
    remove: (link: BillLink) => banksApi.unlink(link.id).then(() => {
      links.refresh([link.transactionId]);
      say(t('banks.bill.removed'));
    }, (e) => fail(errorMessage(e))),
    accept: (link: BillLink) => banksApi.link(link.billId, link.transactionId, link.role).then(() => {
      links.refresh([link.transactionId]);
      say(t('banks.bill.accepted'));
    }, (e) => fail(errorMessage(e))),
  }), [links.refresh]);
}

export function BanksScreen() {
  useTitle(t('banks.title'));
  const [filters, setFilters] = useState<FilterValues>({});
  const data = useBanksData(filters.account);
  const list = useTransactions(filters);
  const links = useLinks();
  const [queue, setQueue] = useState<File[]>([]);
  const [failure, setFailure] = useState('');
  const [picking, setPicking] = useState<Transaction | null>(null);
  const [opened, setOpened] = useState<Transaction | null>(null);
  const { toast, show, dismiss } = useToast();
  const enqueue = (files: File[]) => setQueue((q) => [...q, ...files]);
  const dragging = useStatementDrop(enqueue);
  const say = (text: string) => show({ text });
  const linkActions = useLinkActions(links, say, setFailure);
  const attachBill = useAttachBill((id) => links.refresh([id]), say, setFailure);
  const accountsById = useMemo(() => new Map((data.accounts ?? []).map((a) => [a.id, a])), [data.accounts]);
  const categoriesById = useMemo(() => new Map(data.categories.map((c) => [c.id, c])), [data.categories]);
  const refreshAll = () => {
    data.reload();
    list.reload();
    links.reset();
  };
  const current = (row: Transaction | null) => (row ? (list.rows.find((r) => r.id === row.id) ?? row) : null);
  const openedRow = current(opened);

  return (
    <div class="page banks">
      <header class="bk-head">
        <h1 class="page-title">{t('banks.title')}</h1>
        {list.total !== null && list.total > 0 && <span class="muted small">{t('banks.transactionsCount', { count: formatNumber(list.total, 0) })}</span>}
        {data.accounts?.length ? <ImportButton onFiles={enqueue} /> : null}
      </header>
      <Notice kind="error">{data.error || failure || list.error}</Notice>
      {data.accounts === null && !data.error && <p class="empty" aria-busy="true">{t('banks.loading')}</p>}
      {data.accounts?.length === 0 && <Empty onFiles={enqueue} />}
      {data.accounts && data.accounts.length > 0 && (
        <>
          <AccountsPanel accounts={data.accounts} totals={data.totals} selected={filters.account} onSelect={(account) => setFilters({ ...filters, account })} />
          <div class="charts bk-charts">
            {data.balances && <BalanceChart series={data.balances} />}
            {data.spending && <SpendingChart data={data.spending} categories={data.categories} />}
          </div>
          <h2 class="bk-list-title">{t('banks.list')}</h2>
          <Filters value={filters} accounts={data.accounts} categories={data.categories} onChange={setFilters} />
          {list.total === 0 && <p class="empty">{t('banks.list.empty')}</p>}
          {list.total !== null && list.total > 0 && (
            <TransactionList total={list.total} rows={list.rows} loaded={list.loaded} accounts={accountsById} categories={categoriesById} links={links.links} reimbursements={links.reimbursements}
              linkActions={linkActions} want={list.want} onShown={links.show} onCategory={setPicking} onOpen={setOpened} />
          )}
        </>
      )}
      {dragging && <div class="bk-drop" aria-hidden="true"><span>{t('banks.dropHere')}</span></div>}
      {queue[0] && (
        <ImportDialog key={`${queue.length}-${queue[0].name}`} file={queue[0]} accounts={data.accounts ?? []}
          onImported={(result) => {
            say(t('banks.importing.done', { count: result.new }));
            refreshAll();
            setQueue((q) => q.slice(1));
          }}
          onClose={() => setQueue((q) => q.slice(1))} />
      )}
      {openedRow && !picking && (
        <DetailsDialog row={openedRow} account={accountsById.get(openedRow.accountId)} categories={categoriesById} links={links.links.get(openedRow.id) ?? []}
          reimbursement={links.reimbursements.get(openedRow.id)} linkActions={linkActions} onCategory={() => setPicking(openedRow)}
          onAttach={(file) => {
            setOpened(null);
            void attachBill.attach(openedRow, file);
          }}
          onClose={() => setOpened(null)} />
      )}
      {attachBill.dialog}
      {picking && (
        <CategoryDialog row={picking} categories={data.categories} onClose={() => setPicking(null)}
          onChanged={(row) => {
            list.replace(row);
            data.reload();
          }}
          onRule={(applied) => {
            say(t('banks.rule.created', { count: applied }));
            refreshAll();
          }} />
      )}
      <Toast toast={toast} onDismiss={dismiss} />
    </div>
  );
}
