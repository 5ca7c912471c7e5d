// Multinomial naive Bayes over a label's words and the amount's sign, learnt
// only from the person's own manual choices. Counts are kept incrementally:
// a manual choice adds one document, changing it removes the old one, so no
// choice ever retrains from scratch.
import { isMerchantWord, normalizedTokens, normalizeLabel } from "./labels";
import { signOf } from "./rules";

export interface Prediction {
  categoryId: number;
  /** Posterior probability of the category among those the person used, 0..1. */
  confidence: number;
  /** The label words that weighed most for it, strongest first. */
  tokens: string[];
}

/** Below this posterior the transaction stays uncategorized. */
export const DEFAULT_THRESHOLD = 0.6;
// Small: a word the category never had counts strongly against it (a few choices must be enough to learn a merchant).
const SMOOTHING = 0.1;
const SHOWN_TOKENS = 3;
const SIGN_PREFIX = "$";

interface ClassCounts {
  documents: number;
  /** Sum of all feature counts of the class. */
  total: number;
}

interface PriorTable {
  logUnseen: number;
  entries: { categoryId: number; logPrior: number; logDenominator: number }[];
}

/** A label's features: its words, and "$debit" or "$credit". */
export function featuresOf(label: string, amountMinor: number): string[] {
  return normalizedFeatures(normalizeLabel(label), amountMinor);
}

/** featuresOf a label already normalized. */
export function normalizedFeatures(normalized: string, amountMinor: number): string[] {
  const features = normalizedTokens(normalized);
  features.push(`${SIGN_PREFIX}${signOf(amountMinor)}`);
  return features;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

export class NaiveBayes {
  private readonly classes = new Map<number, ClassCounts>();
  /** Feature -> category -> count: a prediction touches only the categories that saw its words. */
  private readonly postings = new Map<string, Map<number, number>>();
  private documents = 0;
  private totalFeatures = 0;
  /** Cached logs of the counts below; dropped by every learn(). */
  private priors: PriorTable | null = null;

  constructor(private readonly threshold = DEFAULT_THRESHOLD) {}

  get size(): number {
    return this.documents;
  }

  /** One manual choice (weight 1), or taking one back (weight -1). */
  learn(features: readonly string[], categoryId: number, weight: 1 | -1 = 1): void {
    this.priors = null;
    const counts = this.classes.get(categoryId) ?? { documents: 0, total: 0 };
    counts.documents += weight;
    counts.total += weight * features.length;
    for (const feature of features) {
      const posting = this.postings.get(feature) ?? new Map<number, number>();
      bump(posting, categoryId, weight);
      if (posting.size === 0) this.postings.delete(feature);
      else this.postings.set(feature, posting);
    }
    this.documents += weight;
    this.totalFeatures += weight * features.length;
    if (counts.documents <= 0) this.classes.delete(categoryId);
    else this.classes.set(categoryId, counts);
  }

  /** The likeliest category, or null when unsure (below the threshold, or no merchant word seen before). */
  predict(features: readonly string[]): Prediction | null {
    const known = features.filter((feature) => this.postings.has(feature));
    const merchant = known.filter((feature) => !feature.startsWith(SIGN_PREFIX) && isMerchantWord(feature));
    if (merchant.length === 0) return null;
    const scores = this.logScores(known);
    let best = -1;
    let top = -Infinity;
    for (const [categoryId, score] of scores) if (score > top) [best, top] = [categoryId, score];
    let sum = 0;
    for (const score of scores.values()) sum += Math.exp(score - top);
    const confidence = 1 / sum;
    // The winner must have seen one of the label's merchant words itself, not won on the sign or on bank jargon.
    const evidence = merchant.some((feature) => this.postings.get(feature)!.has(best));
    if (!evidence || confidence < this.threshold) return null;
    return { categoryId: best, confidence: Math.round(confidence * 100) / 100, tokens: this.strongest(best, known) };
  }

  /**
   * log P(category) + Σ log P(feature | category), Laplace-smoothed: every
   * category starts as if it never saw any feature, then the postings add
   * what each one did see. Each category's prior and denominator logs are
   * kept between predictions (100,000 labels are predicted in one go).
   */
  private logScores(known: readonly string[]): Map<number, number> {
    const table = this.priorTable();
    const scores = new Map<number, number>();
    for (const { categoryId, logPrior, logDenominator } of table.entries) scores.set(categoryId, logPrior + known.length * (table.logUnseen - logDenominator));
    for (const feature of known) {
      for (const [categoryId, count] of this.postings.get(feature)!) {
        scores.set(categoryId, scores.get(categoryId)! + Math.log(count + SMOOTHING) - table.logUnseen);
      }
    }
    return scores;
  }

  private priorTable(): PriorTable {
    if (this.priors) return this.priors;
    const vocabularySize = this.postings.size;
    const entries = [...this.classes].map(([categoryId, counts]) => ({
      categoryId,
      logPrior: Math.log(counts.documents / this.documents),
      logDenominator: Math.log(counts.total + SMOOTHING * vocabularySize),
    }));
    this.priors = { logUnseen: Math.log(SMOOTHING), entries };
    return this.priors;
  }

  /** Words by how much more likely they are in the category than in all the others together (merchant words first). */
  private strongest(categoryId: number, features: readonly string[]): string[] {
    const counts = this.classes.get(categoryId)!;
    const vocabularySize = this.postings.size;
    const restTotal = this.totalFeatures - counts.total + SMOOTHING * vocabularySize;
    const weighed: { feature: string; weight: number }[] = [];
    for (const feature of features) {
      const posting = this.postings.get(feature)!;
      const inClass = posting.get(categoryId);
      if (feature.startsWith(SIGN_PREFIX) || inClass === undefined) continue;
      let everywhere = 0;
      for (const count of posting.values()) everywhere += count;
      const inside = (inClass + SMOOTHING) / (counts.total + SMOOTHING * vocabularySize);
      const outside = (everywhere - inClass + SMOOTHING) / restTotal;
      const weight = Math.log(inside / outside);
      if (weight > 0) weighed.push({ feature, weight });
    }
    // Merchant words first: "engie" says more to a person than "prlv", even when both weighed.
    const rank = (entry: { feature: string; weight: number }) => (isMerchantWord(entry.feature) ? 1e9 : 0) + entry.weight;
    return weighed
      .sort((a, b) => rank(b) - rank(a))
      .slice(0, SHOWN_TOKENS)
      .map((entry) => entry.feature);
  }
}
