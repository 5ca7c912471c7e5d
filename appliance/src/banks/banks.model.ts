// Request and response shapes of the Banks API, and row -> DTO mappers.
// Money: integer minor units + ISO 4217 code; dates YYYY-MM-DD; instants epoch ms.
import { t } from "elysia";
import type { AccountSummary } from "./banks.service";
import type { BankTransactionRow } from "./banks.schema";

const nullable = <T extends Parameters<typeof t.Union>[0][number]>(schema: T) => t.Union([schema, t.Null()]);
const isoDate = t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

export const accountDto = t.Object({
  id: t.Number(),
  name: t.String(),
  bankId: nullable(t.String()),
  accountNumber: nullable(t.String()),
  iban: nullable(t.String()),
  currency: t.String(),
  type: nullable(t.String()),
  hasCsvMapping: t.Boolean(),
  createdAt: t.Number(),
  balance: t.Object({
    amountMinor: t.Number(),
    currency: t.String(),
    date: nullable(t.String()),
    source: t.Union([t.Literal("statement"), t.Literal("computed")]),
  }),
  lastStatement: nullable(t.Object({ date: t.String(), amountMinor: t.Number() })),
  transactionCount: t.Number(),
});

export const accountsResponse = t.Object({
  accounts: t.Array(accountDto),
  totals: t.Array(t.Object({ currency: t.String(), amountMinor: t.Number() })),
});

export function toAccountDto({ account, balance, lastStatement, transactionCount }: AccountSummary): typeof accountDto.static {
  return {
    id: account.id,
    name: account.name,
    bankId: account.bankId,
    accountNumber: account.accountNumber,
    iban: account.iban,
    currency: account.currency,
    type: account.type,
    hasCsvMapping: account.csvMapping !== null,
    createdAt: account.createdAt,
    balance,
    lastStatement,
    transactionCount,
  };
}

export const transactionDto = t.Object({
  id: t.Number(),
  accountId: t.Number(),
  importId: t.String(),
  bookingDate: t.String(),
  valueDate: nullable(t.String()),
  amountMinor: t.Number(),
  currency: t.String(),
  label: t.String(),
  rawLabel: t.String(),
  memo: nullable(t.String()),
  counterparty: nullable(t.String()),
  type: nullable(t.String()),
  note: nullable(t.String()),
  categoryId: nullable(t.Number()),
  categoryReason: nullable(t.String()),
  /** Who gave the category: manual (the person), rule, link (a credit linked as a health reimbursement), classifier; null when uncategorized. */
  categorySource: nullable(t.Union([t.Literal("manual"), t.Literal("rule"), t.Literal("link"), t.Literal("classifier")])),
  /** The account's balance after this transaction, where a statement anchors it. */
  balanceAfterMinor: nullable(t.Number()),
  createdAt: t.Number(),
});

export function toTransactionDto(row: BankTransactionRow): typeof transactionDto.static {
  const { userId: _user, importBatchId: _batch, ...shown } = row;
  return shown;
}

export const transactionsQuery = t.Object({
  account: t.Optional(t.Numeric({ minimum: 1 })),
  /** A category id, or "none" for uncategorized. */
  category: t.Optional(t.Union([t.Literal("none"), t.String({ pattern: "^[1-9][0-9]{0,9}$" })])),
  from: t.Optional(isoDate),
  to: t.Optional(isoDate),
  minAmount: t.Optional(t.Numeric()),
  maxAmount: t.Optional(t.Numeric()),
  q: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
  cursor: t.Optional(t.String({ minLength: 1, maxLength: 100 })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 500 })),
});

export const transactionPatch = t.Object(
  {
    note: t.Optional(nullable(t.String({ maxLength: 1000 }))),
    categoryId: t.Optional(nullable(t.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);

const csvRole = t.Union(
  ["date", "valueDate", "label", "memo", "amount", "debit", "credit", "balance", "currency", "ignore"].map((role) => t.Literal(role)),
);

export const csvMappingBody = t.Object(
  {
    encoding: t.Optional(t.Union([t.Literal("utf-8"), t.Literal("utf-16le"), t.Literal("utf-16be"), t.Literal("windows-1252")])),
    delimiter: t.Optional(t.Union([t.Literal(","), t.Literal(";"), t.Literal("\t"), t.Literal("|")])),
    decimalSeparator: t.Optional(t.Union([t.Literal("."), t.Literal(",")])),
    dateOrder: t.Optional(t.Union([t.Literal("dmy"), t.Literal("mdy"), t.Literal("ymd")])),
    hasHeader: t.Optional(t.Boolean()),
    skipRows: t.Optional(t.Integer({ minimum: 0, maximum: 100 })),
    columns: t.Array(t.Object({ index: t.Integer({ minimum: 0, maximum: 200 }), role: csvRole }, { additionalProperties: false }), { maxItems: 200 }),
    currency: t.Optional(t.String({ pattern: "^[A-Za-z]{3}$" })),
    debitIsPositive: t.Optional(t.Boolean()),
  },
  { additionalProperties: false },
);

export const previewRevisionBody = t.Object(
  {
    mapping: t.Optional(csvMappingBody),
    accounts: t.Optional(
      t.Array(
        t.Object(
          { index: t.Integer({ minimum: 0, maximum: 1000 }), accountId: t.Optional(t.Integer({ minimum: 1 })), name: t.Optional(t.String({ minLength: 1, maxLength: 100 })) },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
    /** Import ids of "unsure" transactions to import anyway. */
    include: t.Optional(t.Array(t.String({ maxLength: 300 }), { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);

export const uploadQuery = t.Object({
  name: t.Optional(t.String({ minLength: 1, maxLength: 255 })),
  account: t.Optional(t.Numeric({ minimum: 1 })),
});

const counts = t.Object({ new: t.Number(), known: t.Number(), knownById: t.Number(), knownByMatch: t.Number(), skipped: t.Number(), unsure: t.Number() });

export const importDto = t.Object({
  id: t.Number(),
  state: t.Union([t.Literal("preview"), t.Literal("committed"), t.Literal("cancelled")]),
  fileName: t.String(),
  format: t.String(),
  sizeBytes: t.Number(),
  sha256: t.String(),
  createdAt: t.Number(),
  expiresAt: t.Number(),
  warnings: t.Array(t.String()),
  csv: nullable(t.Object({ detection: t.Unknown(), mapping: t.Unknown() })),
  accounts: t.Array(
    t.Object({
      index: t.Number(),
      statement: t.Unknown(),
      match: t.Union([t.Literal("existing"), t.Literal("new"), t.Literal("pick")]),
      account: nullable(t.Object({ id: t.Number(), name: t.String() })),
      newAccountName: nullable(t.String()),
      counts,
      unsure: t.Array(t.Unknown()),
      skipped: t.Array(t.Object({ importId: t.String(), bookingDate: t.String(), amountMinor: t.Number(), label: t.String(), reason: t.String() })),
    }),
  ),
  totals: t.Object({ new: t.Number(), known: t.Number(), skipped: t.Number(), unsure: t.Number() }),
});

export const commitDto = t.Object({
  id: t.Number(),
  new: t.Number(),
  known: t.Number(),
  skipped: t.Number(),
  accounts: t.Array(t.Object({ index: t.Number(), accountId: t.Number() })),
});
