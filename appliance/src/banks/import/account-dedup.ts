// Dedup of one statement account while its transactions stream out of the
// parser: they are checked in batches, and before each batch the stored rows
// near its dates (the fuzzy window on both sides) are loaded, once each.
// What the batch holds goes into compact FreshRows; the objects are dropped.
import type { BanksRepository } from "../banks.repository";
import type { BankAccountRow } from "../banks.schema";
import type { ParsedTransaction } from "../parsers";
import { FreshRows } from "./commit-plan";
import { Deduplicator, FUZZY_WINDOW_DAYS, type UnsureMatch } from "./dedup";
import { shiftDate } from "./similarity";

const BATCH = 1_000;

/**
 * Reading a batch leaves megabytes of short-lived strings and nodes, which
 * the collector, left to itself, lets pile up: 100,000 CAMT entries peaked at
 * 270 MB, 143 MB with a full collection after each batch of 1,000 (196 MB
 * every 4,000; OFX: 205, 134, 149 MB). Resident memory is no guide to when
 * (freed pages stay resident), so it is by count. Each collection costs
 * ~15 ms of CPU: ~1.5 s per 100,000 transactions read.
 */
function collectGarbage(): void {
  Bun.gc(true);
}

export interface StreamedDedup {
  fresh: FreshRows;
  knownById: number;
  knownByMatch: number;
  unsure: UnsureMatch[];
}

export class AccountDedup {
  readonly fresh = new FreshRows();
  /** Transactions the statement holds for this account. */
  count = 0;
  private readonly passes: Deduplicator;
  private pending: ParsedTransaction[] = [];
  /** Dates whose stored rows are loaded, inclusive. */
  private loaded: { from: string; to: string } | null = null;

  constructor(
    private readonly repository: BanksRepository,
    private readonly target: BankAccountRow | null,
    include: ReadonlySet<string>,
  ) {
    this.passes = new Deduplicator(include);
  }

  /** Queues a transaction; true when a batch is full and flush() is due. */
  push(tx: ParsedTransaction): boolean {
    this.count++;
    this.pending.push(tx);
    return this.pending.length >= BATCH;
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    if (this.target) await this.loadAround(batch, this.target.id);
    for (const tx of batch) if (this.passes.isFresh(tx)) this.fresh.push(tx);
    if (batch.length === BATCH) collectGarbage();
  }

  async result(): Promise<StreamedDedup> {
    await this.flush();
    const { knownById, knownByMatch, unsure } = this.passes;
    return { fresh: this.fresh, knownById, knownByMatch, unsure };
  }

  /** Loads the stored rows between the batch's dates (widened by the fuzzy window) not loaded yet. */
  private async loadAround(batch: ParsedTransaction[], accountId: number): Promise<void> {
    let first = batch[0]!.bookingDate;
    let last = first;
    for (const tx of batch) {
      if (tx.bookingDate < first) first = tx.bookingDate;
      if (tx.bookingDate > last) last = tx.bookingDate;
    }
    const from = shiftDate(first, -FUZZY_WINDOW_DAYS);
    const to = shiftDate(last, FUZZY_WINDOW_DAYS);
    const loaded = this.loaded;
    if (!loaded) {
      this.passes.addExisting(await this.repository.existingBetween(accountId, from, to));
      this.loaded = { from, to };
      return;
    }
    if (from < loaded.from) this.passes.addExisting(await this.repository.existingBetween(accountId, from, shiftDate(loaded.from, -1)));
    if (to > loaded.to) this.passes.addExisting(await this.repository.existingBetween(accountId, shiftDate(loaded.to, 1), to));
    this.loaded = { from: from < loaded.from ? from : loaded.from, to: to > loaded.to ? to : loaded.to };
  }
}
