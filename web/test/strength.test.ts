import { describe, expect, test } from 'bun:test';
import { estimateStrength } from '../src/lib/strength';

describe('estimateStrength', () => {
  test('empty and short passphrases are weak', () => {
    expect(estimateStrength('').level).toBe(0);
    expect(estimateStrength('Xy7$kq!').level).toBe(0);
  });

  test('sequences, repeats and common words count for little', () => {
    expect(estimateStrength('abcdefghijkl').level).toBe(0);
    expect(estimateStrength('aaaaaaaaaaaa').level).toBe(0);
    const common = estimateStrength('password123');
    expect(common.level).toBe(0);
    expect(common.hints).toContain('common');
  });

  test('random lowercase of the minimum length is only fair', () => {
    expect(estimateStrength('kfjdhsgeqw').level).toBe(1);
  });

  test('several unrelated words make a strong passphrase', () => {
    expect(estimateStrength('amber kettle on the hill').level).toBe(3);
    expect(estimateStrength('correct horse battery staple').level).toBe(3);
  });

  test('levels never go down as unrelated characters are added', () => {
    let previous = 0;
    for (const text of ['tulip', 'tulip river', 'tulip river 9', 'tulip river 9 gravel', 'tulip river 9 gravel Moon']) {
      const { level } = estimateStrength(text);
      expect(level).toBeGreaterThanOrEqual(previous);
      previous = level;
    }
  });
});
