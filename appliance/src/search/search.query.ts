// What a person types never reaches FTS5's query language as is: `"`, `*`,
// `NEAR(`, `-`, `:`, `(`, AND/OR/NOT would be syntax there (a stray quote is
// a 500, `title:x` a column filter). The words are cut out here, each is
// quoted (so FTS5 reads it as a plain string), and all must match; the last
// one also matches as a prefix, because results come as the person types.

/** Characters that make up a word: letters, digits and combining marks, as FTS5's unicode61 tokenizer sees them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]$/u;
/** Enough words for any real search; a pasted paragraph must not become a 500-term query. */
export const MAX_WORDS = 12;
/** A one-letter prefix would walk a large part of the index on every keystroke. */
const MIN_PREFIX_LENGTH = 2;
/** Below this, a word being typed is looked for in names only: two letters match most texts, and only names are worth showing. */
const TEXT_PREFIX_LENGTH = 3;

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when the text holds no word at all. */
  match: string | null;
  words: string[];
  /** The last word is a short prefix ("fa" on the way to "facture"): search names only. */
  namesOnly: boolean;
}

export function parseQuery(text: string): ParsedQuery {
  const normalized = text.normalize("NFC");
  const all = normalized.match(WORD) ?? [];
  const words = all.slice(0, MAX_WORDS);
  if (words.length === 0) return { match: null, words, namesOnly: false };
  // A word the person has finished (a space or a sign after it) is matched whole.
  const typingLast = WORD_CHAR.test(normalized) && all.length <= MAX_WORDS;
  const last = words[words.length - 1] ?? "";
  const length = [...last].length;
  const prefix = typingLast && length >= MIN_PREFIX_LENGTH;
  const quoted = words.map((word) => `"${word.replaceAll('"', '""')}"`);
  return { match: quoted.join(" ") + (prefix ? "*" : ""), words, namesOnly: prefix && length < TEXT_PREFIX_LENGTH };
}

// FTS5's snippet() and highlight() wrap each match in these two characters;
// they are control characters, which stored text never holds (cleanText).
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text with matches marked by MARK_START/MARK_END -> HTML in which every
 * character of the document is escaped and the only tags are <mark></mark>
 * (balanced even if a marker were missing), so the UI never renders the
 * document's own markup.
 */
export function markedToHtml(marked: string): string {
  let html = "";
  let open = false;
  for (const char of marked) {
    if (char === MARK_START && !open) {
      html += "<mark>";
      open = true;
    } else if (char === MARK_END && open) {
      html += "</mark>";
      open = false;
    } else if (char !== MARK_START && char !== MARK_END) {
      html += ESCAPES[char] ?? char;
    }
  }
  return open ? `${html}</mark>` : html;
}

/**
 * Text as it may be stored: NFC (so "é" typed and "é" decomposed by a Mac
 * match), control characters (form feeds from pdftotext, and the markers
 * above) turned into spaces, and at most `maxChars` characters.
 */
export function cleanText(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");
  return cleaned.length > maxChars ? cleaned.slice(0, maxChars) : cleaned;
}
