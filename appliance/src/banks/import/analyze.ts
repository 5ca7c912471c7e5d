// Reads a stored statement with the person's current choices and compares it
// with the database, writing nothing: the preview and the commit both start
// here, so what is committed is exactly what the last preview said.
import { randomBytes } from "node:crypto";
import { ValidationError } from "../../shared/errors";
import type { BanksRepository } from "../banks.repository";
import type { BankAccountRow } from "../banks.schema";
import { detectCsv, fileSource, HEAD_BYTES, sniffFormat, statementEvents, type ByteSource, StatementError, type CsvDetection, type CsvMapping, type ParsedAccount, type StatementEvents, type StatementFormat } from "../parsers";
import { AccountDedup, type StreamedDedup } from "./account-dedup";
import { compact, findAccount, identifiesAccount, proposedName } from "./matching";
import { describeAccount, mappingFromDetection, totalsOf, type AccountChoice, type PreviewState, type StoredPreview } from "./preview";

export interface AnalyzedAccount {
  /** The statement account's details; its transactions went by as a stream (transactions stays empty). */
  parsed: ParsedAccount;
  /** How many transactions the statement holds for it. */
  transactionCount: number;
  choice: AccountChoice | null;
  target: BankAccountRow | null;
  dedup: StreamedDedup;
}

export interface Analysis {
  format: StatementFormat;
  preview: StoredPreview;
  accounts: AnalyzedAccount[];
  /** The CSV mapping used, to remember on the account. */
  mapping: CsvMapping | null;
}

export interface AnalyzeInput {
  userId: number;
  /** The stored statement, read from disk as the format needs (a CAMT file a piece at a time). */
  file: string;
  fileName: string;
  maxBytes: number;
  state: PreviewState;
}

export function newImportKey(): string {
  return `acct-${randomBytes(12).toString("hex")}`;
}

function createChoice(parsed: ParsedAccount, format: StatementFormat, fileName: string): AccountChoice {
  return { create: { name: proposedName(parsed, format, fileName), importKey: newImportKey() } };
}

/** The person's choice, else the account the statement names, else a new one; QIF and CSV need a pick once accounts exist. */
function resolveChoice(stored: AccountChoice | null | undefined, parsed: ParsedAccount, format: StatementFormat, fileName: string, accounts: BankAccountRow[]): AccountChoice | null {
  if (stored) return stored;
  const found = findAccount(parsed, format, accounts);
  if (found) return { accountId: found.id };
  if (identifiesAccount(format) || accounts.length === 0) return createChoice(parsed, format, fileName);
  return null;
}

function targetOf(choice: AccountChoice | null, accounts: BankAccountRow[]): BankAccountRow | null {
  if (!choice || "create" in choice) return null;
  const target = accounts.find((row) => row.id === choice.accountId);
  if (!target) throw new ValidationError("accounts", `There is no account ${choice.accountId}.`);
  return target;
}

function csvMappingFor(detection: CsvDetection, state: PreviewState, target: BankAccountRow | null): CsvMapping {
  const remembered = target?.csvMapping ? (JSON.parse(target.csvMapping) as CsvMapping) : null;
  // The account part of hashed ids always comes from options.accountId, never a mapping.
  const { accountId: _ignored, ...mapping } = state.mapping ?? remembered ?? mappingFromDetection(detection);
  return mapping;
}

function checkCurrency(parsed: ParsedAccount, target: BankAccountRow | null): void {
  if (target && target.currency !== parsed.currency) {
    throw new ValidationError("accounts", `The account "${target.name}" holds ${target.currency}; this statement is in ${parsed.currency}.`);
  }
}

interface Reading {
  events: StatementEvents;
  csv: StoredPreview["csv"];
  firstChoice: AccountChoice | null;
}

/** QIF and CSV carry no account: the destination is chosen first, its key goes into the hashed ids. */
function readWithChoices(input: AnalyzeInput, source: ByteSource, format: StatementFormat, accounts: BankAccountRow[]): Reading {
  const options = { maxBytes: input.maxBytes };
  if (identifiesAccount(format)) return { events: statementEvents(source, input.fileName, options), csv: null, firstChoice: null };
  const placeholder: ParsedAccount = { currency: "EUR", balances: [], transactions: [] };
  const firstChoice = resolveChoice(input.state.choices[0], placeholder, format, input.fileName, accounts);
  const target = targetOf(firstChoice, accounts);
  const accountId = target?.importKey ?? (firstChoice && "create" in firstChoice ? firstChoice.create.importKey : newImportKey());
  const bytes = source.all(); // QIF and CSV are read whole
  if (format !== "csv") return { events: statementEvents(bytes, input.fileName, { ...options, accountId }), csv: null, firstChoice };
  const detection = detectCsv(bytes, options);
  const mapping = csvMappingFor(detection, input.state, target);
  const events = statementEvents(bytes, input.fileName, { ...options, accountId, csvMapping: mapping });
  return { events, csv: { detection, mapping }, firstChoice };
}

interface OpenAccount {
  choice: AccountChoice | null;
  target: BankAccountRow | null;
  dedup: AccountDedup;
}

/**
 * Reads the statement once, as a stream: each account's destination is
 * settled when its header comes, its transactions are deduplicated in
 * batches as they come, and only counts and the rows to write are kept.
 */
export async function analyze(repository: BanksRepository, input: AnalyzeInput): Promise<Analysis> {
  const source = fileSource(input.file);
  if (source.size === 0) throw new StatementError("unknown", "whole file", "the file is empty");
  const format = sniffFormat(source.head(HEAD_BYTES), input.fileName);
  const accounts = await repository.accounts(input.userId);
  const { events, csv, firstChoice } = readWithChoices(input, source, format, accounts);
  const include = new Set(input.state.include);
  const analyzed: AnalyzedAccount[] = [];
  let open: OpenAccount | null = null;
  let warnings: string[] = [];
  for (const event of events) {
    if (event.kind === "account") {
      const index = analyzed.length;
      const choice = index === 0 && firstChoice ? firstChoice : resolveChoice(input.state.choices[index], event.account, format, input.fileName, accounts);
      const target = targetOf(choice, accounts);
      checkCurrency(event.account, target);
      open = { choice, target, dedup: new AccountDedup(repository, target, include) };
    } else if (event.kind === "transaction") {
      if (open!.dedup.push(event.transaction)) await open!.dedup.flush();
    } else if (event.kind === "accountEnd") {
      const { choice, target, dedup } = open!;
      analyzed.push({ parsed: event.account, transactionCount: dedup.count, choice, target, dedup: await dedup.result() });
    } else {
      warnings = event.warnings;
    }
  }
  const described = analyzed.map((item, index) => describeAccount(index, item.parsed, item.transactionCount, item.choice, item.target, item.dedup));
  const state: PreviewState = { ...input.state, choices: analyzed.map((item) => item.choice) };
  return {
    format,
    accounts: analyzed,
    mapping: csv?.mapping ?? null,
    preview: { warnings, csv, accounts: described, totals: totalsOf(described), state },
  };
}

export { compact };
