import { isMessageKey, t } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { Category, Reimbursement } from './banks-api';
import { formatMoney } from './money';

// What the server stores as JSON (a category's reason, a link's explanation),
// said in the person's language.

/** A built-in category by its translated key; a person's own by the name they gave it. */
export function categoryName(category: Pick<Category, 'key' | 'name'> | undefined): string {
  if (!category) return t('banks.uncategorized');
  const key = category.key ? `banks.category.${category.key}` : '';
  return key && isMessageKey(key) ? t(key) : category.name;
}

/** "Food › Groceries" for a child, its own name for a top-level one. */
export function categoryPath(category: Category | undefined, byId: ReadonlyMap<number, Category>): string {
  if (!category) return t('banks.uncategorized');
  const parent = category.parentId === null ? undefined : byId.get(category.parentId);
  return parent ? `${categoryName(parent)} › ${categoryName(category)}` : categoryName(category);
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Why a transaction has its category: the person, a rule, a reimbursement link, or the classifier's words. */
export function categoryWhy(reason: string | null, source: string | null, categoryId: number | null): string {
  const parsed = parse(reason);
  const kind = parsed?.source ?? source;
  if (kind === 'manual') return t('banks.why.manual');
  if (kind === 'rule' && typeof parsed?.pattern === 'string') return t('banks.why.rule', { pattern: parsed.pattern });
  if (kind === 'link' && typeof parsed?.vendor === 'string') return t('banks.why.link', { vendor: parsed.vendor });
  if (kind === 'classifier' && parsed) {
    const tokens = Array.isArray(parsed.tokens) ? parsed.tokens.filter((x): x is string => typeof x === 'string') : [];
    const quoted = tokens.map((token) => `“${token}”`).join(', ');
    return t('banks.why.classifier', { tokens: quoted || '—', confidence: formatPercent(Number(parsed.confidence ?? 0) * 100) });
  }
  if (categoryId === null) return t('banks.why.none');
  return reason ?? '';
}

/** "same amount, 3 days later, label matches ENGIE" from {"amount":"same","days":3,"label":"ENGIE","group":2}. */
export function linkExplanation(json: string | null, state?: string): string {
  const parsed = parse(json);
  const parts: string[] = [];
  if (state === 'manual') parts.push(t('banks.explain.manual'));
  if (parsed?.amount === 'same') parts.push(t('banks.explain.sameAmount'));
  else if (parsed?.amount === 'within') parts.push(t('banks.explain.closeAmount'));
  if (typeof parsed?.days === 'number') {
    const days = parsed.days;
    parts.push(days === 0 ? t('banks.explain.sameDay') : t(days > 0 ? 'banks.explain.later' : 'banks.explain.earlier', { count: Math.abs(days) }));
  }
  if (typeof parsed?.label === 'string' && parsed.label) parts.push(t('banks.explain.label', { label: parsed.label }));
  if (typeof parsed?.group === 'number' && parsed.group > 1) parts.push(t('banks.explain.group', { count: parsed.group }));
  return parts.join(', ');
}

/** "Partly reimbursed: €20.00 of €25.00". */
export function reimbursementText(r: Reimbursement): string {
  const received = formatMoney(r.receivedMinor, r.currency);
  const expected = formatMoney(r.expectedMinor, r.currency);
  const key = r.status === 'reimbursed' ? 'banks.reimb.reimbursed' : r.status === 'partly' ? 'banks.reimb.partly' : 'banks.reimb.awaiting';
  return t(key, { received, expected });
}
