import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useElementWidth } from '../../lib/hooks';
import type { BalanceSeries } from './banks-api';
import { SERIES_COLOURS, labelIndices, niceScale } from './chart-scale';
import { formatDay, formatMonth } from './dates';
import { formatMoney } from './money';

const MARGIN = { top: 10, right: 12, bottom: 26, left: 64 };
const HEIGHT = 220;

interface Line {
  name: string;
  values: Array<number | null>;
  colour: string;
  total?: boolean;
}

function path(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((value, i) => {
    if (value === null) return void (pen = false);
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(value).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function linesFor(series: BalanceSeries, currency: string): Line[] {
  const accounts = series.accounts.filter((a) => a.currency === currency);
  const total = series.totals.find((x) => x.currency === currency);
  const own = accounts.map((a, i) => ({ name: a.name, values: a.values, colour: SERIES_COLOURS[(i + 1) % SERIES_COLOURS.length]! }));
  // One account: its line is the total.
  return total && accounts.length > 1 ? [{ name: t('banks.chart.total'), values: total.values, colour: SERIES_COLOURS[0]!, total: true }, ...own] : own;
}

interface Plot {
  width: number;
  lines: Line[];
  series: BalanceSeries;
  currency: string;
  summary: string;
}

/** The drawing itself: round amounts up the side, dates along the bottom, one path per line. */
function BalanceSvg({ width, lines, series, currency, summary }: Plot) {
  const id = useId();
  const known = lines.flatMap((line) => line.values.filter((v): v is number => v !== null));
  const scale = niceScale(Math.min(0, ...known), Math.max(0, ...known));
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const n = series.dates.length;
  const x = (i: number) => MARGIN.left + (n <= 1 ? plotW : (i / (n - 1)) * plotW);
  const y = (v: number) => MARGIN.top + plotH - ((v - scale.min) / (scale.max - scale.min || 1)) * plotH;
  const dateLabel = (date: string) => (series.step === 'month' ? formatMonth(date) : formatDay(date, 'short'));
  return (
    <svg class="line-chart" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-series={lines.length} data-points={n}>
      <title id={`${id}-t`}>{t('banks.chart.balance')}</title>
      <desc id={`${id}-d`}>{`${t('banks.chart.balanceDesc')} ${summary}`}</desc>
      <g class="chart-grid" aria-hidden="true">
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(tick)} y2={y(tick)} class={tick === 0 ? 'bk-zero' : undefined} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" text-anchor="end">{formatMoney(tick, currency, { compact: true })}</text>
          </g>
        ))}
        {labelIndices(n, Math.max(2, Math.floor(plotW / 80))).map((i) => (
          <text key={i} x={x(i)} y={HEIGHT - 6} text-anchor={i === n - 1 ? 'end' : 'middle'}>{dateLabel(series.dates[i]!)}</text>
        ))}
      </g>
      <g aria-hidden="true">
        {lines.map((line) => (
          <path key={line.name} class={line.total ? 'bk-line bk-line-total' : 'bk-line'} style={{ stroke: line.colour }} d={path(line.values, x, y)} />
        ))}
      </g>
    </svg>
  );
}

export function Legend({ items }: { items: ReadonlyArray<{ key: string | number; name: string; colour: string }> }) {
  return (
    <ul class="bk-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span class="bk-swatch" style={{ background: item.colour }} />
          {item.name}
        </li>
      ))}
    </ul>
  );
}

export function CurrencyPicker({ currencies, value, onChange }: { currencies: readonly string[]; value: string; onChange: (currency: string) => void }) {
  if (currencies.length < 2) return null;
  return (
    <select class="bk-currency" aria-label={t('banks.chart.currency')} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
    </select>
  );
}

/** Balance of each account and the total, for one currency at a time. */
export function BalanceChart({ series }: { series: BalanceSeries }) {
  const currencies = series.totals.map((x) => x.currency);
  const [chosen, setChosen] = useState(currencies[0] ?? 'EUR');
  const currency = currencies.includes(chosen) ? chosen : (currencies[0] ?? 'EUR');
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 600);
  const lines = useMemo(() => linesFor(series, currency), [series, currency]);
  const last = lines[0]?.values.filter((v): v is number => v !== null).at(-1);
  const summary = last === undefined ? t('banks.chart.empty') : t('banks.chart.now', { amount: formatMoney(last, currency) });
  return (
    <figure class="chart bk-chart">
      <figcaption class="chart-caption">
        <span class="chart-title">{t('banks.chart.balance')}</span>
        <span class="chart-summary">{summary}</span>
        <CurrencyPicker currencies={currencies} value={currency} onChange={setChosen} />
      </figcaption>
      <div class="chart-box" ref={box}>
        <BalanceSvg width={width} lines={lines} series={series} currency={currency} summary={summary} />
      </div>
      {lines.length > 1 && <Legend items={lines.map((line) => ({ key: line.name, name: line.name, colour: line.colour }))} />}
    </figure>
  );
}
