import { afterEach, describe, expect, test } from 'bun:test';
import { en } from '../src/i18n/en';
import { fr } from '../src/i18n/fr';
import { browserLocale, resolveLocale, setLocale, t } from '../src/i18n';

afterEach(() => setLocale('en'));

describe('dictionaries', () => {
  test('French has every English key, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (value: unknown) => [...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect({ key, names: placeholders(fr[key]) }).toEqual({ key, names: placeholders(en[key]) });
    }
  });
});

describe('t', () => {
  test('interpolates parameters and picks plural forms per locale', () => {
    expect(t('security.ended', { count: 1 })).toBe('1 other session signed out.');
    expect(t('security.ended', { count: 3 })).toBe('3 other sessions signed out.');
    setLocale('fr');
    expect(t('security.ended', { count: 0 })).toBe('0 autre session déconnectée.');
    expect(t('security.ended', { count: 2 })).toBe('2 autres sessions déconnectées.');
  });
});

describe('locale resolution', () => {
  test('fr* browsers get French, everything else English', () => {
    expect(browserLocale(['fr-CA', 'en'])).toBe('fr');
    expect(browserLocale(['de-DE', 'fr'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });

  test("the account's choice comes first", () => {
    expect(resolveLocale('fr')).toBe('fr');
    expect(resolveLocale('en')).toBe('en');
  });
});
