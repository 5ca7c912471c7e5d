import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useElementWidth } from '../../lib/hooks';
import type { Category, Spending } from './banks-api';
import { SERIES_COLOURS, niceScale } from './chart-scale';
import { formatMonth } from './dates';
import { CurrencyPicker, Legend } from './BalanceChart';
import { categoryName } from './explain';
import { formatMoney } from './money';

const MARGIN = { top: 10, right: 8, bottom: 26, left: 56 };
const HEIGHT = 220;
/** Bars show the biggest top-level categories; the rest are summed as "other categories". */
const SHOWN = 6;
const UNCATEGORIZED = -1;
const OTHERS = -2;

interface Stack {
  key: number;
  name: string;
  colour: string;
  perMonth: number[];
}

/** Each month's debits per top-level category (a child counts in its parent), biggest categories first. */
export function stacksOf(data: Spending, currency: string, categories: readonly Category[]): Stack[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const topOf = (id: number | null) => {
    if (id === null) return UNCATEGORIZED;
    const category = byId.get(id);
    return category?.parentId ?? id;
  };
  const sums = new Map<number, number[]>();
  for (const row of data.spending) {
    if (row.currency !== currency) continue;
    const key = topOf(row.categoryId);
    const perMonth = sums.get(key) ?? data.months.map(() => 0);
    const at = data.months.indexOf(row.month);
    if (at >= 0) perMonth[at]! += row.amountMinor;
    sums.set(key, perMonth);
  }
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const ranked = [...sums].filter(([key]) => key !== UNCATEGORIZED).sort((a, b) => total(b[1]) - total(a[1]));
  const others = ranked.slice(SHOWN).reduce((acc, [, values]) => acc.map((v, i) => v + values[i]!), data.months.map(() => 0));
  const stacks: Stack[] = ranked.slice(0, SHOWN).map(([key, perMonth], i) => ({ key, name: byId.has(key) ? categoryName(byId.get(key)) : `#${key}`, colour: SERIES_COLOURS[i]!, perMonth }));
  if (total(others) > 0) stacks.push({ key: OTHERS, name: t('banks.chart.others'), colour: SERIES_COLOURS[6]!, perMonth: others });
  const none = sums.get(UNCATEGORIZED);
  if (none) stacks.push({ key: UNCATEGORIZED, name: t('banks.uncategorized'), colour: 'var(--bk-none)', perMonth: none });
  return stacks;
}

interface Plot {
  width: number;
  months: readonly string[];
  stacks: readonly Stack[];
  currency: string;
  summary: string;
}

function monthTotals(months: readonly string[], stacks: readonly Stack[]): number[] {
  return months.map((_, i) => stacks.reduce((sum, stack) => sum + stack.perMonth[i]!, 0));
}

interface BarsProps {
  months: readonly string[];
  stacks: readonly Stack[];
  totals: readonly number[];
  currency: string;
  x: (i: number) => number;
  width: number;
  y: (v: number) => number;
}

/** Each month's bar: its categories stacked, biggest at the bottom, the month's total as its tooltip. */
function Bars({ months, stacks, totals, currency, x, width, y }: BarsProps) {
  return (
    <>
      {months.map((month, i) => {
        let base = 0;
        return (
          <g key={month} class="bk-bar">
            <title>{`${formatMonth(month)}: ${formatMoney(totals[i]!, currency)}`}</title>
            {stacks.map((stack) => {
              const value = stack.perMonth[i]!;
              if (value <= 0) return null;
              const top = y(base + value);
              const height = y(base) - top;
              base += value;
              return <rect key={stack.key} x={x(i)} y={top} width={width} height={Math.max(0.5, height)} style={{ fill: stack.colour }} />;
            })}
          </g>
        );
      })}
    </>
  );
}

/** One bar per month, its categories stacked from the biggest up. */
function SpendingSvg({ width, months, stacks, currency, summary }: Plot) {
  const id = useId();
  const totals = monthTotals(months, stacks);
  const scale = niceScale(0, Math.max(0, ...totals));
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotW / Math.max(1, months.length);
  const bar = Math.max(3, Math.min(40, slot * 0.7));
  const y = (v: number) => MARGIN.top + plotH - (v / (scale.max || 1)) * plotH;
  const labelEvery = Math.ceil(months.length / Math.max(1, Math.floor(plotW / 44)));
  const labelled = (i: number) => i % labelEvery === (months.length - 1) % labelEvery;
  return (
    <svg class="line-chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-stacks={stacks.length}>
      <title id={`${id}-t`}>{t('banks.chart.spending')}</title>
      <desc id={`${id}-d`}>{`${t('banks.chart.spendingDesc')} ${summary}`}</desc>
      <g class="chart-grid" aria-hidden="true">
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">{formatMoney(tick, currency, { compact: true })}</text>
          </g>
        ))}
        {months.map((month, i) => labelled(i) && (
          <text key={month} x={MARGIN.left + slot * (i + 0.5)} y={HEIGHT - 6} text-anchor="middle">{formatMonth(month, i === 0 || month.endsWith('-01'))}</text>
        ))}
      </g>
      <Bars months={months} stacks={stacks} totals={totals} currency={currency} x={(i) => MARGIN.left + slot * i + (slot - bar) / 2} width={bar} y={y} />
    </svg>
  );
}

/** Money out per month, stacked by category; one currency at a time. */
export function SpendingChart({ data, categories }: { data: Spending; categories: readonly Category[] }) {
  const currencies = [...new Set(data.spending.map((row) => row.currency))];
  const [chosen, setChosen] = useState(currencies[0] ?? 'EUR');
  const currency = currencies.includes(chosen) ? chosen : (currencies[0] ?? 'EUR');
  const stacks = useMemo(() => stacksOf(data, currency, categories), [data, currency, categories]);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 600);
  const average = monthTotals(data.months, stacks).reduce((a, b) => a + b, 0) / Math.max(1, data.months.length);
  const summary = stacks.length ? t('banks.chart.spendingSummary', { amount: formatMoney(Math.round(average), currency) }) : t('banks.chart.empty');
  return (
    <figure class="chart bk-chart">
      <figcaption class="chart-caption">
        <span class="chart-title">{t('banks.chart.spending')}</span>
        <span class="chart-summary">{summary}</span>
        <CurrencyPicker currencies={currencies} value={currency} onChange={setChosen} />
      </figcaption>
      <div class="chart-box" ref={box}>
        <SpendingSvg width={width} months={data.months} stacks={stacks} currency={currency} summary={summary} />
      </div>
      {stacks.length > 0 && <Legend items={stacks} />}
    </figure>
  );
}
