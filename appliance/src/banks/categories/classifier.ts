// Multinomial naive Bayes over a label's words and the amount's sign, learnt
// only from the person's own manual choices. Counts are kept incrementally:
// a manual choice adds one document, changing it removes the old one, so no
// choice ever retrains from scratch.
import { isMerchantWord, labelTokens } from "./labels";
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
  counts: Map<string, number>;
}

/** A label's features: its words, and "$debit" or "$credit". */
export function featuresOf(label: string, amountMinor: number): string[] {
  return [...labelTokens(label), `${SIGN_PREFIX}${signOf(amountMinor)}`];
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

export class NaiveBayes {
  private readonly classes = new Map<number, ClassCounts>();
  /** Feature -> count over every class. */
  private readonly vocabulary = new Map<string, number>();
  private documents = 0;
  private totalFeatures = 0;

  constructor(private readonly threshold = DEFAULT_THRESHOLD) {}

  get size(): number {
    return this.documents;
  }

  /** One manual choice (weight 1), or taking one back (weight -1). */
  learn(features: readonly string[], categoryId: number, weight: 1 | -1 = 1): void {
    const counts = this.classes.get(categoryId) ?? { documents: 0, total: 0, counts: new Map<string, number>() };
    counts.documents += weight;
    counts.total += weight * features.length;
    for (const feature of features) {
      bump(counts.counts, feature, weight);
      bump(this.vocabulary, feature, weight);
    }
    this.documents += weight;
    this.totalFeatures += weight * features.length;
    if (counts.documents <= 0) this.classes.delete(categoryId);
    else this.classes.set(categoryId, counts);
  }

  /** The likeliest category, or null when unsure (below the threshold, or no merchant word seen before). */
  predict(features: readonly string[]): Prediction | null {
    const known = features.filter((feature) => this.vocabulary.has(feature));
    if (!known.some((feature) => !feature.startsWith(SIGN_PREFIX) && isMerchantWord(feature))) return null;
    const scores = [...this.classes].map(([categoryId, counts]) => ({ categoryId, counts, score: this.logScore(counts, known) }));
    const top = Math.max(...scores.map((entry) => entry.score));
    const sum = scores.reduce((total, entry) => total + Math.exp(entry.score - top), 0);
    const best = scores.find((entry) => entry.score === top)!;
    const confidence = 1 / sum;
    // The winner must have seen one of the label's merchant words itself, not won on the sign or on bank jargon.
    const evidence = known.some((feature) => !feature.startsWith(SIGN_PREFIX) && isMerchantWord(feature) && best.counts.counts.has(feature));
    if (!evidence || confidence < this.threshold) return null;
    return { categoryId: best.categoryId, confidence: Math.round(confidence * 100) / 100, tokens: this.strongest(best.counts, known) };
  }

  private logScore(counts: ClassCounts, features: readonly string[]): number {
    const denominator = counts.total + SMOOTHING * this.vocabulary.size;
    let score = Math.log(counts.documents / this.documents);
    for (const feature of features) score += Math.log(((counts.counts.get(feature) ?? 0) + SMOOTHING) / denominator);
    return score;
  }

  /** Words by how much more likely they are in the category than in all the others together. */
  private strongest(counts: ClassCounts, features: readonly string[]): string[] {
    const vocabularySize = this.vocabulary.size;
    const restTotal = this.totalFeatures - counts.total + SMOOTHING * vocabularySize;
    const weighed = features
      .filter((feature) => !feature.startsWith(SIGN_PREFIX) && counts.counts.has(feature))
      .map((feature) => {
        const inside = (counts.counts.get(feature)! + SMOOTHING) / (counts.total + SMOOTHING * vocabularySize);
        const outside = ((this.vocabulary.get(feature) ?? 0) - counts.counts.get(feature)! + SMOOTHING) / restTotal;
        return { feature, weight: Math.log(inside / outside) };
      })
      .filter((entry) => entry.weight > 0)
      .sort((a, b) => b.weight - a.weight);
    return weighed.slice(0, SHOWN_TOKENS).map((entry) => entry.feature);
  }
}
