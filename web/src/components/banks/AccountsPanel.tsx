import { t } from '../../i18n';
import type { Account, Money } from './banks-api';
import { formatDay } from './dates';
import { formatMoney } from './money';

// Every account with its balance, then a total per currency. Choosing an
// account narrows the list and the charts to it; choosing it again widens.

interface Props {
  accounts: readonly Account[];
  totals: readonly Money[];
  selected: number | undefined;
  onSelect: (id: number | undefined) => void;
}

function AccountCard({ account, selected, onSelect }: { account: Account; selected: boolean; onSelect: () => void }) {
  const { balance } = account;
  return (
    <li>
      <button type="button" class="bk-account-card" aria-pressed={selected} onClick={onSelect} title={t('banks.showAccount', { name: account.name })}>
        <span class="bk-account-name">{account.name}</span>
        <span class={`bk-account-balance${balance.amountMinor < 0 ? ' bk-negative' : ''}`}>{formatMoney(balance.amountMinor, balance.currency)}</span>
        <span class="bk-account-meta">
          {balance.date ? t('banks.asOf', { date: formatDay(balance.date) }) : ''}
          {' · '}
          {t('banks.transactionsCount', { count: account.transactionCount })}
          {balance.source === 'computed' && <span class="bk-computed" title={t('banks.computed')}> *</span>}
        </span>
      </button>
    </li>
  );
}

export function AccountsPanel({ accounts, totals, selected, onSelect }: Props) {
  return (
    <section class="bk-accounts" aria-label={t('banks.accounts')}>
      <ul class="bk-account-list">
        {accounts.map((account) => (
          <AccountCard key={account.id} account={account} selected={selected === account.id} onSelect={() => onSelect(selected === account.id ? undefined : account.id)} />
        ))}
      </ul>
      <ul class="bk-totals" aria-label={t('banks.totals')}>
        {totals.map((total) => (
          <li key={total.currency} class="bk-total">
            <span class="bk-total-label">{t('banks.totalIn', { currency: total.currency })}</span>
            <span class={`bk-total-amount${total.amountMinor < 0 ? ' bk-negative' : ''}`}>{formatMoney(total.amountMinor, total.currency)}</span>
          </li>
        ))}
      </ul>
      {accounts.some((a) => a.balance.source === 'computed') && <p class="muted small">* {t('banks.computed')}</p>}
    </section>
  );
}
