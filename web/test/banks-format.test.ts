import { afterEach, describe, expect, test } from 'bun:test';
import { setLocale } from '../src/i18n';
import { categoryName, categoryWhy, linkExplanation, reimbursementText } from '../src/components/banks/explain';
import { formatMoney, minorDigits, parseAmount } from '../src/components/banks/money';
import { labelIndices, niceScale } from '../src/components/banks/chart-scale';
import { stacksOf } from '../src/components/banks/SpendingChart';

afterEach(() => setLocale('en'));

// Intl puts no-break spaces in some places; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money in minor units, shown with the currency’s own decimals', () => {
  test('euros, yen and dinars', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
    expect(formatMoney(-123_456, 'EUR')).toBe('-€1,234.56');
    expect(formatMoney(1235, 'JPY')).toBe('¥1,235');
    expect(plain(formatMoney(1_234_567, 'BHD'))).toBe('BHD 1,234.567');
    setLocale('fr');
    expect(plain(formatMoney(-123_456, 'EUR'))).toBe('-1 234,56 €');
  });

  test('a code Intl does not know still shows, with its code', () => {
    expect(formatMoney(1050, 'XYZ')).toContain('XYZ');
  });

  test('typed amounts, with a comma or a point, become minor units', () => {
    expect(parseAmount('-12,50', 'EUR')).toBe(-1250);
    expect(parseAmount('1 000.1', 'EUR')).toBe(100_010);
    expect(parseAmount('1200', 'JPY')).toBe(1200);
    expect(parseAmount('12abc', 'EUR')).toBeNull();
    expect(parseAmount('', 'EUR')).toBeNull();
  });
});

describe('what the server stores as JSON, said in words', () => {
  test('why a transaction has its category', () => {
    expect(categoryWhy('{"source":"manual"}', 'manual', 3)).toBe('Chosen by you.');
    expect(categoryWhy('{"source":"rule","ruleId":3,"pattern":"engie"}', 'rule', 101)).toBe('Your rule for labels like “engie”.');
    expect(categoryWhy('{"source":"classifier","confidence":0.82,"tokens":["engie","prlv"]}', 'classifier', 101)).toBe(
      'Guessed from “engie”, “prlv”, like your earlier choices (82% sure).',
    );
    expect(categoryWhy(null, null, null)).toBe('No rule or earlier choice of yours fits this label.');
    expect(categoryWhy('not json', null, null)).toBe('No rule or earlier choice of yours fits this label.');
  });

  test('why a bill was linked', () => {
    expect(linkExplanation('{"amount":"same","days":3,"label":"ENGIE","group":null}')).toBe('same amount, 3 days later, label matches ENGIE');
    expect(linkExplanation('{"amount":"within","days":-1,"label":null,"group":3}')).toBe('close amount, 1 day earlier, one payment for 3 bills');
    expect(linkExplanation('{"amount":"same","days":0}', 'manual')).toBe('linked by you, same amount, same day');
    setLocale('fr');
    expect(linkExplanation('{"amount":"same","days":3,"label":"ENGIE"}')).toBe('même montant, 3 jours plus tard, le libellé correspond à ENGIE');
  });

  test('reimbursement status with its amounts', () => {
    expect(reimbursementText({ transactionId: 1, status: 'partly', expectedMinor: 2500, receivedMinor: 1750, currency: 'EUR' })).toBe('Partly reimbursed: €17.50 of €25.00');
    expect(reimbursementText({ transactionId: 1, status: 'awaiting', expectedMinor: 2500, receivedMinor: 0, currency: 'EUR' })).toBe('Awaiting reimbursement of €25.00');
  });

  test('built-in categories by their key, a person’s own by name', () => {
    expect(categoryName({ key: 'health.expenses', name: 'Health expenses' })).toBe('Health expenses');
    setLocale('fr');
    expect(categoryName({ key: 'health.expenses', name: 'Health expenses' })).toBe('Dépenses de santé');
    expect(categoryName({ key: null, name: 'Vélo' })).toBe('Vélo');
    expect(categoryName({ key: 'unknown.key', name: 'Fallback' })).toBe('Fallback');
    expect(categoryName(undefined)).toBe('Non catégorisé');
  });
});

describe('charts', () => {
  test('round scales that include zero when it is near', () => {
    expect(niceScale(0, 1_234_500)).toEqual({ min: 0, max: 1_500_000, ticks: [0, 500_000, 1_000_000, 1_500_000] });
    expect(niceScale(-20_000, 80_000).ticks).toEqual([-50_000, 0, 50_000, 100_000]);
    const flat = niceScale(5000, 5000);
    expect(flat.min).toBeLessThan(5000);
    expect(flat.max).toBeGreaterThan(5000);
  });

  test('labels spread over the points, always the last one', () => {
    expect(labelIndices(12, 4)).toEqual([2, 5, 8, 11]);
    expect(labelIndices(3, 10)).toEqual([0, 1, 2]);
    expect(labelIndices(0, 4)).toEqual([]);
  });

  test('spending stacks roll children into their parents, the rest into "other", uncategorized last', () => {
    const categories = [
      { id: 1, parentId: null, key: 'housing', name: 'Housing', own: false },
      { id: 101, parentId: 1, key: 'housing.energy', name: 'Energy', own: false },
      ...Array.from({ length: 8 }, (_, i) => ({ id: 10 + i, parentId: null, key: null, name: `Mine ${i}`, own: true })),
    ];
    const rows = [
      { month: '2025-01', categoryId: 101, currency: 'EUR', amountMinor: 6000, count: 1 },
      { month: '2025-02', categoryId: 1, currency: 'EUR', amountMinor: 4000, count: 1 },
      { month: '2025-02', categoryId: null, currency: 'EUR', amountMinor: 700, count: 2 },
      { month: '2025-02', categoryId: 101, currency: 'USD', amountMinor: 99_999, count: 1 },
      ...Array.from({ length: 8 }, (_, i) => ({ month: '2025-01', categoryId: 10 + i, currency: 'EUR', amountMinor: 100 * (i + 1), count: 1 })),
    ];
    const stacks = stacksOf({ months: ['2025-01', '2025-02'], spending: rows }, 'EUR', categories);
    expect(stacks.map((s) => s.name)).toEqual(['Housing', 'Mine 7', 'Mine 6', 'Mine 5', 'Mine 4', 'Mine 3', 'Other categories', 'Uncategorized']);
    expect(stacks[0]!.perMonth).toEqual([6000, 4000]);
    expect(stacks[6]!.perMonth).toEqual([100 + 200 + 300, 0]);
    expect(stacks[7]!.perMonth).toEqual([0, 700]);
  });
});
