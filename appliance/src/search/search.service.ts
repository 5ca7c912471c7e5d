// The search capability: one full-text index (SQLite FTS5) of everything a
// person can find from the top bar. Files are indexed from the file events;
// the media pipeline adds what it extracts (setFileDetails); later
// capabilities (banks, bills) add their own rows (upsert/remove).
import type { FileEvent } from "../files";
import { ValidationError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { FileEventBatch, type PendingChanges } from "./file-event-batch";
import type { SearchHit, SearchRepository } from "./search.repository";
import { cleanText, markedToHtml, parseQuery } from "./search.query";

export type FileDocumentKind = "file" | "photo" | "video" | "document";

export interface FileDetails {
  kind?: FileDocumentKind;
  /** Extracted text (PDF, text file); stored up to BODY_MAX_CHARS. */
  body?: string;
  /** Words that describe the file: camera, lens, month and year taken… */
  meta?: string;
  /** The date the filters use (a photo's date taken), epoch ms. */
  date?: number;
}

export interface SearchDocument {
  /** Unique across capabilities, "<kind>:<id>"; `file:` is the files' own. */
  ref: string;
  userId: number;
  kind: string;
  title: string;
  path?: string | null;
  body?: string;
  meta?: string;
  date?: number | null;
}

export interface QueryOptions {
  kinds?: string[];
  from?: number;
  to?: number;
  limit?: number;
}

export interface SearchResult {
  ref: string;
  kind: string;
  title: string;
  /** HTML: the title escaped, matched words in <mark></mark> (no other tag). */
  titleHtml: string;
  /** Drive path, for files and folders; null otherwise. */
  path: string | null;
  /** HTML: a few words around the best match, escaped, matched words in <mark></mark>. */
  snippetHtml: string;
  /** Relevance, higher is better (FTS5 bm25, sign flipped). */
  score: number;
  date: number | null;
}

export interface SearchService {
  setFileDetails(userId: number, fileId: number, details: FileDetails): Promise<void>;
  upsert(doc: SearchDocument): Promise<void>;
  remove(ref: string): Promise<void>;
  query(userId: number, q: string, options?: QueryOptions): Promise<SearchResult[]>;
  rebuild(userId?: number): Promise<void>;
}

/**
 * Text kept per document (about ten pages). Beyond finding it, each result
 * found in its text costs a snippet, and FTS5 re-reads the whole text to make
 * one: about 3 ms for 100,000 characters here, 60 ms for a page of results.
 */
export const BODY_MAX_CHARS = 32_000;
const META_MAX_CHARS = 4_000;
const TITLE_MAX_CHARS = 1_000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** bm25 costs a few microseconds per matching document; beyond this many, a stage lists the newest instead of ranking. */
const RANKED_MATCHES_MAX = 500;
const REF = /^[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9._:-]{1,200}$/;
const KIND = /^[a-z][a-z0-9_-]{0,31}$/;

export interface FileEventSource {
  subscribe(listener: (event: FileEvent) => void): () => void;
}

export interface SearchDeps {
  repository: SearchRepository;
  clock: Clock;
  logger: Logger;
}

export class FullTextSearch implements SearchService {
  private readonly batch: FileEventBatch;
  private checking: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: SearchDeps) {
    this.batch = new FileEventBatch((changes) => this.applyFileChanges(changes), deps.logger);
  }

  /** Follows the file events; the listener is cheap, it only queues. */
  listen(events: FileEventSource): void {
    this.unsubscribe = events.subscribe((event) => this.batch.add(event));
  }

  /** Resolves once every file event received so far is in the index (and the start-up check is done). */
  async flush(): Promise<void> {
    await this.checking;
    await this.batch.flush();
  }

  /**
   * After the start-up scan: a person whose file count differs from the
   * index's (the box was updated from a release without search, or it lost
   * power with events still queued) is re-indexed, in the background.
   */
  start(): void {
    this.checking = this.batch.flush().then(() => this.repairCounts()).catch((error) => {
      this.deps.logger.error("search index check failed", { error: String(error) });
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.checking;
    await this.batch.stop();
  }

  async setFileDetails(userId: number, fileId: number, details: FileDetails): Promise<void> {
    if (details.kind !== undefined && !["file", "photo", "video", "document"].includes(details.kind)) {
      throw new ValidationError("kind", "A file's kind is file, photo, video or document.");
    }
    await this.deps.repository.describeFile(userId, fileId, {
      kind: details.kind,
      body: details.body === undefined ? undefined : cleanText(details.body, BODY_MAX_CHARS),
      meta: details.meta === undefined ? undefined : cleanText(details.meta, META_MAX_CHARS),
      date: details.date,
    }, this.deps.clock.now());
  }

  async upsert(doc: SearchDocument): Promise<void> {
    if (!REF.test(doc.ref) || doc.ref.startsWith("file:")) throw new ValidationError("ref", "A document's ref is \"<kind>:<id>\" and file: refs belong to the files.");
    if (!KIND.test(doc.kind)) throw new ValidationError("kind", "A document's kind is a short lower-case word.");
    await this.deps.repository.upsert({
      ref: doc.ref,
      userId: doc.userId,
      kind: doc.kind,
      title: cleanText(doc.title, TITLE_MAX_CHARS),
      path: doc.path ?? null,
      body: cleanText(doc.body ?? "", BODY_MAX_CHARS),
      meta: cleanText(doc.meta ?? "", META_MAX_CHARS),
      date: doc.date ?? null,
    }, this.deps.clock.now());
  }

  async remove(ref: string): Promise<void> {
    await this.deps.repository.remove(ref);
  }

  /**
   * Names first: documents whose name (or description) holds every word,
   * ranked by relevance, from the small names index; then the others (the
   * words in their folder or their text), newest first, from the full index,
   * whose walk stops as soon as enough are found. A name in thousands of
   * documents ("img", or "fa" while typing "facture") is listed newest first
   * too, so no keystroke waits for a large part of the index to be scored;
   * and while the word being typed has only two letters, names alone are
   * searched.
   */
  async query(userId: number, q: string, options: QueryOptions = {}): Promise<SearchResult[]> {
    const { match, namesOnly } = parseQuery(q);
    if (match === null) return [];
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
    const filter = { userId, match, kinds: options.kinds, from: options.from, to: options.to, limit };
    const many = await this.deps.repository.matchesMoreThan("names", match, RANKED_MATCHES_MAX);
    const byName = await this.deps.repository.hits("names", filter, many ? "newest" : "rank");
    if (byName.length >= limit || namesOnly) return byName.map(toResult);
    // The names already listed are left out in SQL, so no snippet is made for a row that is not shown.
    const others = await this.deps.repository.hits("all", { ...filter, limit: limit - byName.length, except: byName.map((hit) => hit.ref) }, "newest");
    return [...byName, ...others].map(toResult);
  }

  /** Re-reads the files table for one person; for everyone, also regenerates the FTS index itself from its documents. */
  async rebuild(userId?: number): Promise<void> {
    await this.batch.flush();
    await this.deps.repository.syncAllFiles(userId, this.deps.clock.now());
    if (userId === undefined) await this.deps.repository.rebuildIndex();
  }

  private async applyFileChanges(changes: PendingChanges): Promise<void> {
    await this.deps.repository.syncFiles(changes.fileIds, changes.folders, this.deps.clock.now());
  }

  private async repairCounts(): Promise<void> {
    for (const count of await this.deps.repository.fileCounts()) {
      if (count.files === count.documents) continue;
      this.deps.logger.info("search index out of step, re-indexing", { userId: count.userId, files: count.files, indexed: count.documents });
      await this.rebuild(count.userId);
    }
  }
}

function toResult(hit: SearchHit): SearchResult {
  return {
    ref: hit.ref,
    kind: hit.kind,
    title: hit.title,
    titleHtml: markedToHtml(hit.titleMarked ?? hit.title),
    path: hit.path,
    snippetHtml: markedToHtml(hit.snippetMarked ?? ""),
    score: Math.round(-hit.rank * 1000) / 1000,
    date: hit.date,
  };
}
