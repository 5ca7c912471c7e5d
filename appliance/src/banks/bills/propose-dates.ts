// Dates as bills print them, in French and English: 12/03/2026, 12.03.2026,
// 2026-03-12, "12 mars 2026", "1er mars 2026", "March 12, 2026", "12 March 2026".
// The date a bill is "from" is the labelled one ("Date de facture",
// "Invoice date"), not its due date or the period it covers.
import { expandYear, isoDate } from "../parsers/dates";

export type NumericOrder = "dmy" | "mdy";

export interface DateHit {
  iso: string;
  /** Where the date starts and ends in its line (to find what labels it). */
  start: number;
  end: number;
}

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, january: 1, jan: 1,
  février: 2, fevrier: 2, févr: 2, fevr: 2, fév: 2, fev: 2, february: 2, feb: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  août: 8, aout: 8, august: 8, aug: 8,
  septembre: 9, september: 9, sept: 9, sep: 9,
  octobre: 10, october: 10, oct: 10,
  novembre: 11, november: 11, nov: 11,
  décembre: 12, decembre: 12, december: 12, déc: 12, dec: 12,
};
// Longest first, so "mars" is not read as "mar" followed by "s".
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|");

const ISO = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g;
const NUMERIC = /(?<![\d.,])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d,]|\.\d)/g;
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(${MONTH})\\.?\\s+(\\d{4})(?!\\d)`, "giu");
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}\\d])(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "giu");

function numericDate(first: number, second: number, year: number, order: NumericOrder): string | undefined {
  // Read in the document's order; when that is impossible (13/03), the other order is the only reading.
  const preferred = order === "dmy" ? isoDate(year, second, first) : isoDate(year, first, second);
  return preferred ?? (order === "dmy" ? isoDate(year, first, second) : isoDate(year, second, first));
}

/** Every date written in `line`, in order of position. */
export function datesIn(line: string, order: NumericOrder): DateHit[] {
  const hits: DateHit[] = [];
  const add = (iso: string | undefined, match: RegExpExecArray) => {
    if (iso && !hits.some((hit) => match.index < hit.end && hit.start < match.index + match[0].length)) {
      hits.push({ iso, start: match.index, end: match.index + match[0].length });
    }
  };
  for (const match of line.matchAll(ISO)) add(isoDate(Number(match[1]), Number(match[2]), Number(match[3])), match);
  for (const match of line.matchAll(NUMERIC)) {
    // Two-digit years only with slashes: "01.23.45" is a phone number, not a date.
    if (match[4]!.length === 2 && match[2] !== "/") continue;
    add(numericDate(Number(match[1]), Number(match[3]), expandYear(match[4]!), order), match);
  }
  for (const match of line.matchAll(DAY_MONTH_YEAR)) add(isoDate(Number(match[3]), MONTHS[match[2]!.toLowerCase()]!, Number(match[1])), match);
  for (const match of line.matchAll(MONTH_DAY_YEAR)) add(isoDate(Number(match[3]), MONTHS[match[1]!.toLowerCase()]!, Number(match[2])), match);
  return hits.sort((a, b) => a.start - b.start);
}

/** Labels of the date a bill was issued. */
const ISSUE_LABEL =
  /date\s+(?:de\s+(?:la\s+)?)?factur|factur[ée]e?\s+(?:n[°o]\s*\S+\s+)?(?:du|le)\b|date\s+d['’]\s?[ée]mission|[ée]mise?\s+le\b|date\s+du\s+document|invoice\s+date|date\s+of\s+(?:issue|invoice)|bill(?:ing)?\s+date|statement\s+date|issued?\s+(?:on|date)\b|date\s+d['’]\s?[ée]dition|[ée]dit[ée]e?\s+le\b/iu;
/** Labels of other dates: when it is due, when it is debited, the period it covers, someone's birth. */
const OTHER_LABEL =
  /[ée]ch[ée]ance|due\s+(?:date|by|on)|payable|pr[ée]l[eè]v|p[ée]riode|period|\bdu\b.*\bau\b|\bfrom\b.*\bto\b|avant\s+le|\bbefore\b|naissance|birth|limite|paiement\s+le|payment\s+date|consommation|relev[ée]|meter|next\s+bill|prochaine/iu;
const PLAIN_LABEL = /\bdate\b|\ble\s*$/iu;

export interface LabelledDate {
  iso: string;
  /** 3: an issue label before it; 2: "date" before it; 1: no label; 0: labelled as another date. */
  rank: number;
  line: number;
}

function labelRank(before: string): number {
  const issue = ISSUE_LABEL.exec(before);
  const other = OTHER_LABEL.exec(before);
  // The closest label before the date is the one that names it ("Date de facture 12/03  Échéance 27/03").
  if (issue && (!other || issue.index > other.index)) return 3;
  if (other) return 0;
  return PLAIN_LABEL.test(before) ? 2 : 1;
}

/** Each date of the text with how strongly it is labelled as the bill's own. */
export function labelledDates(lines: string[], order: NumericOrder): LabelledDate[] {
  const found: LabelledDate[] = [];
  lines.forEach((line, index) => {
    let from = 0;
    let previous: number | null = null;
    for (const hit of datesIn(line, order)) {
      const between = line.slice(from, hit.start);
      // "du 01/02/2026 au 28/02/2026": the end of a period is no more the bill's date than its start.
      const rank: number = previous === 0 && between.trim().length <= 4 && labelRank(between) === 1 ? 0 : labelRank(between);
      found.push({ iso: hit.iso, rank, line: index });
      from = hit.end;
      previous = rank;
    }
    // A label alone on its line names the first date of the next line (a label above its value).
    const next = lines[index + 1];
    if (next !== undefined && datesIn(line, order).length === 0 && ISSUE_LABEL.test(line)) {
      const below = datesIn(next, order)[0];
      if (below) found.push({ iso: below.iso, rank: 3, line: index + 1 });
    }
  });
  return found;
}

/** The bill's date: the best-labelled one, the first of equals. */
export function billDate(lines: string[], order: NumericOrder): string | null {
  let best: LabelledDate | null = null;
  for (const date of labelledDates(lines, order)) if (!best || date.rank > best.rank) best = date;
  return best?.iso ?? null;
}

/** The spans of dates, so amounts are not read inside them ("12.03.2026" is no 12.03). */
export function blankDates(line: string, order: NumericOrder): string {
  let out = line;
  for (const hit of datesIn(line, order)) out = out.slice(0, hit.start) + " ".repeat(hit.end - hit.start) + out.slice(hit.end);
  return out;
}
