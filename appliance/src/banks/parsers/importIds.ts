// Import ids: the file's own id when it has one (FITID, AcctSvcrRef...),
// otherwise a stable hash of account + date + amount + raw label + the
// occurrence index among identical rows, so two identical coffees on one
// day stay two transactions and a re-import of the same file matches both.

import { createHash } from "node:crypto";
import type { ParsedAccount, ParsedTransaction } from "./types";

export type DraftTransaction = Omit<ParsedTransaction, "importId" | "importIdFromSource"> & { sourceId?: string };

export function hashImportId(accountKey: string, transaction: DraftTransaction, occurrence: number): string {
  const fields = [
    accountKey,
    transaction.bookingDate,
    String(transaction.amountMinor),
    transaction.currency,
    transaction.rawLabel,
    String(occurrence),
  ];
  return `hash:${createHash("sha256").update(fields.join("\u001f")).digest("hex").slice(0, 32)}`;
}

/**
 * Gives drafts their importId one at a time, in file order, so a statement
 * can be read as a stream. A source id seen twice in one account (some banks
 * repeat FITIDs) gets "#2", "#3"... so no movement is lost to dedup.
 */
export class ImportIdAssigner {
  private readonly seenIds = new Map<string, number>();
  private readonly seenRows = new Map<string, number>();

  constructor(
    private readonly accountKey: string,
    private readonly warnings: string[],
  ) {}

  /** Turns the draft into the transaction in place: no copy per row. */
  assign(draft: DraftTransaction): ParsedTransaction {
    const { sourceId } = draft;
    delete draft.sourceId;
    const transaction = draft as DraftTransaction & Pick<ParsedTransaction, "importId" | "importIdFromSource">;
    if (sourceId) {
      const count = (this.seenIds.get(sourceId) ?? 0) + 1;
      this.seenIds.set(sourceId, count);
      if (count === 2) this.warnings.push(`id ${sourceId} appears more than once (${draft.position}); kept each movement`);
      transaction.importId = count === 1 ? sourceId : `${sourceId}#${count}`;
      transaction.importIdFromSource = true;
      return transaction;
    }
    const rowKey = [draft.bookingDate, draft.amountMinor, draft.currency, draft.rawLabel].join("\u001f");
    const occurrence = this.seenRows.get(rowKey) ?? 0;
    this.seenRows.set(rowKey, occurrence + 1);
    transaction.importId = hashImportId(this.accountKey, draft, occurrence);
    transaction.importIdFromSource = false;
    return transaction;
  }
}

/** Gives every draft its importId (see ImportIdAssigner). */
export function assignImportIds(accountKey: string, drafts: DraftTransaction[], warnings: string[]): ParsedTransaction[] {
  const assigner = new ImportIdAssigner(accountKey, warnings);
  return drafts.map((draft) => assigner.assign(draft));
}

/** The account key used in hashes: the file's account id or IBAN, else the caller's. */
export function accountKeyOf(account: Pick<ParsedAccount, "accountId" | "iban">, fallback?: string): string {
  return account.iban ?? account.accountId ?? fallback ?? "";
}
