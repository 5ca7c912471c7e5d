import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { Icon } from '../Icon';
import { DriveIcon } from '../drive/DriveIcon';
import { baseName, driveHref, parentOf } from '../drive/paths';
import { OPEN_EVENT, OPEN_PARAM } from '../search/open-result';
import type { Bill, BillLink } from './banks-api';
import { formatDay } from './dates';
import { linkExplanation } from './explain';
import { formatMoney } from './money';

// A bill beside the transaction that paid it (or, for health costs, that
// reimbursed it): its document's thumbnail, vendor, amount, why it was linked,
// and buttons to remove the link or accept a suggestion.

export interface LinkActions {
  remove: (link: BillLink) => void;
  accept: (link: BillLink) => void;
}

/** The document in Drive, its folder open and the file previewed. */
export function documentHref(bill: Bill): string | null {
  const path = bill.document?.path;
  return path ? `${driveHref(parentOf(path))}?${OPEN_PARAM}=${encodeURIComponent(baseName(path))}` : null;
}

function openDocument(event: MouseEvent, href: string) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(href);
  window.dispatchEvent(new Event(OPEN_EVENT));
}

function Thumb({ bill }: { bill: Bill }) {
  const [failed, setFailed] = useState(false);
  const id = bill.document?.fileId ?? bill.fileId;
  if (id === null || failed) return <span class="bk-thumb bk-thumb-icon" aria-hidden="true"><DriveIcon name="pdf" /></span>;
  return <img class="bk-thumb" src={`/api/media/thumbnail?id=${id}&size=small`} alt="" loading="lazy" onError={() => setFailed(true)} />;
}

/** One linked bill; `full` (the details panel) shows every line unclipped. */
export function BillCard({ link, actions, full = false }: { link: BillLink; actions: LinkActions; full?: boolean }) {
  const { bill } = link;
  const href = documentHref(bill);
  const suggested = link.state === 'suggested';
  const why = linkExplanation(link.explanation, link.state);
  const shown = link.role === 'reimbursement' && bill.originalAmountMinor !== null ? bill.amountMinor : (bill.originalAmountMinor ?? bill.amountMinor);
  return (
    <div class={`bk-bill${suggested ? ' bk-bill-suggested' : ''}${full ? ' bk-bill-full' : ''}`} data-bill={bill.id}>
      <Thumb bill={bill} />
      <div class="bk-bill-text">
        <span class="bk-bill-head">
          {suggested && <span class="bk-tag">{t('banks.bill.suggested')}</span>}
          {link.role === 'reimbursement' && <span class="bk-muted">{t('banks.bill.reimbursement')} </span>}
          {href ? (
            <a href={href} class="bk-bill-vendor" title={t('banks.bill.open')} onClick={(e) => openDocument(e, href)}>{bill.vendor}</a>
          ) : (
            <span class="bk-bill-vendor">{bill.vendor}</span>
          )}
          <span class="bk-bill-amount">{formatMoney(shown, bill.currency)}</span>
        </span>
        <span class="bk-bill-why" title={why}>{full ? `${formatDay(bill.date)} · ${why}` : why}</span>
      </div>
      <span class="bk-bill-actions">
        {suggested && (
          <button type="button" class="bk-icon-btn" aria-label={`${t('banks.bill.accept')}: ${bill.vendor}`} title={t('banks.bill.accept')} onClick={() => actions.accept(link)}>
            <Icon name="check" />
          </button>
        )}
        <button type="button" class="bk-icon-btn" aria-label={`${t('banks.bill.remove')}: ${bill.vendor}`} title={t('banks.bill.remove')} onClick={() => actions.remove(link)}>
          <DriveIcon name="close" />
        </button>
      </span>
    </div>
  );
}

/** The margin of a list row: the first bill, and how many more there are. */
export function BillMargin({ links, actions }: { links: readonly BillLink[] | undefined; actions: LinkActions }) {
  if (!links?.length) return <div class="bk-margin" role="cell" />;
  return (
    <div class="bk-margin" role="cell">
      <BillCard link={links[0]!} actions={actions} />
      {links.length > 1 && <span class="bk-more">{t('banks.bill.more', { count: links.length - 1 })}</span>}
    </div>
  );
}
