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
import { useAttachBill } from '../components/banks/useAttachBill';
import { useBanksData, type BanksData } from '../components/banks/useBanksData';
import { useLinks, type LinksOf } from '../components/banks/useLinks';
import { useStatementDrop } from '../components/banks/useStatementDrop';
import { useTransactions, type TransactionRows } from '../components/banks/useTransactions';
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

function useLinkActions(links: LinksOf, say: (text: string) => void, fail: (text: string) => void) {
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

/** Everything the page holds and does, shared by its parts. */
function useBanksPage() {
  const [filters, setFilters] = useState<FilterValues>({});
  const data = useBanksData(filters.account);
  const list = useTransactions(filters);
  const links = useLinks();
  const [queue, setQueue] = useState<File[]>([]);
  const [failure, setFailure] = useState('');
  const [picking, setPicking] = useState<Transaction | null>(null);
  const [opened, setOpened] = useState<Transaction | null>(null);
  const toast = useToast();
  const say = (text: string) => toast.show({ text });
  const enqueue = (files: File[]) => setQueue((q) => [...q, ...files]);
  const linkActions = useLinkActions(links, say, setFailure);
  const attachBill = useAttachBill((id) => links.refresh([id]), say, setFailure);
  const accounts = useMemo(() => new Map((data.accounts ?? []).map((a) => [a.id, a])), [data.accounts]);
  const categories = useMemo(() => new Map(data.categories.map((c) => [c.id, c])), [data.categories]);
  const refreshAll = () => {
    data.reload();
    list.reload();
    links.reset();
  };
  return { filters, setFilters, data, list, links, queue, setQueue, failure, setFailure, picking, setPicking, opened, setOpened, toast, say, enqueue, linkActions, attachBill, accounts, categories, refreshAll };
}

type Page = ReturnType<typeof useBanksPage>;

function Overview({ page, data }: { page: Page; data: BanksData }) {
  const { filters, setFilters } = page;
  return (
    <>
      <AccountsPanel accounts={data.accounts ?? []} totals={data.totals} selected={filters.account} onSelect={(account) => setFilters({ ...filters, account })} />
      <div class="charts bk-charts">
        {data.balances && <BalanceChart series={data.balances} />}
        {data.spending && <SpendingChart data={data.spending} categories={data.categories} />}
      </div>
    </>
  );
}

function ListSection({ page, list }: { page: Page; list: TransactionRows }) {
  const { data, links } = page;
  return (
    <>
      <h2 class="bk-list-title">{t('banks.list')}</h2>
      <Filters value={page.filters} accounts={data.accounts ?? []} categories={data.categories} onChange={page.setFilters} />
      {list.total === 0 && <p class="empty">{t('banks.list.empty')}</p>}
      {list.total !== null && list.total > 0 && (
        <TransactionList total={list.total} rows={list.rows} loaded={list.loaded} accounts={page.accounts} categories={page.categories} links={links.links}
          reimbursements={links.reimbursements} linkActions={page.linkActions} want={list.want} onShown={links.show} onCategory={page.setPicking} onOpen={page.setOpened} />
      )}
    </>
  );
}

function ImportQueue({ page }: { page: Page }) {
  const file = page.queue[0];
  if (!file) return null;
  const next = () => page.setQueue((q) => q.slice(1));
  return (
    <ImportDialog key={`${page.queue.length}-${file.name}`} file={file} accounts={page.data.accounts ?? []} onClose={next}
      onImported={(result) => {
        page.say(t('banks.importing.done', { count: result.new }));
        page.refreshAll();
        next();
      }} />
  );
}

function TransactionDialogs({ page }: { page: Page }) {
  const { list, links, picking, opened } = page;
  // The row as the list now has it (its category may have changed since it was opened).
  const row = opened ? (list.rows.find((r) => r.id === opened.id) ?? opened) : null;
  return (
    <>
      {row && !picking && (
        <DetailsDialog row={row} account={page.accounts.get(row.accountId)} categories={page.categories} links={links.links.get(row.id) ?? []}
          reimbursement={links.reimbursements.get(row.id)} linkActions={page.linkActions} onCategory={() => page.setPicking(row)} onClose={() => page.setOpened(null)}
          onAttach={(file) => {
            page.setOpened(null);
            void page.attachBill.attach(row, file);
          }} />
      )}
      {picking && (
        <CategoryDialog row={picking} categories={page.data.categories} onClose={() => page.setPicking(null)}
          onChanged={(changed) => {
            list.replace(changed);
            page.data.reload();
          }}
          onRule={(applied) => {
            page.say(t('banks.rule.created', { count: applied }));
            page.refreshAll();
          }} />
      )}
      {page.attachBill.dialog}
    </>
  );
}

export function BanksScreen() {
  useTitle(t('banks.title'));
  const page = useBanksPage();
  const { data, list } = page;
  const dragging = useStatementDrop(page.enqueue);
  return (
    <div class="page banks">
      <header class="bk-head">
        <h1 class="page-title">{t('banks.title')}</h1>
        {list.total !== null && list.total > 0 && <span class="muted small">{t('banks.transactionsCount', { count: formatNumber(list.total, 0) })}</span>}
        {data.accounts?.length ? <ImportButton onFiles={page.enqueue} /> : null}
      </header>
      <Notice kind="error">{data.error || page.failure || list.error}</Notice>
      {data.accounts === null && !data.error && <p class="empty" aria-busy="true">{t('banks.loading')}</p>}
      {data.accounts?.length === 0 && <Empty onFiles={page.enqueue} />}
      {data.accounts && data.accounts.length > 0 && (
        <>
          <Overview page={page} data={data} />
          <ListSection page={page} list={list} />
        </>
      )}
      {dragging && <div class="bk-drop" aria-hidden="true"><span>{t('banks.dropHere')}</span></div>}
      <ImportQueue page={page} />
      <TransactionDialogs page={page} />
      <Toast toast={page.toast.toast} onDismiss={page.toast.dismiss} />
    </div>
  );
}
