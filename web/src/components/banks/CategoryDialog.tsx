import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { Dialog } from '../drive/Dialog';
import { banksApi, type Category, type RuleSuggestion, type Transaction } from './banks-api';
import { formatDay } from './dates';
import { categoryName, categoryWhy } from './explain';
import { formatMoney } from './money';

// Choosing a transaction's category, then the offer to do the same for every
// label like it (a rule, applied at once to the transactions it matches).

interface Props {
  row: Transaction;
  categories: readonly Category[];
  onChanged: (row: Transaction) => void;
  onRule: (applied: number) => void;
  onClose: () => void;
}

function matchesSearch(category: Category, parent: Category | undefined, words: string): boolean {
  if (!words) return true;
  const text = `${categoryName(category)} ${parent ? categoryName(parent) : ''} ${category.name}`.toLowerCase();
  return words.split(/\s+/).every((word) => text.includes(word));
}

function CategoryChoices({ categories, current, onPick, busy }: { categories: readonly Category[]; current: number | null; onPick: (id: number | null) => void; busy: boolean }) {
  const [search, setSearch] = useState('');
  const byId = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  const words = search.trim().toLowerCase();
  const shown = categories.filter((c) => matchesSearch(c, c.parentId === null ? undefined : byId.get(c.parentId), words));
  const option = (category: Category | null) => {
    const id = category?.id ?? null;
    return (
      <button type="button" key={id ?? 'none'} class={`bk-choice${category?.parentId ? ' bk-choice-child' : ''}`} aria-pressed={current === id} disabled={busy} onClick={() => onPick(id)}>
        {category ? categoryName(category) : t('banks.uncategorized')}
      </button>
    );
  };
  return (
    <>
      <input type="search" class="bk-pick-search" placeholder={t('banks.pick.search')} aria-label={t('banks.pick.search')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      <div class="bk-choices" role="group" aria-label={t('banks.pick.title')}>
        {!words && option(null)}
        {shown.map((c) => option(c))}
      </div>
    </>
  );
}

function RuleOffer({ suggestion, busy, onCreate, onSkip }: { suggestion: RuleSuggestion; busy: boolean; onCreate: () => void; onSkip: () => void }) {
  return (
    <div class="bk-rule" role="group" aria-label={t('banks.rule.offer', { pattern: suggestion.pattern })}>
      <p class="bk-rule-offer">{t('banks.rule.offer', { pattern: suggestion.pattern })}</p>
      <p class="muted small">
        {t('banks.rule.matches', { count: suggestion.matches })}
        {suggestion.sign === 'debit' ? ` ${t('banks.rule.debits')}` : suggestion.sign === 'credit' ? ` ${t('banks.rule.credits')}` : ''}
      </p>
      <div class="bk-rule-buttons">
        <Button variant="secondary" onClick={onSkip}>{t('banks.rule.skip')}</Button>
        <Button busy={busy} onClick={onCreate}>{t('banks.rule.create')}</Button>
      </div>
    </div>
  );
}

/** Sets the category, then asks the box which rule would do the same for labels like this one. */
function useRecategorize({ row, onChanged, onRule, onClose }: Omit<Props, 'categories'>) {
  const [current, setCurrent] = useState<Transaction>(row);
  const [suggestion, setSuggestion] = useState<RuleSuggestion | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const work = async (task: () => Promise<void>) => {
    setBusy(true);
    setError('');
    await task().catch((cause) => setError(errorMessage(cause)));
    setBusy(false);
  };
  const pick = (categoryId: number | null) => work(async () => {
    const saved = await banksApi.setCategory(row.id, categoryId);
    setCurrent(saved);
    onChanged(saved);
    if (categoryId === null) return onClose();
    const offer = await banksApi.ruleSuggestion(row.id).catch((cause) => (cause instanceof ApiError && cause.status === 404 ? null : Promise.reject(cause)));
    if (offer?.pattern) setSuggestion(offer);
    else onClose();
  });
  const createRule = () => work(async () => {
    if (!suggestion || current.categoryId === null) return;
    const { applied } = await banksApi.createRule({ pattern: suggestion.pattern, sign: suggestion.sign, categoryId: current.categoryId });
    onRule(applied);
    onClose();
  });
  return { current, suggestion, busy, error, pick, createRule };
}

export function CategoryDialog({ row, categories, onChanged, onRule, onClose }: Props) {
  const { current, suggestion, busy, error, pick, createRule } = useRecategorize({ row, onChanged, onRule, onClose });
  return (
    <Dialog title={t('banks.pick.title')} onClose={onClose} class="bk-dialog">
      <p class="bk-pick-for">{t('banks.pick.for', { label: row.label, amount: formatMoney(row.amountMinor, row.currency), date: formatDay(row.bookingDate) })}</p>
      <p class="muted small bk-why">{categoryWhy(current.categoryReason, current.categorySource, current.categoryId)}</p>
      <Notice kind="error">{error}</Notice>
      {suggestion ? (
        <RuleOffer suggestion={suggestion} busy={busy} onCreate={() => void createRule()} onSkip={onClose} />
      ) : categories.length === 0 ? (
        <p class="muted">{t('banks.pick.failed')}</p>
      ) : (
        <CategoryChoices categories={categories} current={current.categoryId} busy={busy} onPick={(id) => void pick(id)} />
      )}
    </Dialog>
  );
}
