import { banksEn } from './banks.en';
import { banksFr } from './banks.fr';
import { billsEn } from './bills.en';
import { billsFr } from './bills.fr';
import { connectEn } from './connect.en';
import { connectFr } from './connect.fr';
import { driveEn } from './drive.en';
import { driveFr } from './drive.fr';
import { en } from './en';
import { fr } from './fr';
import { powerEn } from './power.en';
import { powerFr } from './power.fr';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];
type Plural = { readonly one: string; readonly other: string };
/** Every locale has every key, and a plural wherever English has one. */
export type Messages = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : Plural };
export type Params = Record<string, string | number>;

// Dictionaries kept in files of their own (fr.ts is long enough), merged here.
const allEn = { ...en, ...driveEn, ...banksEn, ...billsEn, ...connectEn, ...powerEn };
export type MessageKey = keyof typeof allEn;
type AllMessages = { readonly [K in MessageKey]: (typeof allEn)[K] extends string ? string : Plural };
const dictionaries: Record<Locale, AllMessages> = { en: allEn, fr: { ...fr, ...driveFr, ...banksFr, ...billsFr, ...connectFr, ...powerFr } };
const STORAGE_KEY = 'cozy.locale';

let current: Locale = 'en';
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (locale === current) return;
  current = locale;
  for (const listener of listeners) listener(locale);
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fr';
}

/** fr, fr-FR, fr-CA… → fr; anything else → en. The first language listed wins. */
export function browserLocale(languages: readonly string[] = navigatorLanguages()): Locale {
  const first = languages[0]?.toLowerCase() ?? 'en';
  return first.startsWith('fr') ? 'fr' : 'en';
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The override chosen on this browser before signing in (or mirrored from the account). */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale | null): void {
  try {
    if (locale) localStorage.setItem(STORAGE_KEY, locale);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode): the choice then lasts for this page only.
  }
}

/** The account's preference, then this browser's override, then the browser's languages. */
export function resolveLocale(accountLocale?: Locale | null): Locale {
  return accountLocale ?? storedLocale() ?? browserLocale();
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function t(key: MessageKey, params?: Params): string {
  const entry = dictionaries[current][key];
  if (typeof entry === 'string') return interpolate(entry, params);
  const count = Number(params?.count ?? 0);
  const form = new Intl.PluralRules(current).select(count) === 'one' ? entry.one : entry.other;
  return interpolate(form, params);
}

/** A language's own name, in that language ("English", "Français"). */
export function languageName(locale: Locale): string {
  return dictionaries[locale][locale === 'en' ? 'language.en' : 'language.fr'];
}

export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(allEn, text);
}

/** Translates a message key; passes any other text (a server's message) through. */
export function tOrText(text: string): string {
  return isMessageKey(text) ? t(text) : text;
}
