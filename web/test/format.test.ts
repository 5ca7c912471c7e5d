import { afterEach, describe, expect, test } from 'bun:test';
import { setLocale } from '../src/i18n';
import { formatBytes, formatCountdown, formatDuration, formatPercent, formatRelative } from '../src/lib/format';

afterEach(() => setLocale('en'));

// Intl puts no-break spaces in some places; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting follows the locale', () => {
  test('bytes use decimal units', () => {
    expect(formatBytes(1_234_000_000)).toBe('1.2 GB');
    expect(formatBytes(58_000_000_000)).toBe('58 GB');
    expect(formatBytes(831)).toBe('831 bytes');
    setLocale('fr');
    expect(plain(formatBytes(1_234_000_000))).toBe('1,2 Go');
  });

  test('percent takes 0–100', () => {
    expect(formatPercent(12.4)).toBe('12%');
    setLocale('fr');
    expect(plain(formatPercent(12.4))).toBe('12 %');
  });

  test('durations show the two largest units', () => {
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59)).toBe('3 days 4 hr');
    expect(formatDuration(125)).toBe('2 min 5 sec');
    expect(formatDuration(0)).toBe('0 sec');
  });

  test('relative times and countdowns', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(formatRelative(now - 3000, now)).toBe('now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 86_400_000, now)).toBe('yesterday');
    setLocale('fr');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('il y a 5 minutes');
    expect(formatCountdown(61)).toBe('1:01');
  });
});
