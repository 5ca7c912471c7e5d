// Bills' and links' HTTP shapes (typebox) and the row -> DTO mappers.
import { t } from "elysia";
import type { BankBillLinkRow, BankBillRow } from "../banks-bills.schema";

const date = t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const nullableDate = t.Union([date, t.Null()]);
const minor = t.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: "Minor units (cents)" });
const role = t.Union([t.Literal("payment"), t.Literal("reimbursement")]);

export const documentDto = t.Union([t.Object({ fileId: t.Integer(), name: t.String(), path: t.String() }), t.Null()]);

export const billDto = t.Object({
  id: t.Integer(),
  fileId: t.Union([t.Integer(), t.Null()]),
  vendor: t.String(),
  type: t.String(),
  date: t.String(),
  amountMinor: t.Integer(),
  currency: t.String(),
  originalAmountMinor: t.Union([t.Integer(), t.Null()]),
  originalDate: t.Union([t.String(), t.Null()]),
  source: t.String(),
  createdAt: t.Integer(),
  /** The document in Drive: open it with /api/files/content?path=, its thumbnail with /api/media/thumbnail?id=. */
  document: documentDto,
});

const linkFields = {
  id: t.Integer(),
  billId: t.Integer(),
  transactionId: t.Integer(),
  role,
  state: t.Union([t.Literal("auto"), t.Literal("manual"), t.Literal("suggested"), t.Literal("removed")]),
  amountMinor: t.Integer(),
  score: t.Union([t.Integer(), t.Null()]),
  /** JSON: {"amount":"same"|"within","days":3,"label":"ENGIE"|null,"group":2|null}. */
  explanation: t.Union([t.String(), t.Null()]),
};

export const linkDto = t.Object(linkFields);
export const billWithLinksDto = t.Composite([billDto, t.Object({ links: t.Array(linkDto) })]);
export const linkWithBillDto = t.Object({ ...linkFields, bill: billDto });

export const reimbursementDto = t.Object({
  transactionId: t.Integer(),
  status: t.Union([t.Literal("reimbursed"), t.Literal("partly"), t.Literal("awaiting")]),
  /** What the expense cost. */
  expectedMinor: t.Integer(),
  /** What the linked reimbursement credits brought back. */
  receivedMinor: t.Integer(),
  currency: t.String(),
});

export const linksResponse = t.Object({ links: t.Array(linkWithBillDto), reimbursements: t.Array(reimbursementDto) });

export const billBody = t.Object({
  fileId: t.Optional(t.Union([t.Integer({ minimum: 1 }), t.Null()])),
  vendor: t.String({ minLength: 1, maxLength: 200 }),
  type: t.String({ pattern: "^[a-z][a-z0-9_]{0,39}$", description: "health_costs, phone, energy, internet, insurance, rent, tax, other..." }),
  date,
  amountMinor: minor,
  currency: t.String({ pattern: "^[A-Za-z]{3}$" }),
  originalAmountMinor: t.Optional(t.Union([minor, t.Null()])),
  originalDate: t.Optional(nullableDate),
  source: t.Optional(t.String({ pattern: "^[a-z0-9][a-z0-9._-]{0,63}$", description: '"person" (the default) or a connector\'s slug' })),
  sourceRef: t.Optional(t.Union([t.String({ minLength: 1, maxLength: 200 }), t.Null()])),
});

export const billsQuery = t.Object({
  from: t.Optional(date),
  to: t.Optional(date),
  type: t.Optional(t.String({ maxLength: 40 })),
  linked: t.Optional(t.Union([t.Literal("true"), t.Literal("false")])),
  cursor: t.Optional(t.String({ maxLength: 200 })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 500 })),
});

export const linkBody = t.Object({ billId: t.Integer({ minimum: 1 }), transactionId: t.Integer({ minimum: 1 }), role });

export const linksQuery = t.Object({ transactionIds: t.String({ minLength: 1, maxLength: 20_000, description: "Comma-separated transaction ids, at most 500" }) });

export type BillDto = typeof billDto.static;
export type LinkDto = typeof linkDto.static;
export type BillInput = typeof billBody.static;
export type ReimbursementDto = typeof reimbursementDto.static;

export interface BillDocument {
  fileId: number;
  name: string;
  path: string;
}

export function toBillDto(row: BankBillRow, document: BillDocument | null): BillDto {
  return {
    id: row.id, fileId: row.fileId, vendor: row.vendor, type: row.type, date: row.date, amountMinor: row.amountMinor, currency: row.currency,
    originalAmountMinor: row.originalAmountMinor, originalDate: row.originalDate, source: row.source, createdAt: row.createdAt, document,
  };
}

export function toLinkDto(row: BankBillLinkRow): LinkDto {
  return { id: row.id, billId: row.billId, transactionId: row.transactionId, role: row.role, state: row.state, amountMinor: row.amountMinor, score: row.score, explanation: row.explanation };
}
