// Bills: a document (or a connector's record) with vendor, date, amount and
// type. Creating one schedules linking; a bill from a connector is created
// once per (source, sourceRef).
import { NotFoundError, ValidationError } from "../../shared/errors";
import type { Clock } from "../../shared/ports";
import type { BankBillRow, bankBills } from "../banks-bills.schema";
import { isCalendarDate } from "../linking/dates";
import { normalizeCurrency } from "../parsers/currencies";
import { toBillDto, toLinkDto, type BillDto, type BillInput, type LinkDto } from "./bills.model";
import type { BillCursor, BillFilters, BillsRepository } from "./bills.repository";
import type { BillLinker, LinkRunSummary } from "./linker";

export interface BillsDeps {
  repository: BillsRepository;
  linker: BillLinker;
  /** Queues a linking run for the person (the `banks.link` job). */
  schedule(userId: number): Promise<void>;
  clock: Clock;
}

export interface BillsPage {
  bills: BillDto[];
  nextCursor: string | null;
}

export const BILLS_PAGE_MAX = 500;

function encodeCursor(row: BillCursor): string {
  return Buffer.from(`${row.date}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): BillCursor {
  const [date, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!date || !isCalendarDate(date) || !id || !/^[1-9]\d{0,15}$/.test(id)) throw new ValidationError("cursor", "This cursor is not one the list gave.");
  return { date, id: Number(id) };
}

/** The checked, normalized fields of a new bill. */
type NewBill = Omit<typeof bankBills.$inferInsert, "userId" | "createdAt">;

function validated(input: BillInput): NewBill {
  const vendor = input.vendor.trim();
  if (!vendor) throw new ValidationError("vendor", "Say who the bill is from.");
  if (!isCalendarDate(input.date)) throw new ValidationError("date", `${input.date} is not a date (YYYY-MM-DD).`);
  const currency = normalizeCurrency(input.currency);
  if (!currency) throw new ValidationError("currency", `${input.currency} is not an ISO 4217 currency code.`);
  const originalAmountMinor = input.originalAmountMinor ?? null;
  const originalDate = input.originalDate ?? null;
  if ((originalAmountMinor === null) !== (originalDate === null)) throw new ValidationError("originalDate", "An original amount and an original date go together (what was paid, and when).");
  if (originalDate !== null && !isCalendarDate(originalDate)) throw new ValidationError("originalDate", `${originalDate} is not a date (YYYY-MM-DD).`);
  if (originalAmountMinor !== null && originalAmountMinor <= 0) throw new ValidationError("originalAmountMinor", "What was paid must be more than zero.");
  if (originalAmountMinor === null && input.amountMinor <= 0) throw new ValidationError("amountMinor", "A bill's amount must be more than zero.");
  if (originalAmountMinor !== null && input.amountMinor > originalAmountMinor) throw new ValidationError("amountMinor", "A reimbursement cannot be more than what was paid.");
  return {
    fileId: input.fileId ?? null, vendor, type: input.type, date: input.date, amountMinor: input.amountMinor, currency, originalAmountMinor, originalDate,
    source: input.source ?? "person", sourceRef: input.sourceRef ?? null,
  };
}

export class BillsService {
  constructor(private readonly deps: BillsDeps) {}

  /** Creates a bill (or answers the one with the same source and sourceRef) and schedules linking. */
  async create(userId: number, input: BillInput): Promise<BankBillRow> {
    const fields = validated(input);
    if (fields.fileId && !(await this.deps.repository.fileOf(userId, fields.fileId))) throw new NotFoundError("No such file.");
    const known = fields.sourceRef ? await this.deps.repository.bySourceRef(userId, fields.source, fields.sourceRef) : null;
    if (known) return known;
    const saved = (await this.deps.repository.insert({ ...fields, userId, createdAt: this.deps.clock.now() })) ?? (await this.deps.repository.bySourceRef(userId, fields.source, fields.sourceRef!));
    if (!saved) throw new Error("the bill was neither inserted nor found");
    await this.deps.schedule(userId);
    return saved;
  }

  async list(userId: number, filters: BillFilters, cursor: string | undefined, limit: number): Promise<BillsPage> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.deps.repository.list(userId, filters, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { bills: page.map((row) => toBillDto(row.bill, row.document)), nextCursor: rows.length > limit && last ? encodeCursor(last.bill) : null };
  }

  async get(userId: number, id: number): Promise<BillDto & { links: LinkDto[] }> {
    const row = await this.deps.repository.get(userId, id);
    if (!row) throw new NotFoundError("No such bill.");
    const links = await this.deps.repository.linksOfBill(id);
    return { ...toBillDto(row.bill, row.document), links: links.map(toLinkDto) };
  }

  /** Deletes the bill and its links (the document stays in Drive). */
  async remove(userId: number, id: number): Promise<void> {
    if (!(await this.deps.repository.remove(userId, id))) throw new NotFoundError("No such bill.");
  }

  /** Links what arrived since the last run now (the job does the same); `full` looks at every bill again. */
  link(userId: number, options: { full?: boolean } = {}): Promise<LinkRunSummary> {
    return this.deps.linker.run(userId, options);
  }

  /**
   * Looks again at the unlinked bills around these transactions, which changed
   * without arriving (a debit put in health expenses by hand or by a new rule
   * may now settle an insurer's statement).
   */
  /** Looks again at every bill still unlinked (a rule made or removed may have moved any debit into health expenses). */
  linkOpen(userId: number): Promise<LinkRunSummary> {
    return this.deps.linker.run(userId, { around: { from: "1900-01-01", to: "2999-12-31" } });
  }

  async linkAround(userId: number, transactionIds: number[]): Promise<LinkRunSummary> {
    const dates = (await this.deps.repository.transactions(userId, transactionIds)).map((row) => row.bookingDate).sort();
    if (dates.length === 0) return { bills: 0, transactions: 0, made: 0, suggested: 0 };
    return this.deps.linker.run(userId, { around: { from: dates[0]!, to: dates[dates.length - 1]! } });
  }
}
