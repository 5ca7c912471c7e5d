import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Account, Category, Filters as FilterValues } from './banks-api';
import { categoryName } from './explain';
import { parseAmount, toMajor } from './money';

// The list's filters. Text and amounts apply once the typing pauses; an
// amount is typed in the currency's units ("-12,50") and sent in minor units.

const TYPING_MS = 350;

interface Props {
  value: FilterValues;
  accounts: readonly Account[];
  categories: readonly Category[];
  onChange: (next: FilterValues) => void;
}

function useSettled(text: string, apply: (text: string) => void): [string, (text: string) => void] {
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  useEffect(() => {
    if (draft === text) return;
    const timer = setTimeout(() => apply(draft), TYPING_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  return [draft, setDraft];
}

function AmountInput({ label, minor, currency, onChange }: { label: string; minor: number | undefined; currency: string; onChange: (minor: number | undefined) => void }) {
  const shown = minor === undefined ? '' : String(toMajor(minor, currency));
  const [draft, setDraft] = useSettled(shown, (text) => {
    const parsed = text.trim() ? parseAmount(text, currency) : undefined;
    if (parsed !== null) onChange(parsed);
  });
  const invalid = draft.trim() !== '' && parseAmount(draft, currency) === null;
  return (
    <label class="bk-field bk-field-amount">
      <span>{label}</span>
      <input inputMode="decimal" value={draft} aria-invalid={invalid} title={invalid ? t('banks.filter.badAmount') : undefined} onInput={(e) => setDraft(e.currentTarget.value)} />
    </label>
  );
}

export function CategoryOptions({ categories }: { categories: readonly Category[] }) {
  const tops = categories.filter((c) => c.parentId === null);
  return (
    <>
      {tops.map((top) => (
        <optgroup key={top.id} label={categoryName(top)}>
          <option value={String(top.id)}>{categoryName(top)}</option>
          {categories.filter((c) => c.parentId === top.id).map((child) => <option key={child.id} value={String(child.id)}>{categoryName(child)}</option>)}
        </optgroup>
      ))}
    </>
  );
}

/** From and to dates, and an amount range in the currency's units. */
function RangeFields({ value, currency, set }: { value: FilterValues; currency: string; set: (patch: Partial<FilterValues>) => void }) {
  return (
    <>
    <label class="bk-field bk-field-date">
      <span>{t('banks.filter.from')}</span>
      <input type="date" value={value.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
    </label>
    <label class="bk-field bk-field-date">
      <span>{t('banks.filter.to')}</span>
      <input type="date" value={value.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
    </label>
    <AmountInput label={t('banks.filter.min')} minor={value.minAmount} currency={currency} onChange={(minAmount) => set({ minAmount })} />
    <AmountInput label={t('banks.filter.max')} minor={value.maxAmount} currency={currency} onChange={(maxAmount) => set({ maxAmount })} />
    </>
  );
}

export function Filters({ value, accounts, categories, onChange }: Props) {
  // On a phone the filters other than the text fold behind a button.
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<FilterValues>) => onChange({ ...value, ...patch });
  const [text, setText] = useSettled(value.q ?? '', (q) => set({ q: q.trim() || undefined }));
  const currency = accounts.find((a) => a.id === value.account)?.currency ?? accounts[0]?.currency ?? 'EUR';
  const active = Object.values(value).some((v) => v !== undefined && v !== '');
  return (
    <form class={`bk-filters${open ? ' bk-filters-open' : ''}`} role="search" aria-label={t('banks.filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="bk-field bk-field-text">
        <span>{t('banks.filter.text')}</span>
        <input type="search" value={text} maxLength={200} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="button" class="btn btn-secondary bk-filters-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('banks.filters')}
        {active && ' •'}
      </button>
      <label class="bk-field">
        <span>{t('banks.filter.account')}</span>
        <select value={value.account === undefined ? '' : String(value.account)} onChange={(e) => set({ account: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })}>
          <option value="">{t('banks.filter.all')}</option>
          {accounts.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
        </select>
      </label>
      <label class="bk-field">
        <span>{t('banks.filter.category')}</span>
        <select value={value.category ?? ''} onChange={(e) => set({ category: e.currentTarget.value || undefined })}>
          <option value="">{t('banks.filter.all')}</option>
          <option value="none">{t('banks.uncategorized')}</option>
          <CategoryOptions categories={categories} />
        </select>
      </label>
      <RangeFields value={value} currency={currency} set={set} />
      {active && (
        <button type="button" class="btn btn-ghost bk-clear" onClick={() => onChange({})}>
          {t('banks.filter.clear')}
        </button>
      )}
    </form>
  );
}
