import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { Dialog } from '../drive/Dialog';
import type { Account, BillLink, Category, Reimbursement, Transaction } from './banks-api';
import { BillCard, type LinkActions } from './BillMargin';
import { formatDay } from './dates';
import { categoryPath, categoryWhy, reimbursementText } from './explain';
import { formatMoney } from './money';

// A transaction in full: where a phone shows the bills that the desktop's
// margin holds, and why the transaction has its category.

interface Props {
  row: Transaction;
  account: Account | undefined;
  categories: ReadonlyMap<number, Category>;
  links: readonly BillLink[];
  reimbursement: Reimbursement | undefined;
  linkActions: LinkActions;
  onCategory: () => void;
  /** A PDF to store in Drive and link to this transaction as its bill. */
  onAttach: (file: File) => void;
  onClose: () => void;
}

function AttachButton({ onFile }: { onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="btn btn-secondary bk-attach" onClick={() => input.current?.click()}>{t('banks.bill.attach')}</button>
      <input ref={input} type="file" accept="application/pdf,.pdf" hidden data-attach="bill"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }} />
    </>
  );
}

/** Amount, date, account, balance after, the bank's details, the note, the category and why. */
function Facts({ row, account, categories, onCategory }: Pick<Props, 'row' | 'account' | 'categories' | 'onCategory'>) {
  const category = row.categoryId === null ? undefined : categories.get(row.categoryId);
  return (
    <dl class="bk-facts">
      <dt>{t('banks.details.amount')}</dt>
      <dd class={row.amountMinor > 0 ? 'bk-credit' : undefined}>{formatMoney(row.amountMinor, row.currency)}</dd>
      <dt>{t('banks.details.date')}</dt>
      <dd>{formatDay(row.bookingDate)}</dd>
      {account && (
        <>
          <dt>{t('banks.details.account')}</dt>
          <dd>{account.name}</dd>
        </>
      )}
      {row.balanceAfterMinor !== null && (
        <>
          <dt>{t('banks.details.balanceAfter')}</dt>
          <dd>{formatMoney(row.balanceAfterMinor, row.currency)}</dd>
        </>
      )}
      {row.memo && (
        <>
          <dt>{t('banks.details.memo')}</dt>
          <dd>{row.memo}</dd>
        </>
      )}
      {row.note && (
        <>
          <dt>{t('banks.details.note')}</dt>
          <dd>{row.note}</dd>
        </>
      )}
      <dt>{t('banks.details.category')}</dt>
      <dd>
        <button type="button" class={`bk-chip${category ? '' : ' bk-chip-none'}`} onClick={onCategory}>{categoryPath(category, categories)}</button>
        <span class="bk-why-line">{categoryWhy(row.categoryReason, row.categorySource, row.categoryId)}</span>
      </dd>
    </dl>
  );
}

export function DetailsDialog({ row, account, categories, links, reimbursement, linkActions, onCategory, onAttach, onClose }: Props) {
  return (
    <Dialog title={row.label} onClose={onClose} class="bk-dialog bk-details">
      <Facts row={row} account={account} categories={categories} onCategory={onCategory} />
      <h3 class="bk-subtitle">{t('banks.details.bills')}</h3>
      {reimbursement && <p class={`bk-reimb bk-reimb-${reimbursement.status}`}>{reimbursementText(reimbursement)}</p>}
      {links.length ? (
        <div class="bk-bills-full">{links.map((link) => <BillCard key={link.id} link={link} actions={linkActions} full />)}</div>
      ) : (
        <p class="muted small">{t('banks.details.noBills')}</p>
      )}
      <AttachButton onFile={onAttach} />
    </Dialog>
  );
}
