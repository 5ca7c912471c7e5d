// Round axis steps for the Banks charts (1, 2 or 5 times a power of ten).

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** A scale covering [low, high] (and 0 when it is near), with about `count` round ticks. */
export function niceScale(low: number, high: number, count = 4): Scale {
  let min = Math.min(low, 0 < low && low < high / 3 ? 0 : low);
  let max = high;
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const step = niceStep(max - min, count);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let tick = min; tick <= max + step / 2; tick += step) ticks.push(Math.round(tick / step) * step);
  return { min, max, ticks };
}

/** Indices of about `count` evenly spread labels among `length` points (always the last one). */
export function labelIndices(length: number, count: number): number[] {
  if (length <= 0) return [];
  const every = Math.max(1, Math.ceil(length / Math.max(1, count)));
  const picked: number[] = [];
  for (let i = length - 1; i >= 0; i -= every) picked.unshift(i);
  return picked;
}

/** The colours of series, in order (CSS custom properties defined in banks.css). */
export const SERIES_COLOURS = ['var(--bk-1)', 'var(--bk-2)', 'var(--bk-3)', 'var(--bk-4)', 'var(--bk-5)', 'var(--bk-6)', 'var(--bk-7)', 'var(--bk-8)'];
