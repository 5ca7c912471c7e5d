import { request } from '../../api';

// The Banks part of the appliance's HTTP API (/api/banks). Money is integer
// minor units plus an ISO 4217 code; dates are YYYY-MM-DD.

export interface Account {
  id: number;
  name: string;
  iban: string | null;
  accountNumber: string | null;
  currency: string;
  type: string | null;
  balance: { amountMinor: number; currency: string; date: string | null; source: 'statement' | 'computed' };
  transactionCount: number;
}

export interface Money {
  currency: string;
  amountMinor: number;
}

export interface Transaction {
  id: number;
  accountId: number;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  label: string;
  memo: string | null;
  counterparty: string | null;
  note: string | null;
  categoryId: number | null;
  categoryReason: string | null;
  categorySource: 'manual' | 'rule' | 'link' | 'classifier' | null;
  balanceAfterMinor: number | null;
}

export interface Filters {
  account?: number;
  /** A category id, or "none" for uncategorized. */
  category?: string;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  q?: string;
}

export interface BalanceSeries {
  step: 'day' | 'week' | 'month';
  dates: string[];
  accounts: Array<{ id: number; name: string; currency: string; source: 'statement' | 'computed'; values: Array<number | null> }>;
  totals: Array<{ currency: string; values: Array<number | null> }>;
}

export interface Spending {
  months: string[];
  spending: Array<{ month: string; categoryId: number | null; currency: string; amountMinor: number; count: number }>;
}

export interface Category {
  id: number;
  parentId: number | null;
  key: string | null;
  name: string;
  own: boolean;
}

export interface RuleSuggestion {
  pattern: string;
  sign: 'debit' | 'credit' | null;
  matches: number;
}

export interface Bill {
  id: number;
  fileId: number | null;
  vendor: string;
  type: string;
  date: string;
  amountMinor: number;
  currency: string;
  originalAmountMinor: number | null;
  originalDate: string | null;
  document: { fileId: number; name: string; path: string } | null;
}

export interface BillLink {
  id: number;
  billId: number;
  transactionId: number;
  role: 'payment' | 'reimbursement';
  state: 'auto' | 'manual' | 'suggested';
  amountMinor: number | null;
  score: number | null;
  explanation: string | null;
  bill: Bill;
}

export interface Reimbursement {
  transactionId: number;
  status: 'reimbursed' | 'partly' | 'awaiting';
  expectedMinor: number;
  receivedMinor: number;
  currency: string;
}

export interface Links {
  links: BillLink[];
  reimbursements: Reimbursement[];
}

export function filterQuery(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') query.set(key, String(value));
  return query;
}

const withQuery = (path: string, query: URLSearchParams) => (query.size ? `${path}?${query}` : path);

export const banksApi = {
  accounts: () => request<{ accounts: Account[]; totals: Money[] }>('GET', '/api/banks/accounts'),
  transactions: (filters: Filters, cursor: string | null, limit: number) => {
    const query = filterQuery(filters);
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return request<{ transactions: Transaction[]; nextCursor: string | null }>('GET', withQuery('/api/banks/transactions', query));
  },
  count: (filters: Filters) => request<{ count: number }>('GET', withQuery('/api/banks/stats/count', filterQuery(filters))),
  balances: (account?: number) => request<BalanceSeries>('GET', withQuery('/api/banks/stats/balances', filterQuery({ account }))),
  spending: (months: number, account?: number) =>
    request<Spending>('GET', withQuery('/api/banks/stats/spending', filterQuery({ account, months } as Filters))),
  categories: () => request<{ categories: Category[] }>('GET', '/api/banks/categories'),
  setCategory: (id: number, categoryId: number | null) => request<Transaction>('PATCH', `/api/banks/transactions/${id}`, { categoryId }),
  ruleSuggestion: (id: number) => request<RuleSuggestion>('GET', `/api/banks/transactions/${id}/rule-suggestion`),
  createRule: (rule: { pattern: string; sign: RuleSuggestion['sign']; categoryId: number }) =>
    request<{ rule: { id: number }; applied: number }>('POST', '/api/banks/rules', rule.sign ? rule : { pattern: rule.pattern, categoryId: rule.categoryId }),
  links: (transactionIds: number[]) => request<Links>('GET', `/api/banks/links?transactionIds=${transactionIds.join(',')}`),
  link: (billId: number, transactionId: number, role: BillLink['role']) => request<BillLink>('POST', '/api/banks/links', { billId, transactionId, role }),
  unlink: (id: number) => request<void>('DELETE', `/api/banks/links/${id}`),
};
