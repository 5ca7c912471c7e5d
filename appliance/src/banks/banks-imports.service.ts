// Statement imports: upload -> preview (nothing written but the import's own
// row) -> revise (mapping, account choices, unsure ones to include) -> commit
// (one transaction) or cancel. Previews expire after a day.
import { AppError, ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import type { BanksRepository } from "./banks.repository";
import type { BankImportRow } from "./banks.schema";
import { analyze, type Analysis } from "./import/analyze";
import type { CommitPlan, PlannedAccount } from "./import/commit-plan";
import { compact, identifiesAccount } from "./import/matching";
import type { AccountChoice, ImportPreview, PreviewState, StoredPreview } from "./import/preview";
import type { UploadStore } from "./import/upload";
import type { CsvMapping } from "./parsers";

export const PREVIEW_TTL_MS = 24 * 3_600_000;
const LARGE_STATEMENT_BYTES = 2 * 1024 * 1024;

export interface ImportsDeps {
  repository: BanksRepository;
  uploads: UploadStore;
  clock: Clock;
  logger: Logger;
  maxImportBytes: number;
}

/**
 * Runs after an import is committed (categorize, then link bills...), in the
 * order registered. A failing hook is logged: the import itself stands.
 */
export type ImportedHook = (userId: number, importId: number) => Promise<unknown>;

/** What the person may change in a preview. accounts[i]: an existing account id, or a name for a new one. */
export interface PreviewRevision {
  mapping?: CsvMapping;
  accounts?: { index: number; accountId?: number; name?: string }[];
  include?: string[];
}

export interface ImportView extends ImportPreview {
  id: number;
  state: BankImportRow["state"];
  fileName: string;
  format: string;
  sizeBytes: number;
  sha256: string;
  createdAt: number;
  expiresAt: number;
}

export interface CommitResult {
  id: number;
  new: number;
  known: number;
  skipped: number;
  accounts: { index: number; accountId: number }[];
}

export class BanksImportsService {
  private readonly importedHooks: ImportedHook[] = [];

  constructor(private readonly deps: ImportsDeps) {}

  /** Registers work to do on each committed import's transactions (they carry importBatchId = importId). */
  onImported(hook: ImportedHook): void {
    this.importedHooks.push(hook);
  }

  private async runImportedHooks(userId: number, importId: number): Promise<void> {
    for (const hook of this.importedHooks) {
      await hook(userId, importId).catch((error) => this.deps.logger.error("banks: after-import work failed", { userId, importId, error: String(error) }));
    }
  }

  async upload(userId: number, fileName: string, chunks: AsyncIterable<Uint8Array>, declaredBytes: number | null, accountId?: number): Promise<ImportView> {
    await this.cleanExpired();
    const stored = await this.deps.uploads.receive(chunks, declaredBytes, this.deps.maxImportBytes);
    try {
      const state: PreviewState = { choices: accountId ? [{ accountId }] : [], mapping: null, include: [] };
      const analysis = await this.analyzeFile(userId, stored.path, fileName, state);
      const now = this.deps.clock.now();
      const row = await this.deps.repository.insertImport({
        userId, fileName, format: analysis.format, sha256: stored.sha256, sizeBytes: stored.sizeBytes, storedPath: stored.path,
        state: "preview", preview: JSON.stringify(analysis.preview), ...countsOf(analysis.preview), createdAt: now, expiresAt: now + PREVIEW_TTL_MS,
      });
      return viewOf(row, analysis.preview);
    } catch (error) {
      await this.deps.uploads.discard(stored.path);
      throw error;
    }
  }

  async get(userId: number, id: number): Promise<ImportView> {
    const row = await this.find(userId, id);
    return viewOf(row, JSON.parse(row.preview) as StoredPreview);
  }

  async revise(userId: number, id: number, revision: PreviewRevision): Promise<ImportView> {
    const row = await this.open(userId, id);
    const analysis = await this.analyzeFile(userId, row.storedPath!, row.fileName, revisedState(row, revision));
    const expiresAt = this.deps.clock.now() + PREVIEW_TTL_MS;
    await this.deps.repository.updateImport(row.id, { preview: JSON.stringify(analysis.preview), ...countsOf(analysis.preview), expiresAt });
    return viewOf({ ...row, expiresAt }, analysis.preview);
  }

  async commit(userId: number, id: number, revision: PreviewRevision = {}): Promise<CommitResult> {
    const row = await this.open(userId, id);
    // A large statement is read again below: free the last reading first, so a Pi holds one at a time, not two.
    if (row.sizeBytes > LARGE_STATEMENT_BYTES) Bun.gc(true);
    const analysis = await this.analyzeFile(userId, row.storedPath!, row.fileName, revisedState(row, revision));
    const missing = analysis.accounts.findIndex((account) => account.choice === null);
    if (missing >= 0) throw new ValidationError("accounts", `Choose the account for statement account ${missing} (an existing one, or a name for a new one).`);
    const plan = planOf(row, analysis, this.deps.clock.now());
    try {
      await this.deps.repository.commit(plan);
    } catch (error) {
      if (String(error).includes("malformed JSON")) throw alreadyDone();
      throw error;
    }
    await this.deps.uploads.discard(row.storedPath);
    this.deps.logger.info("bank statement imported", { userId, importId: row.id, format: row.format, ...plan.counts });
    await this.runImportedHooks(userId, row.id);
    const accounts = await this.deps.repository.accounts(userId);
    return {
      id: row.id,
      new: plan.counts.newCount,
      known: plan.counts.knownCount,
      skipped: plan.counts.skippedCount,
      accounts: analysis.accounts.map((account, index) => ({ index, accountId: resolvedId(account.choice!, accounts) })),
    };
  }

  async cancel(userId: number, id: number): Promise<void> {
    const row = await this.open(userId, id);
    await this.deps.repository.updateImport(row.id, { state: "cancelled", storedPath: null });
    await this.deps.uploads.discard(row.storedPath);
  }

  /** Previews nobody committed in time: their files go, their rows say cancelled. */
  async cleanExpired(): Promise<number> {
    const expired = await this.deps.repository.expiredPreviews(this.deps.clock.now());
    for (const row of expired) {
      await this.deps.repository.updateImport(row.id, { state: "cancelled", storedPath: null });
      await this.deps.uploads.discard(row.storedPath);
    }
    await this.deps.uploads.removeStrays(await this.deps.repository.storedPaths(), this.deps.clock.now(), 3_600_000);
    return expired.length;
  }

  private async find(userId: number, id: number): Promise<BankImportRow> {
    const row = await this.deps.repository.importById(userId, id);
    if (!row) throw new NotFoundError("No such import.");
    return row;
  }

  /** An import still in preview, not expired. */
  private async open(userId: number, id: number): Promise<BankImportRow> {
    const row = await this.find(userId, id);
    if (row.state !== "preview" || !row.storedPath) throw alreadyDone(row.state);
    if (row.expiresAt < this.deps.clock.now()) {
      await this.cleanExpired();
      throw new AppError(410, "import_expired", "This preview has expired; upload the statement again.");
    }
    return row;
  }

  private async analyzeFile(userId: number, path: string, fileName: string, state: PreviewState): Promise<Analysis> {
    return analyze(this.deps.repository, { userId, file: path, fileName, maxBytes: this.deps.maxImportBytes, state });
  }
}

function alreadyDone(state: string = "committed"): ConflictError {
  return new ConflictError(`import_${state}`, `This import is already ${state}.`);
}

function countsOf(preview: ImportPreview) {
  return { newCount: preview.totals.new, knownCount: preview.totals.known, skippedCount: preview.totals.skipped };
}

function viewOf(row: BankImportRow, preview: StoredPreview): ImportView {
  const { state: _memory, ...shown } = preview;
  return {
    id: row.id, state: row.state, fileName: row.fileName, format: row.format, sizeBytes: row.sizeBytes, sha256: row.sha256,
    createdAt: row.createdAt, expiresAt: row.expiresAt, ...shown,
  };
}

function revisedState(row: BankImportRow, revision: PreviewRevision): PreviewState {
  const { state, accounts } = JSON.parse(row.preview) as StoredPreview;
  const choices = [...state.choices];
  for (const pick of revision.accounts ?? []) {
    if (pick.index >= accounts.length) throw new ValidationError("accounts", `This statement has ${accounts.length} account(s); there is no account ${pick.index}.`);
    const current = choices[pick.index];
    if (pick.accountId !== undefined) choices[pick.index] = { accountId: pick.accountId };
    else if (pick.name !== undefined) {
      const importKey = current && "create" in current ? current.create.importKey : `acct-${crypto.randomUUID().replaceAll("-", "")}`;
      choices[pick.index] = { create: { name: pick.name, importKey } };
    }
  }
  return { choices, mapping: revision.mapping ?? state.mapping, include: revision.include ?? state.include };
}

function resolvedId(choice: AccountChoice, accounts: { id: number; importKey: string }[]): number {
  if ("accountId" in choice) return choice.accountId;
  return accounts.find((account) => account.importKey === choice.create.importKey)?.id ?? 0;
}

function planOf(row: BankImportRow, analysis: Analysis, now: number): CommitPlan {
  const planned: PlannedAccount[] = analysis.accounts.map(({ parsed, choice, target, dedup }) => {
    const iban = compact(parsed.iban);
    // QIF/CSV "account ids" are our own import key or a QIF block name; a CAMT account id may repeat the IBAN.
    const number = identifiesAccount(analysis.format) ? compact(parsed.accountId) : null;
    const identity = { iban, accountNumber: number === iban ? null : number, bankId: compact(parsed.bankId) };
    const fill = target ? Object.fromEntries(Object.entries(identity).filter(([key, value]) => value && !target[key as keyof typeof identity])) : {};
    const create = choice && "create" in choice
      ? { ...choice.create, ...identity, currency: parsed.currency, type: parsed.accountType ?? null }
      : null;
    const csvMapping = analysis.mapping ? JSON.stringify(analysis.mapping) : null;
    return { existingId: target?.id ?? null, create, fill, csvMapping, transactions: dedup.fresh, balances: parsed.balances };
  });
  const totals = analysis.preview.totals;
  return { userId: row.userId, importId: row.id, now, counts: { newCount: totals.new, knownCount: totals.known, skippedCount: totals.skipped }, accounts: planned };
}
