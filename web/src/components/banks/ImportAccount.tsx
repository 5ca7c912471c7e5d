import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Account } from './banks-api';
import { formatDay } from './dates';
import type { PreviewAccount } from './import-api';
import { formatMoney } from './money';

// One account of a statement in the import preview: which of the person's
// accounts it goes to (matched, picked, or a new one with a name), its
// counts, the "maybe already known" ones to include, and what is skipped.

const NEW = 'new';

interface Props {
  preview: PreviewAccount;
  /** What names the statement when the file names no account (CSV, QIF): the file itself. */
  fileName: string;
  /** The preview's totals already say these counts when the file has one account. */
  showCounts: boolean;
  accounts: readonly Account[];
  include: ReadonlySet<string>;
  onDestination: (choice: { accountId: number } | { name: string }) => void;
  onInclude: (importId: string, on: boolean) => void;
}

/** The account as the file names it; CSV and QIF files name none (their "account id" is the box's own key). */
function statementName(statement: PreviewAccount['statement'], fileName: string): string {
  const own = statement.accountId?.startsWith('acct-') ? null : statement.accountId;
  return statement.iban ?? own ?? statement.name ?? (fileName || t('banks.importing.unnamed'));
}

function Destination({ preview, accounts, fileName, onDestination }: Pick<Props, 'preview' | 'accounts' | 'fileName' | 'onDestination'>) {
  const proposed = preview.newAccountName ?? preview.statement.name ?? statementName(preview.statement, fileName);
  const [name, setName] = useState(proposed);
  const value = preview.match === 'existing' && preview.account ? String(preview.account.id) : preview.match === 'new' ? NEW : '';
  return (
    <div class="bk-destination">
      <label class="bk-field">
        <span>{t('banks.importing.goesTo')}</span>
        <select value={value} aria-invalid={preview.match === 'pick'} onChange={(e) => {
          const chosen = e.currentTarget.value;
          if (chosen === NEW) onDestination({ name: name.trim() || proposed });
          else if (chosen) onDestination({ accountId: Number(chosen) });
        }}>
          {preview.match === 'pick' && <option value="">{t('banks.importing.choose')}</option>}
          {accounts.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
          <option value={NEW}>{t('banks.importing.newAccount')}</option>
        </select>
      </label>
      {preview.match === 'new' && (
        <label class="bk-field">
          <span>{t('banks.importing.newName')}</span>
          <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} onChange={(e) => e.currentTarget.value.trim() && onDestination({ name: e.currentTarget.value.trim() })} />
        </label>
      )}
    </div>
  );
}

/** Transactions that may repeat stored ones: left out unless ticked. */
function UnsureList({ preview, include, onInclude }: Pick<Props, 'preview' | 'include' | 'onInclude'>) {
  if (preview.unsure.length === 0) return null;
  const { statement } = preview;
  return (
    <fieldset class="bk-unsure">
      <legend>{t('banks.importing.unsure')}</legend>
      {preview.unsure.map((u) => (
        <label key={u.importId} class="bk-unsure-line">
          <input type="checkbox" checked={include.has(u.importId)} onChange={(e) => onInclude(u.importId, e.currentTarget.checked)} />
          <span>
            {formatDay(u.bookingDate)} · {u.label} · <strong>{formatMoney(u.amountMinor, statement.currency)}</strong>
            <span class="muted small"> — {t('banks.importing.unsureLine', { label: u.likely.label, date: formatDay(u.likely.bookingDate) })}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function ImportAccount({ preview, accounts, fileName, showCounts, include, onDestination, onInclude }: Props) {
  const { statement, counts } = preview;
  const name = statementName(statement, fileName);
  // The unsure ones left out are "skipped" too: listed once, with their checkbox.
  const unsure = new Set(preview.unsure.map((u) => u.importId));
  const skipped = preview.skipped.filter((s) => !unsure.has(s.importId));
  return (
    <section class="bk-import-account" aria-label={t('banks.importing.statement', { account: name })}>
      <h3 class="bk-subtitle">{t('banks.importing.statement', { account: name })}</h3>
      <p class="muted small">
        {statement.currency} · {t('banks.importing.lines', { count: statement.transactions })}
        {statement.periodStart && statement.periodEnd ? ` · ${t('banks.importing.period', { from: formatDay(statement.periodStart), to: formatDay(statement.periodEnd) })}` : ''}
      </p>
      <Destination preview={preview} accounts={accounts} fileName={fileName} onDestination={onDestination} />
      {showCounts && (
        <p class="bk-counts">
          {t('banks.importing.new', { count: counts.new })}, {t('banks.importing.known', { count: counts.known })}, {t('banks.importing.skipped', { count: counts.skipped })}
        </p>
      )}
      <UnsureList preview={preview} include={include} onInclude={onInclude} />
      {skipped.length > 0 && (
        <details class="bk-skipped">
          <summary>{t('banks.importing.skippedList')}</summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.importId}>{formatDay(s.bookingDate)} · {s.label} · {formatMoney(s.amountMinor, statement.currency)} — <span class="muted">{s.reason}</span></li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
