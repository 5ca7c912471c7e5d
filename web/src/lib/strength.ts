// A small passphrase strength estimator.
//
// Why not zxcvbn: its dictionaries weigh about 800 kB minified (≈400 kB gzip),
// and the passphrase meter sits on the very first screen a household sees,
// served by a Raspberry Pi over Wi-Fi, sometimes to an old phone. That is ten
// times the rest of the UI. The server enforces the real rules (length and
// throttling); this meter only nudges people towards longer passphrases, so an
// honest approximation is enough: length, character variety, and penalties for
// repeats, sequences and a few very common words.

export type StrengthLevel = 0 | 1 | 2 | 3;
export type StrengthHint = 'common' | 'repeat' | 'variety';

export interface Strength {
  level: StrengthLevel;
  /** A rough estimate of the entropy in bits, after penalties. */
  bits: number;
  hints: StrengthHint[];
}

const COMMON_WORDS = [
  'password', 'passw0rd', 'motdepasse', 'azerty', 'qwerty', 'qwertz', 'letmein', 'welcome',
  'bienvenue', 'admin', 'root', 'cozybox', 'cozy', 'raspberry', 'iloveyou', 'jetaime',
  'soleil', 'bonjour', 'dragon', 'monkey', 'football', 'secret', 'abc123', 'changeme',
];

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'azertyuiop', 'asdfghjkl'];

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[^a-zA-Z0-9\s]/.test(text)) pool += 33;
  if (/\s/.test(text)) pool += 1;
  // Letters outside ASCII (é, ß, ж…) widen the pool considerably.
  if (/[^\u0000-\u007f]/.test(text)) pool += 40;
  return Math.max(pool, 1);
}

/** Characters that add almost nothing: the 3rd+ of a run like "aaaa". */
function countRepeats(text: string): number {
  let repeats = 0;
  for (let i = 2; i < text.length; i += 1) {
    if (text[i] === text[i - 1] && text[i] === text[i - 2]) repeats += 1;
  }
  return repeats;
}

/** Characters that continue a run of 3+ from a known sequence, forwards or backwards. */
function countSequenceChars(lower: string): number {
  let count = 0;
  for (let i = 2; i < lower.length; i += 1) {
    const triple = lower.slice(i - 2, i + 1);
    const reversed = [...triple].reverse().join('');
    if (SEQUENCES.some((seq) => seq.includes(triple) || seq.includes(reversed))) count += 1;
  }
  return count;
}

/** Total length of the common words found (each counted once). */
function commonWordChars(lower: string): number {
  return COMMON_WORDS.filter((word) => lower.includes(word)).reduce((sum, word) => sum + word.length, 0);
}

export function estimateStrength(passphrase: string): Strength {
  if (!passphrase) return { level: 0, bits: 0, hints: [] };
  const lower = passphrase.toLowerCase();
  const repeats = countRepeats(passphrase);
  const sequence = countSequenceChars(lower);
  const common = commonWordChars(lower);
  // A common word counts like a single character of its pool, not like its length.
  const effective = Math.max(1, passphrase.length - repeats - sequence - common + (common ? 2 : 0));
  const bits = Math.round(effective * Math.log2(poolSize(passphrase)));

  const hints: StrengthHint[] = [];
  if (common) hints.push('common');
  if (repeats + sequence >= 2) hints.push('repeat');

  let level: StrengthLevel = 0;
  if (bits >= 80 && passphrase.length >= 14) level = 3;
  else if (bits >= 60) level = 2;
  else if (bits >= 45) level = 1;
  if (passphrase.length < 10) level = 0;
  if (level < 3 && !hints.includes('repeat') && !hints.includes('common')) hints.push('variety');
  return { level, bits, hints };
}
