import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Account, BillLink, Category, Reimbursement, Transaction } from './banks-api';
import { BillMargin, type LinkActions } from './BillMargin';
import { formatDay } from './dates';
import { categoryName, categoryWhy, reimbursementText } from './explain';
import { formatMoney } from './money';

// The virtualized transactions list: every row has the same height, so the
// list's full height is known from the total and only the rows near the
// window are drawn. The page itself scrolls (as in Photos).

export const ROW_HEIGHT = 64;
const OVERSCAN_ROWS = 12;

/** The rows inside the window (plus a margin), as [first, end). */
function useVisibleRange(ref: { current: HTMLElement | null }, total: number): [number, number] {
  const [range, setRange] = useState<[number, number]>([0, 30]);
  useLayoutEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const top = -(ref.current?.getBoundingClientRect().top ?? 0);
      const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN_ROWS);
      const end = Math.min(total, Math.ceil((top + innerHeight) / ROW_HEIGHT) + OVERSCAN_ROWS);
      setRange(([a, b]) => (a === first && b === end ? [a, b] : [first, end]));
    };
    const schedule = () => (frame ||= requestAnimationFrame(measure));
    measure();
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    return () => {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [total]);
  return range;
}

interface Props {
  total: number;
  rows: readonly Transaction[];
  /** How many rows are loaded (the array grows in place). */
  loaded: number;
  accounts: ReadonlyMap<number, Account>;
  categories: ReadonlyMap<number, Category>;
  links: ReadonlyMap<number, BillLink[]>;
  reimbursements: ReadonlyMap<number, Reimbursement>;
  linkActions: LinkActions;
  want: (index: number) => void;
  onShown: (ids: number[]) => void;
  onCategory: (row: Transaction) => void;
  onOpen: (row: Transaction) => void;
}

interface RowProps {
  row: Transaction;
  index: number;
  account: Account | undefined;
  category: Category | undefined;
  links: BillLink[] | undefined;
  reimbursement: Reimbursement | undefined;
  linkActions: LinkActions;
  onCategory: (row: Transaction) => void;
  onOpen: (row: Transaction) => void;
}

function Row({ row, index, account, category, links, reimbursement, linkActions, onCategory, onOpen }: RowProps) {
  const why = categoryWhy(row.categoryReason, row.categorySource, row.categoryId);
  return (
    <div class={`bk-row${reimbursement ? ' bk-row-reimb' : ''}`} role="row" aria-rowindex={index + 1} style={{ top: index * ROW_HEIGHT }} data-id={row.id}>
      <span class="bk-date" role="cell">{formatDay(row.bookingDate)}</span>
      <span class="bk-main" role="cell">
        <button type="button" class="bk-label" onClick={() => onOpen(row)} aria-label={t('banks.list.details', { label: row.label })}>{row.label}</button>
        <span class="bk-sub">
          <span class="bk-sub-date">{formatDay(row.bookingDate, 'short')}</span>
          <button type="button" class={`bk-chip${row.categoryId === null ? ' bk-chip-none' : ''}`} title={why} onClick={() => onCategory(row)}>
            {categoryName(category)}
          </button>
          {reimbursement && <span class={`bk-reimb bk-reimb-${reimbursement.status}`}>{reimbursementText(reimbursement)}</span>}
          {!reimbursement && account && <span class="bk-account">{account.name}</span>}
          {links?.length ? <button type="button" class="bk-clip" onClick={() => onOpen(row)}>{t('banks.list.bills', { count: links.length })}</button> : null}
        </span>
      </span>
      <span class="bk-amounts" role="cell">
        <span class={`bk-amount${row.amountMinor > 0 ? ' bk-credit' : ''}`}>{formatMoney(row.amountMinor, row.currency)}</span>
        {/* A phone has no room beside the label: the status goes under the amount, its amounts into the details. */}
        {reimbursement && <span class={`bk-reimb bk-reimb-phone bk-reimb-${reimbursement.status}`}>{t(`banks.reimb.short.${reimbursement.status}`)}</span>}
        {row.balanceAfterMinor !== null && <span class="bk-after">{t('banks.list.balanceAfter', { amount: formatMoney(row.balanceAfterMinor, row.currency) })}</span>}
      </span>
      <BillMargin links={links} actions={linkActions} />
    </div>
  );
}

function Placeholder({ index }: { index: number }) {
  return <div class="bk-row bk-row-loading" style={{ top: index * ROW_HEIGHT }} aria-hidden="true"><span class="bk-skeleton" /></div>;
}

export function TransactionList(props: Props) {
  const { total, rows } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [first, end] = useVisibleRange(ref, total);
  useEffect(() => props.want(end), [end]);
  const shown = rows.slice(first, Math.min(end, rows.length));
  useEffect(() => props.onShown(shown.map((row) => row.id)), [first, end, props.loaded]);
  const items = [];
  for (let i = first; i < end; i += 1) {
    const row = rows[i];
    items.push(
      row ? (
        <Row key={row.id} row={row} index={i} account={props.accounts.get(row.accountId)} category={row.categoryId === null ? undefined : props.categories.get(row.categoryId)}
          links={props.links.get(row.id)} reimbursement={props.reimbursements.get(row.id)} linkActions={props.linkActions} onCategory={props.onCategory} onOpen={props.onOpen} />
      ) : (
        <Placeholder key={`p${i}`} index={i} />
      ),
    );
  }
  return (
    <div ref={ref} class="bk-list" role="table" aria-label={t('banks.list.label')} aria-rowcount={total} style={{ height: total * ROW_HEIGHT }}>
      {items}
    </div>
  );
}
