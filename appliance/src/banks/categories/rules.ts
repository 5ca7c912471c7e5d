// A person's rules, indexed by their first word so a label is checked only
// against the rules that could match it (100,000 labels x hundreds of rules
// would otherwise be tens of millions of substring searches).
import { labelMatches } from "./labels";

export interface Rule {
  id: number;
  /** Normalized words (see normalizeLabel). */
  pattern: string;
  sign: "debit" | "credit" | null;
  categoryId: number;
}

export function signOf(amountMinor: number): "debit" | "credit" {
  return amountMinor < 0 ? "debit" : "credit";
}

export function ruleApplies(rule: Rule, normalizedLabel: string, amountMinor: number): boolean {
  return (rule.sign === null || rule.sign === signOf(amountMinor)) && labelMatches(normalizedLabel, rule.pattern);
}

/** Most specific first: the longest pattern, then a signed rule, then the newest. */
function moreSpecific(a: Rule, b: Rule): boolean {
  if (a.pattern.length !== b.pattern.length) return a.pattern.length > b.pattern.length;
  if ((a.sign === null) !== (b.sign === null)) return a.sign !== null;
  return a.id > b.id;
}

export class RuleMatcher {
  private readonly byFirstWord = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      const first = rule.pattern.split(" ")[0]!;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(rule);
      this.byFirstWord.set(first, list);
    }
  }

  get size(): number {
    return this.byFirstWord.size;
  }

  /** The most specific rule for this label and amount, or null. */
  best(normalizedLabel: string, amountMinor: number): Rule | null {
    let winner: Rule | null = null;
    for (const word of new Set(normalizedLabel.split(" "))) {
      for (const rule of this.byFirstWord.get(word) ?? []) {
        if ((winner === null || moreSpecific(rule, winner)) && ruleApplies(rule, normalizedLabel, amountMinor)) winner = rule;
      }
    }
    return winner;
  }
}
