// CAMT.053 (ISO 20022 bank-to-customer statement, versions 02 to 08) ->
// ParsedStatement: one ParsedAccount per <Stmt>, with its balances and entries.

import { accountKeyOf, ImportIdAssigner } from "../importIds";
import { bytesSource, type ByteSource } from "../source";
import { collectStatement, type StatementEvent, type StatementEvents } from "../stream";
import { StatementError, type ParsedAccount, type ParseOptions, type ParsedStatement } from "../types";
import { DeclarationGuard } from "../xml";
import { checkNamespace, isBooked, readAccount, readBalances } from "./account";
import type { CamtContext } from "./common";
import { decodeXmlPieces } from "./decode";
import { readEntry } from "./entries";
import { XmlTreeReader, type ElementHandlers, type OpenElement, type XmlValue } from "./tree";

export function parseCamt053(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  return collectStatement(camtEvents(bytesSource(bytes), options));
}

/**
 * Reads a CAMT.053 message as a stream: the text is decoded and parsed a
 * piece at a time, each <Ntry> is read as it closes and dropped, and a
 * statement's account goes out with its first booked entry (its <Acct> and
 * <Bal> come before the entries).
 */
export function* camtEvents(source: ByteSource, options: ParseOptions = {}): StatementEvents {
  const reading = new CamtReading(options);
  const reader = new XmlTreeReader("camt053", reading);
  const guard = new DeclarationGuard("camt053");
  for (const piece of decodeXmlPieces(source, "camt053")) {
    guard.check(piece);
    reader.write(piece);
    yield* reading.drain();
  }
  const openEntry = reader.openElements.find((element) => element.name === "Ntry");
  if (openEntry) throw new StatementError("camt053", `line ${openEntry.line}`, "an entry (<Ntry>) is never closed; the file looks truncated");
  reader.end();
  yield* reading.drain();
  yield { kind: "end", format: "camt053", warnings: reading.finalWarnings() };
}

interface OpenStatement {
  path: string;
  entries: number;
  account?: ParsedAccount;
  ids?: ImportIdAssigner;
}

/** What the reader hands over as elements close: entries become transactions, statements accounts. */
class CamtReading implements ElementHandlers {
  private readonly context: CamtContext = { warnings: [], rounded: [] };
  private readonly queue: StatementEvent[] = [];
  private namespaceSeen = false;
  private statements = 0;
  private current: OpenStatement | undefined;

  constructor(private readonly options: ParseOptions) {}

  open(_name: string, attributes: Record<string, string>): void {
    if (this.namespaceSeen) return;
    for (const key in attributes) {
      if (key === "xmlns" || key.startsWith("xmlns:")) this.namespaceSeen ||= checkNamespace(attributes[key] ?? "");
    }
  }

  close(name: string, value: XmlValue, line: number, parents: readonly OpenElement[]): boolean {
    if (name === "Ntry") {
      const statement = parents[parents.length - 1];
      if (statement?.name !== "Stmt" || !inReport(parents.slice(0, -1))) {
        throw new StatementError("camt053", `line ${line}`, "an entry (<Ntry>) stands outside any statement");
      }
      this.entry(value, statement.node);
      return true;
    }
    if (name === "Stmt" && inReport(parents)) {
      this.finishStatement(value);
      return true;
    }
    return false;
  }

  *drain(): StatementEvents {
    for (const event of this.queue) yield event;
    this.queue.length = 0;
  }

  finalWarnings(): string[] {
    const { warnings, rounded } = this.context;
    if (this.statements === 0) {
      throw new StatementError("camt053", "Document/BkToCstmrStmt", "the message holds no statement (no <Stmt> element)");
    }
    if (!this.namespaceSeen) warnings.unshift("no ISO 20022 camt.053 namespace declared; read as camt.053");
    if (rounded.length > 0) warnings.push(`${rounded.length} amounts had more decimals than their currency and were rounded (first: ${rounded[0]})`);
    return warnings;
  }

  private statement(): OpenStatement {
    this.current ??= { path: `Stmt[${++this.statements}]`, entries: 0 };
    return this.current;
  }

  private entry(ntry: XmlValue, statementNode: unknown): void {
    const statement = this.statement();
    const path = `${statement.path}/Ntry[${++statement.entries}]`;
    if (!isBooked(ntry, path, this.context)) return;
    const drafts = readEntry(ntry, path, this.context);
    if (!statement.account) this.openAccount(statementNode, statement, drafts[0]?.currency);
    for (const draft of drafts) this.queue.push({ kind: "transaction", transaction: statement.ids!.assign(draft) });
  }

  private openAccount(node: unknown, statement: OpenStatement, entryCurrency: string | undefined): void {
    const account = readAccount(node, statement.path, this.context, this.options, entryCurrency);
    statement.account = account;
    statement.ids = new ImportIdAssigner(accountKeyOf(account, this.options.accountId), this.context.warnings);
    this.queue.push({ kind: "account", account });
  }

  /** The statement has closed: its account if no entry sent it, its balances as the whole statement gives them, its end. */
  private finishStatement(node: XmlValue): void {
    const statement = this.statement();
    if (!statement.account) this.openAccount(node, statement, undefined);
    const account = statement.account!;
    account.balances = readBalances(node, statement.path, this.context);
    this.queue.push({ kind: "accountEnd", account });
    this.current = undefined;
  }
}

/** Parents of a statement: Document, then BkToCstmrStmt. */
function inReport(parents: readonly OpenElement[]): boolean {
  return parents.length === 2 && parents[0]?.name === "Document" && parents[1]?.name === "BkToCstmrStmt";
}
