// A statement read as a stream of events, so an import of 100,000
// transactions never holds them all: each account's header comes first
// (what identifies it, its currency), then its transactions one at a time,
// then the account again, completed (balances, period). parseStatement is
// this stream collected.

import type { ParsedAccount, ParsedStatement, ParsedTransaction, StatementFormat } from "./types";

export type StatementEvent =
  /** An account starts: identity and currency are known; `transactions` stays empty. */
  | { kind: "account"; account: ParsedAccount }
  | { kind: "transaction"; transaction: ParsedTransaction }
  /** The same account object, completed (balances, period); `transactions` still empty. */
  | { kind: "accountEnd"; account: ParsedAccount }
  | { kind: "end"; format: StatementFormat; warnings: string[] };

export type StatementEvents = Generator<StatementEvent, void, undefined>;

/** Gathers a stream into one ParsedStatement (the transactions of each account in its array). */
export function collectStatement(events: StatementEvents): ParsedStatement {
  const accounts: ParsedAccount[] = [];
  let current: ParsedAccount | undefined;
  for (const event of events) {
    if (event.kind === "account") {
      current = event.account;
      accounts.push(current);
    } else if (event.kind === "transaction") {
      current!.transactions.push(event.transaction);
    } else if (event.kind === "end") {
      return { format: event.format, accounts, warnings: event.warnings };
    }
  }
  throw new Error("a statement stream ended without its end event");
}

/** A statement already read whole (QIF, CSV: small by nature) as a stream. */
export function* eventsOf(statement: ParsedStatement): StatementEvents {
  for (const account of statement.accounts) {
    const transactions = account.transactions;
    account.transactions = [];
    yield { kind: "account", account };
    for (const transaction of transactions) yield { kind: "transaction", transaction };
    yield { kind: "accountEnd", account };
  }
  yield { kind: "end", format: statement.format, warnings: statement.warnings };
}
