// Links as the person sees and changes them: the bills beside a page of
// transactions with each health expense's reimbursement status, a link made
// by hand (also "accept this suggestion"), a link removed (never re-made).
import { ConflictError, NotFoundError, ValidationError } from "../../shared/errors";
import type { Clock } from "../../shared/ports";
import type { BankBillRow } from "../banks-bills.schema";
import type { BankTransactionRow } from "../banks.schema";
import { normalizeText, vendorMatcher } from "../linking/brands";
import { dayOf } from "../linking/dates";
import { isHealthBill, isInsurerStatement, targetOf, WHOLE } from "../linking/targets";
import type { Explanation, LinkRole } from "../linking/types";
import { toBillDto, toLinkDto, type BillDto, type LinkDto, type ReimbursementDto } from "./bills.model";
import type { BillsRepository } from "./bills.repository";

export const LINKS_MAX_IDS = 500;

export interface LinksDeps {
  repository: BillsRepository;
  healthExpenseIds(userId: number): Promise<number[]>;
  clock: Clock;
  /** Rules and the classifier decide again for credits that lost the category a reimbursement link gave them. */
  recategorize?(userId: number, transactionIds: number[]): Promise<void>;
}

export type LinkWithBill = LinkDto & { bill: BillDto };

/** "1,2,3" -> [1, 2, 3]: positive integers, at most LINKS_MAX_IDS. */
export function parseTransactionIds(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.length > LINKS_MAX_IDS) throw new ValidationError("transactionIds", `Ask for at most ${LINKS_MAX_IDS} transactions at once (${parts.length} given).`);
  const bad = parts.find((part) => !/^[1-9]\d{0,14}$/.test(part));
  if (bad !== undefined) throw new ValidationError("transactionIds", `"${bad.slice(0, 20)}" is not a transaction id.`);
  return [...new Set(parts.map(Number))];
}

function reimbursementStatus(transaction: BankTransactionRow, receivedMinor: number): ReimbursementDto {
  const expectedMinor = -transaction.amountMinor;
  const status = receivedMinor >= expectedMinor ? "reimbursed" : receivedMinor > 0 ? "partly" : "awaiting";
  return { transactionId: transaction.id, status, expectedMinor, receivedMinor, currency: transaction.currency };
}

export class LinksService {
  constructor(private readonly deps: LinksDeps) {}

  async ofTransactions(userId: number, ids: number[]): Promise<{ links: LinkWithBill[]; reimbursements: ReimbursementDto[] }> {
    const { repository } = this.deps;
    const transactions = await repository.transactions(userId, ids);
    if (transactions.length !== ids.length) {
      const found = new Set(transactions.map((transaction) => transaction.id));
      throw new NotFoundError(`No such transaction: ${ids.find((id) => !found.has(id))}.`);
    }
    const rows = await repository.linksOfTransactions(userId, ids);
    const links = rows.map(({ link, bill }) => ({ ...toLinkDto(link), bill: toBillDto(bill.bill, bill.document) }));
    return { links, reimbursements: await this.reimbursements(userId, transactions, rows.map((row) => ({ transactionId: row.link.transactionId, state: row.link.state, role: row.link.role, bill: row.bill.bill }))) };
  }

  /** Each health expense among these transactions: reimbursed, partly, or awaiting, with the amounts. */
  private async reimbursements(userId: number, transactions: BankTransactionRow[], links: { transactionId: number; state: string; role: LinkRole; bill: BankBillRow }[]): Promise<ReimbursementDto[]> {
    const health = new Set(await this.deps.healthExpenseIds(userId));
    const paidHealthBill = new Set(links.filter((link) => link.role === "payment" && (link.state === "auto" || link.state === "manual") && isHealthBill(link.bill)).map((link) => link.transactionId));
    const expenses = transactions.filter((transaction) => transaction.amountMinor < 0 && ((transaction.categoryId !== null && health.has(transaction.categoryId)) || paidHealthBill.has(transaction.id)));
    const received = new Map((await this.deps.repository.reimbursedOf(expenses.map((expense) => expense.id))).map((row) => [row.debitId, Number(row.amountMinor)]));
    return expenses.map((expense) => reimbursementStatus(expense, received.get(expense.id) ?? 0));
  }

  /** The person links a bill to a transaction (or accepts a suggestion). */
  async create(userId: number, input: { billId: number; transactionId: number; role: LinkRole }): Promise<LinkWithBill> {
    const { repository } = this.deps;
    const bill = await repository.get(userId, input.billId);
    if (!bill) throw new NotFoundError("No such bill.");
    const [transaction] = await repository.transactions(userId, [input.transactionId]);
    if (!transaction) throw new NotFoundError("No such transaction.");
    const amountMinor = linkableAmount(bill.bill, transaction, input.role);
    if (input.role === "reimbursement") await this.assertWithinExpense(bill.bill, transaction, amountMinor);
    const { explanation, score } = explain(bill.bill, transaction, input.role, amountMinor);
    const exclusive = (targetOf(bill.bill, input.role)?.claimKey ?? WHOLE) === WHOLE;
    const row = await repository.makeManual({ ...input, state: "manual", amountMinor, score, explanation: JSON.stringify(explanation), createdAt: this.deps.clock.now() }, exclusive);
    // The bill's other reimbursement links may have been set aside for this one.
    if (input.role === "reimbursement") await this.resyncCategories(userId, (await repository.linksOfBill(bill.bill.id)).map((link) => link.transactionId));
    return { ...toLinkDto(row), bill: toBillDto(bill.bill, bill.document) };
  }

  /** The reimbursements of one expense never add up to more than it cost. */
  private async assertWithinExpense(bill: BankBillRow, credit: BankTransactionRow, amountMinor: number): Promise<void> {
    const { repository } = this.deps;
    const [payment] = await repository.madePaymentOf(bill.id);
    if (!payment) return;
    const [expense] = await repository.transactions(credit.userId, [payment.transactionId]);
    const [already] = await repository.reimbursedOf([payment.transactionId]);
    const ownLinks = (await repository.linksOfBill(bill.id)).filter((link) => link.role === "reimbursement" && (link.state === "auto" || link.state === "manual"));
    const before = Number(already?.amountMinor ?? 0) - ownLinks.filter((link) => link.transactionId === credit.id).reduce((sum, link) => sum + link.amountMinor, 0);
    if (expense && before + amountMinor > -expense.amountMinor) {
      throw new ConflictError("reimbursement_exceeds_expense", `The expense cost ${-expense.amountMinor}; with this credit its reimbursements would reach ${before + amountMinor}.`);
    }
  }

  /** The link becomes "removed": no longer shown, and never made again by linking. */
  async remove(userId: number, id: number): Promise<void> {
    const link = await this.deps.repository.link(userId, id);
    if (!link) throw new NotFoundError("No such link.");
    if (link.state === "removed") return;
    await this.deps.repository.setState(id, "removed");
    if (link.role === "reimbursement") await this.resyncCategories(userId, [link.transactionId]);
  }

  /** Credits linked as reimbursements get that category; those no longer linked go back to the rules and the classifier. */
  private async resyncCategories(userId: number, transactionIds: number[]): Promise<void> {
    await this.deps.repository.syncReimbursementCategories(transactionIds);
    await this.deps.recategorize?.(userId, transactionIds);
  }
}

/** The part of the transaction the bill accounts for; refuses a role that does not fit the transaction. */
function linkableAmount(bill: BankBillRow, transaction: BankTransactionRow, role: LinkRole): number {
  if (role === "payment" && transaction.amountMinor >= 0) throw new ValidationError("role", "A payment is a debit; this transaction is a credit.");
  if (role === "reimbursement" && transaction.amountMinor <= 0) throw new ValidationError("role", "A reimbursement is a credit; this transaction is a debit.");
  if (role === "reimbursement" && !isInsurerStatement(bill)) throw new ValidationError("role", "Only an insurer's statement (with what was paid and what it reimburses) is reimbursed.");
  if (bill.currency !== transaction.currency) throw new ValidationError("transactionId", `The bill is in ${bill.currency}, the transaction in ${transaction.currency}.`);
  const target = targetOf(bill, role);
  const wanted = target?.amount ?? bill.amountMinor;
  return Math.min(wanted, Math.abs(transaction.amountMinor));
}

function explain(bill: BankBillRow, transaction: BankTransactionRow, role: LinkRole, amountMinor: number): { explanation: Explanation; score: number } {
  const target = targetOf(bill, role);
  const day = target?.day ?? dayOf(bill.date);
  const days = dayOf(transaction.bookingDate) - day;
  const difference = Math.abs(Math.abs(transaction.amountMinor) - (target?.amount ?? amountMinor));
  const label = vendorMatcher(bill.vendor).match(normalizeText(`${transaction.label} ${transaction.counterparty ?? ""}`));
  return { explanation: { amount: difference === 0 ? "same" : "within", days, label, group: null }, score: Math.abs(days) * 100 + difference };
}
