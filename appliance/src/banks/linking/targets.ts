// What a bill is looked for as: the debit that paid it, and for an insurer's
// health statement also the credit that reimbursed it. Each says its amount,
// the day its window is centred on, and what a matching label must name.
import { vendorMatcher, type VendorMatcher } from "./brands";
import { dayOf } from "./dates";
import type { BillFact, LinkRole } from "./types";

/** A transaction may be dated from 15 days before the bill to 29 days after it. */
export const WINDOW_BEFORE_DAYS = 15;
export const WINDOW_AFTER_DAYS = 29;
/** Claimed by a bill that takes the whole transaction (one debit pays one phone bill). */
export const WHOLE = "*";

export interface Target {
  bill: BillFact;
  role: LinkRole;
  /** The day the window is centred on. */
  day: number;
  /** Positive minor units. */
  amount: number;
  /** -1: a debit, 1: a credit. */
  sign: -1 | 1;
  matcher: VendorMatcher;
  requireLabel: boolean;
  /** Only health-category debits. */
  healthOnly: boolean;
  /**
   * Which bills may share one transaction: a health debit may be the payment
   * of one bill per vendor (the national insurer's statement and the mutuelle's
   * for the same act); any other transaction settles one bill (or one group).
   */
  claimKey: string;
}

/** An insurer's statement: what was paid and when (matched to the debit), and what it reimburses (matched to a credit). */
export function isInsurerStatement(bill: BillFact): boolean {
  return bill.originalAmountMinor !== null && bill.originalDate !== null;
}

export function isHealthBill(bill: BillFact, matcher = vendorMatcher(bill.vendor)): boolean {
  return bill.type === "health_costs" || (isInsurerStatement(bill) && matcher.healthInsurer);
}

export function paymentTarget(bill: BillFact): Target | null {
  const matcher = vendorMatcher(bill.vendor);
  const statement = isInsurerStatement(bill);
  const health = isHealthBill(bill, matcher);
  const amount = statement ? bill.originalAmountMinor! : bill.amountMinor;
  if (amount <= 0) return null;
  return {
    bill, role: "payment", day: dayOf(statement ? bill.originalDate! : bill.date), amount, sign: -1, matcher,
    // The insurer's statement does not name the doctor the debit went to: the health category stands in for the label.
    requireLabel: !(statement && health),
    healthOnly: health,
    claimKey: health ? matcher.key : WHOLE,
  };
}

export function reimbursementTarget(bill: BillFact): Target | null {
  if (!isInsurerStatement(bill) || bill.amountMinor <= 0) return null;
  const matcher = vendorMatcher(bill.vendor);
  return { bill, role: "reimbursement", day: dayOf(bill.date), amount: bill.amountMinor, sign: 1, matcher, requireLabel: true, healthOnly: false, claimKey: WHOLE };
}

export function targetOf(bill: BillFact, role: LinkRole): Target | null {
  return role === "payment" ? paymentTarget(bill) : reimbursementTarget(bill);
}

/** Where the transactions a bill may match are dated, for a role: [from, to] in days. */
export function windowOf(target: Target): [number, number] {
  return [target.day - WINDOW_BEFORE_DAYS, target.day + WINDOW_AFTER_DAYS];
}
