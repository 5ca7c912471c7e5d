import { getLocale } from '../i18n';

// All figures go through Intl for the current locale ("1.5 GB" / "1,5 Go").

export function formatNumber(value: number, maximumFractionDigits = 1, minimumFractionDigits = 0): string {
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits, minimumFractionDigits }).format(value);
}

/** `value` is a percentage (0–100), not a ratio. */
export function formatPercent(value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits }).format(value / 100);
}

export function formatCelsius(value: number): string {
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: 'celsius',
    maximumFractionDigits: 1,
  }).format(value);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Decimal (SI) units, as disks are sold and as Intl names them: kB, MB, GB. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    // Short "byte" has no plural in English ("6 byte"); the long form reads right ("6 bytes", "6 octets").
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** A compact duration such as "3 d 4 h" or "12 min", with the two largest units. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const parts: Array<[number, 'day' | 'hour' | 'minute' | 'second']> = [
    [Math.floor(seconds / 86400), 'day'],
    [Math.floor((seconds % 86400) / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  const shown = first === -1 ? [parts[3]!] : parts.slice(first, first + 2).filter(([n]) => n > 0);
  return shown
    .map(([n, unit]) =>
      new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'short' }).format(n),
    )
    .join(' ');
}

/** "mm:ss" for a countdown. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatDateTime(epochMs: number): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatClock(epochMs: number): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(epochMs);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "2 minutes ago", "il y a 2 minutes", "now". */
export function formatRelative(epochMs: number, now = Date.now()): string {
  let value = (epochMs - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      const rounded = Math.round(value);
      return unit === 'second' && Math.abs(rounded) < 10 ? rtf.format(0, 'second') : rtf.format(rounded, unit);
    }
    value /= size;
  }
  return rtf.format(Math.round(value), 'year');
}

/** A language's name in the current locale ("French", "anglais"). */
export function formatLanguage(code: string): string {
  try {
    return new Intl.DisplayNames(getLocale(), { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
