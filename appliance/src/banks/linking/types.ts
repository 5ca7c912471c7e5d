// What bill linking reads and what it proposes: plain facts, no database.
export type LinkRole = "payment" | "reimbursement";
export type LinkState = "auto" | "manual" | "removed" | "suggested";

export interface BillFact {
  id: number;
  vendor: string;
  type: string;
  date: string;
  amountMinor: number;
  currency: string;
  originalAmountMinor: number | null;
  originalDate: string | null;
}

export interface TransactionFact {
  id: number;
  date: string;
  /** Signed: debits are negative. */
  amountMinor: number;
  currency: string;
  /** Label, raw label and counterparty, as one text. */
  label: string;
  /** In the health expenses category (or a person's own subcategory of it). */
  health: boolean;
}

export interface LinkFact {
  billId: number;
  transactionId: number;
  role: LinkRole;
  state: LinkState;
  amountMinor: number;
}

/** Why a link was made, rendered by the UI in its language ("same amount, 3 days later, label matches ENGIE"). */
export interface Explanation {
  amount: "same" | "within";
  /** The transaction's date minus the bill's (negative: before the bill). */
  days: number;
  /** The words of the label that name the vendor. */
  label: string | null;
  /** How many bills one transaction settles, when more than one. */
  group: number | null;
}

export interface ProposedLink {
  billId: number;
  transactionId: number;
  role: LinkRole;
  state: "auto" | "suggested";
  amountMinor: number;
  /** Lower is better. */
  score: number;
  explanation: Explanation;
}

export interface LinkingInput {
  /** The bills to link (those without a made link of a role are looked at for that role). */
  bills: BillFact[];
  /** Every transaction that may match (those inside the bills' windows, at least). */
  transactions: TransactionFact[];
  /** Existing links touching these bills or these transactions, with the bills they belong to when not in `bills`. */
  links: LinkFact[];
  linkedBills?: BillFact[];
}

export interface LinkingResult {
  links: ProposedLink[];
  /** The (bill, role) pairs looked at: their earlier suggestions are replaced by this result's. */
  looked: { billId: number; role: LinkRole }[];
}
