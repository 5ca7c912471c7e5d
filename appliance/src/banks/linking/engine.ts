// Bill linking as a pure function: bills, transactions and the links made so
// far in; the links to add (made, or suggested when two candidates tie) out.
// Made and removed links are never touched; payments are settled before
// reimbursements so that the reimbursed sum of each expense can be capped.
import { normalizeText } from "./brands";
import { groupCandidates, singleCandidates, type Candidate, type CandidateFilter } from "./candidates";
import { Claims, compete } from "./claims";
import { targetOf, WHOLE, type Target } from "./targets";
import { TransactionIndex, type IndexedTransaction } from "./transaction-index";
import type { BillFact, LinkFact, LinkingInput, LinkingResult, LinkRole, ProposedLink } from "./types";

const MADE = new Set(["auto", "manual"]);

/** (bill, role) pairs with a made link, or settled during this run: one set of bill ids per role. */
class Settled {
  private readonly payment = new Set<number>();
  private readonly reimbursement = new Set<number>();

  has(billId: number, role: LinkRole): boolean {
    return (role === "payment" ? this.payment : this.reimbursement).has(billId);
  }

  add(billId: number, role: LinkRole): void {
    (role === "payment" ? this.payment : this.reimbursement).add(billId);
  }
}

export function linkBills(input: LinkingInput): LinkingResult {
  const run = new LinkingRun(input);
  run.pass("payment");
  run.pass("reimbursement");
  return run.result;
}

class LinkingRun {
  readonly result: LinkingResult = { links: [], looked: [] };
  private readonly index: TransactionIndex;
  private readonly claims = new Claims();
  private readonly settled = new Settled();
  private readonly removed = new Set<string>();
  /** A bill's payment debit, for the reimbursement cap. */
  private readonly paymentOf = new Map<number, number>();
  /** Reimbursed so far, per expense (debit id). */
  private readonly reimbursed = new Map<number, number>();
  private readonly labels = new Map<number, string>();
  private readonly filter: CandidateFilter;

  constructor(private readonly input: LinkingInput) {
    this.index = new TransactionIndex(input.transactions);
    this.filter = {
      labelOf: (transaction) => this.labelOf(transaction),
      removed: (billId, transactionId, role) => this.removed.size > 0 && this.removed.has(`${billId}|${transactionId}|${role}`),
      available: (transactionId, key) => this.claims.available(transactionId, key),
    };
    this.recordExisting([...input.bills, ...(input.linkedBills ?? [])]);
  }

  private labelOf(transaction: IndexedTransaction): string {
    let label = this.labels.get(transaction.fact.id);
    if (label === undefined) {
      label = normalizeText(transaction.fact.label);
      this.labels.set(transaction.fact.id, label);
    }
    return label;
  }

  private recordExisting(bills: BillFact[]): void {
    const billById = new Map(bills.map((bill) => [bill.id, bill]));
    const made = this.input.links.filter((link) => MADE.has(link.state));
    for (const link of this.input.links) if (link.state === "removed") this.removed.add(`${link.billId}|${link.transactionId}|${link.role}`);
    for (const link of made) {
      this.settled.add(link.billId, link.role);
      const bill = billById.get(link.billId);
      const key = link.role === "payment" && bill ? (targetOf(bill, "payment")?.claimKey ?? WHOLE) : WHOLE;
      this.claims.claim(link.transactionId, key);
      if (link.role === "payment") this.paymentOf.set(link.billId, link.transactionId);
    }
    for (const link of made) if (link.role === "reimbursement") this.addReimbursed(link);
  }

  private addReimbursed(link: Pick<LinkFact, "billId" | "amountMinor">): void {
    const expense = this.paymentOf.get(link.billId);
    if (expense !== undefined) this.reimbursed.set(expense, (this.reimbursed.get(expense) ?? 0) + link.amountMinor);
  }

  pass(role: LinkRole): void {
    const targets: Target[] = [];
    for (const bill of this.input.bills) {
      if (this.settled.has(bill.id, role)) continue;
      const target = targetOf(bill, role);
      if (!target) continue;
      targets.push(target);
      this.result.looked.push({ billId: bill.id, role });
    }
    const singles: Candidate[] = [];
    const lonely: Target[] = [];
    for (const target of targets) {
      const found = singleCandidates(target, this.index, this.filter);
      if (found.length === 0) lonely.push(target);
      else singles.push(...found);
    }
    this.assign(singles);
    // Only a bill no transaction matches alone may be part of a group (several bills, one payment).
    this.assign(groupCandidates(lonely, this.index, this.filter));
  }

  /** The best candidates first; at each score, a candidate competing with another of the same score is only suggested. */
  private assign(candidates: Candidate[]): void {
    candidates.sort((a, b) => a.score - b.score || a.transaction.day - b.transaction.day || a.transaction.fact.id - b.transaction.fact.id || a.targets[0]!.bill.id - b.targets[0]!.bill.id);
    for (let start = 0; start < candidates.length; ) {
      let end = start;
      while (end < candidates.length && candidates[end]!.score === candidates[start]!.score) end++;
      this.settleLevel(candidates.slice(start, end));
      start = end;
    }
  }

  private settleLevel(level: Candidate[]): void {
    const live = level.filter((candidate) => this.isOpen(candidate));
    const rivals = new LevelRivals(live);
    const decisions = live.map((candidate) => [candidate, rivals.contested(candidate)] as const);
    for (const [candidate, contested] of decisions) {
      if (contested) this.suggest(candidate);
      else this.accept(candidate);
    }
  }

  private isOpen(candidate: Candidate): boolean {
    const { targets, transaction } = candidate;
    return targets.every((target) => !this.settled.has(target.bill.id, target.role)) && this.claims.available(transaction.fact.id, targets[0]!.claimKey);
  }

  private suggest(candidate: Candidate): void {
    for (const target of candidate.targets) {
      this.settled.add(target.bill.id, target.role);
      this.result.links.push(this.linkOf(candidate, target, "suggested"));
    }
    // Held for the tie: a worse candidate must not take it meanwhile.
    this.claims.claim(candidate.transaction.fact.id, candidate.targets[0]!.claimKey);
  }

  private accept(candidate: Candidate): void {
    const { targets, transaction } = candidate;
    for (const target of targets) this.settled.add(target.bill.id, target.role);
    if (targets[0]!.role === "reimbursement" && !this.withinExpenses(targets)) return;
    this.claims.claim(transaction.fact.id, targets[0]!.claimKey);
    for (const target of targets) {
      const link = this.linkOf(candidate, target, "auto");
      this.result.links.push(link);
      if (target.role === "payment") this.paymentOf.set(target.bill.id, transaction.fact.id);
      else this.addReimbursed(link);
    }
  }

  /** The sum reimbursed for one expense never exceeds what the expense cost. */
  private withinExpenses(targets: Target[]): boolean {
    const added = new Map<number, number>();
    for (const target of targets) {
      const expense = this.paymentOf.get(target.bill.id);
      if (expense !== undefined) added.set(expense, (added.get(expense) ?? 0) + target.amount);
    }
    for (const [expense, amount] of added) {
      const debit = this.index.get(expense);
      const cost = debit ? -debit.fact.amountMinor : Number.POSITIVE_INFINITY;
      if ((this.reimbursed.get(expense) ?? 0) + amount > cost) return false;
    }
    return true;
  }

  private linkOf(candidate: Candidate, target: Target, state: "auto" | "suggested"): ProposedLink {
    const group = candidate.targets.length > 1 ? candidate.targets.length : null;
    return {
      billId: target.bill.id, transactionId: candidate.transaction.fact.id, role: target.role, state, amountMinor: target.amount, score: candidate.score,
      explanation: { amount: "same", days: candidate.transaction.day - target.day, label: candidate.label, group },
    };
  }
}

/** Who else wants the same bill or the same transaction at one score: counted once per level, not pair by pair. */
class LevelRivals {
  private readonly perBill = new Map<number, number>();
  private readonly perTransaction = new Map<number, Map<string, number>>();

  constructor(live: Candidate[]) {
    for (const candidate of live) {
      for (const target of candidate.targets) this.perBill.set(target.bill.id, (this.perBill.get(target.bill.id) ?? 0) + 1);
      const id = candidate.transaction.fact.id;
      const keys = this.perTransaction.get(id) ?? new Map<string, number>();
      const key = candidate.targets[0]!.claimKey;
      keys.set(key, (keys.get(key) ?? 0) + 1);
      this.perTransaction.set(id, keys);
    }
  }

  /** Another candidate of the same score shares one of its bills, or wants its transaction too. */
  contested(candidate: Candidate): boolean {
    if (candidate.targets.some((target) => this.perBill.get(target.bill.id)! > 1)) return true;
    const keys = this.perTransaction.get(candidate.transaction.fact.id)!;
    const key = candidate.targets[0]!.claimKey;
    let rivals = -1;
    for (const [other, count] of keys) if (compete(key, other)) rivals += count;
    return rivals > 0;
  }
}
