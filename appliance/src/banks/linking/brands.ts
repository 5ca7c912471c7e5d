// The brand table (brands.json, data) turned into matchers: for a bill's
// vendor, which bank labels are that vendor's. A vendor the table does not
// know is looked for as its own name, as whole words.
import table from "./brands.json";

interface BrandEntry {
  name: string;
  vendors: string[];
  labels: string[];
  healthInsurer?: boolean;
}

export interface VendorMatcher {
  /** The same key for every spelling of one vendor ("CPAM Paris" and "Ameli" are both Ameli's). */
  key: string;
  /** The brand's name when the table knows the vendor. */
  brand: string | null;
  healthInsurer: boolean;
  /** The part of the (normalized) label that names the vendor, or null. */
  match(normalizedLabel: string): string | null;
}

/** Legal forms that a bill writes after a name and a bank label leaves out. */
const LEGAL_FORMS = new Set(["SA", "SAS", "SASU", "SARL", "EURL", "SE", "SCA", "GMBH", "AG", "LTD", "LIMITED", "INC", "LLC", "PLC", "BV", "NV"]);

/** Upper case, no accents, punctuation as single spaces: the form labels and patterns are compared in. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

interface CompiledBrand {
  entry: BrandEntry;
  vendors: RegExp[];
  labels: RegExp[];
}

function wordsPattern(words: string): RegExp {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^| )${escaped}(?: |$)`);
}

const BRANDS: CompiledBrand[] = (table.brands as BrandEntry[]).map((entry) => ({
  entry,
  vendors: entry.vendors.map((vendor) => wordsPattern(normalizeText(vendor))),
  labels: entry.labels.map((pattern) => new RegExp(pattern)),
}));

function firstMatch(patterns: RegExp[], label: string): string | null {
  for (const pattern of patterns) {
    const found = pattern.exec(label);
    if (found) return found[0].trim();
  }
  return null;
}

function brandOf(normalizedVendor: string): CompiledBrand | null {
  return BRANDS.find((brand) => brand.vendors.some((pattern) => pattern.test(normalizedVendor))) ?? null;
}

function compile(vendor: string): VendorMatcher {
  const normalized = normalizeText(vendor);
  const brand = brandOf(normalized);
  if (brand) {
    return { key: `brand:${brand.entry.name}`, brand: brand.entry.name, healthInsurer: brand.entry.healthInsurer === true, match: (label) => firstMatch(brand.labels, label) };
  }
  const words = normalized.split(" ").filter((word, index, all) => !(index > 0 && index === all.length - 1 && LEGAL_FORMS.has(word)));
  const name = words.join(" ");
  const pattern = name.length >= 2 ? wordsPattern(name) : null;
  return { key: `vendor:${name}`, brand: null, healthInsurer: false, match: (label) => (pattern?.test(label) ? name : null) };
}

const matchers = new Map<string, VendorMatcher>();

/** The matcher of a vendor, compiled once per spelling. */
export function vendorMatcher(vendor: string): VendorMatcher {
  let matcher = matchers.get(vendor);
  if (!matcher) {
    matcher = compile(vendor);
    if (matchers.size > 10_000) matchers.clear();
    matchers.set(vendor, matcher);
  }
  return matcher;
}
