// SQL of the search index. Documents are rows of search_documents; the FTS5
// table search_index follows them through triggers (migration
// 0008_search_index). Files are copied from the files table with one
// INSERT … SELECT per batch, so indexing 100,000 files is a handful of
// statements, not 100,000 round trips.
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { MARK_END, MARK_START } from "./search.query";

/**
 * The two full-text indexes: `names` holds titles and descriptive words only
 * (small, cheap to rank), `all` also folders and extracted text. Column
 * weights for bm25: a word in the name counts most, then the words describing
 * it, then its folder, then its text.
 */
const INDEXES = {
  names: { table: sql.raw("search_names"), rank: "bm25(10.0, 4.0)" },
  all: { table: sql.raw("search_index"), rank: "bm25(10.0, 3.0, 1.0, 4.0)" },
} as const;
export type IndexName = keyof typeof INDEXES;
/** Words of context around a match in a snippet. */
const SNIPPET_WORDS = 12;
/** Ids per statement: well under SQLite's variable limit, short enough to keep each statement quick. */
const IDS_PER_STATEMENT = 500;
/** Files re-indexed per write transaction by a rebuild. */
const FILES_PER_TRANSACTION = 5_000;

export interface SearchHit {
  ref: string;
  kind: string;
  title: string;
  path: string | null;
  date: number | null;
  titleMarked: string;
  snippetMarked: string;
  rank: number;
}

export interface HitFilter {
  userId: number;
  match: string;
  kinds?: string[];
  from?: number;
  to?: number;
  limit: number;
  /** Refs to leave out (already shown). */
  except?: string[];
}

export interface DocumentInput {
  ref: string;
  userId: number;
  kind: string;
  title: string;
  path: string | null;
  body: string;
  meta: string;
  date: number | null;
}

export interface FileDetailsInput {
  kind?: string;
  body?: string;
  meta?: string;
  date?: number;
}

/** A file's search kind guessed from its row; the media pipeline may later say better (setFileDetails). */
const FILE_KIND = sql.raw(`CASE
  WHEN f.kind = 'folder' THEN 'folder'
  WHEN f.mime LIKE 'image/%' THEN 'photo'
  WHEN f.mime LIKE 'video/%' THEN 'video'
  WHEN f.mime = 'application/pdf' OR f.mime LIKE 'text/%' OR f.mime = 'application/rtf' OR f.mime = 'application/msword'
    OR f.mime LIKE 'application/vnd.openxmlformats-officedocument.%' OR f.mime LIKE 'application/vnd.oasis.opendocument.%' THEN 'document'
  ELSE 'file' END`);

/** Copies the file rows matching `where` (over alias f) into documents; described kinds and dates are kept. */
function upsertFiles(where: SQL, now: number): SQL {
  return sql`INSERT INTO search_documents (ref, user_id, file_id, kind, title, path, date, updated_at)
    SELECT 'file:' || f.id, f.user_id, f.id, ${FILE_KIND}, f.name, f.path, f.mtime, ${now}
    FROM files f WHERE (${where}) AND f.path <> '/'
    ON CONFLICT (ref) DO UPDATE SET
      title = excluded.title, path = excluded.path,
      kind = CASE WHEN search_documents.described THEN search_documents.kind ELSE excluded.kind END,
      date = CASE WHEN search_documents.described THEN search_documents.date ELSE excluded.date END,
      updated_at = excluded.updated_at
    WHERE search_documents.title IS NOT excluded.title OR search_documents.path IS NOT excluded.path
      OR (NOT search_documents.described AND (search_documents.kind IS NOT excluded.kind OR search_documents.date IS NOT excluded.date))`;
}

/** Removes file documents in `scope` whose file is gone or is no longer at the document's path. */
function removeStaleFiles(scope: SQL): SQL {
  return sql`DELETE FROM search_documents WHERE file_id IS NOT NULL AND (${scope})
    AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = search_documents.file_id AND f.path = search_documents.path)`;
}

/** `path` itself and everything under it, as an index range (no LIKE: names may hold % and _). */
function underPath(column: SQL, path: string): SQL {
  return sql`(${column} = ${path} OR (${column} > ${`${path}/`} AND ${column} < ${`${path}0`}))`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class SearchRepository {
  constructor(private readonly db: Database) {}

  /** Brings the documents of these files, and of everything under these folders, in line with the files table: one transaction. */
  async syncFiles(fileIds: number[], folders: { userId: number; path: string }[], now: number): Promise<void> {
    const statements: SQL[] = [];
    for (const ids of chunks(fileIds, IDS_PER_STATEMENT)) {
      statements.push(upsertFiles(sql`f.id IN ${ids}`, now), removeStaleFiles(sql`file_id IN ${ids}`));
    }
    for (const { userId, path } of folders) {
      statements.push(upsertFiles(sql`f.user_id = ${userId} AND ${underPath(sql.raw("f.path"), path)}`, now));
    }
    await this.run(statements);
  }

  /**
   * Re-reads every file of one person (or of everyone), FILES_PER_TRANSACTION
   * at a time: re-indexing 100,000 files on a Pi must not hold the database's
   * one write lock longer than other writers wait for it (busy_timeout).
   */
  async syncAllFiles(userId: number | undefined, now: number): Promise<void> {
    const fileScope = userId === undefined ? sql`1` : sql`f.user_id = ${userId}`;
    for (let after = 0; ; ) {
      const rows = await this.db.all<{ id: number }>(sql`SELECT f.id AS id FROM files f WHERE ${fileScope} AND f.id > ${after} ORDER BY f.id LIMIT ${FILES_PER_TRANSACTION}`);
      if (rows.length === 0) break;
      const ids = rows.map((row) => row.id);
      await this.run(chunks(ids, IDS_PER_STATEMENT).map((chunk) => upsertFiles(sql`f.id IN ${chunk}`, now)));
      after = ids[ids.length - 1]!;
    }
    // Then what is gone, or no longer where its document says.
    await this.run([removeStaleFiles(userId === undefined ? sql`1` : sql`user_id = ${userId}`)]);
  }

  /** Regenerates the whole FTS index from the documents (recovery from a damaged index), then merges its segments. */
  async rebuildIndex(): Promise<void> {
    const statements = Object.values(INDEXES).flatMap(({ table }) => [sql`INSERT INTO ${table} (${table}) VALUES ('rebuild')`, sql`INSERT INTO ${table} (${table}) VALUES ('optimize')`]);
    await this.run(statements);
  }

  /** Per person: how many files exist and how many file documents the index holds. */
  async fileCounts(): Promise<{ userId: number; files: number; documents: number }[]> {
    return this.db.all(sql`SELECT u.id AS userId,
        (SELECT count(*) FROM files f WHERE f.user_id = u.id AND f.path <> '/') AS files,
        (SELECT count(*) FROM search_documents d WHERE d.user_id = u.id AND d.file_id IS NOT NULL) AS documents
      FROM users u`);
  }

  /** Attaches what the media pipeline found to a file's document (creating the document first if its event is still queued). */
  async describeFile(userId: number, fileId: number, details: FileDetailsInput, now: number): Promise<void> {
    const sets: SQL[] = [sql`updated_at = ${now}`];
    if (details.body !== undefined) sets.push(sql`body = ${details.body}`);
    if (details.meta !== undefined) sets.push(sql`meta = ${details.meta}`);
    if (details.kind !== undefined) sets.push(sql`kind = ${details.kind}`);
    if (details.date !== undefined) sets.push(sql`date = ${details.date}`);
    if (details.kind !== undefined || details.date !== undefined) sets.push(sql`described = 1`);
    await this.run([
      upsertFiles(sql`f.id = ${fileId} AND f.user_id = ${userId}`, now),
      sql`UPDATE search_documents SET ${sql.join(sets, sql`, `)} WHERE ref = ${`file:${fileId}`} AND user_id = ${userId}`,
    ]);
  }

  async upsert(doc: DocumentInput, now: number): Promise<void> {
    await this.db.run(sql`INSERT INTO search_documents (ref, user_id, kind, title, path, body, meta, date, described, updated_at)
      VALUES (${doc.ref}, ${doc.userId}, ${doc.kind}, ${doc.title}, ${doc.path}, ${doc.body}, ${doc.meta}, ${doc.date}, 1, ${now})
      ON CONFLICT (ref) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind, title = excluded.title, path = excluded.path,
        body = excluded.body, meta = excluded.meta, date = excluded.date, updated_at = excluded.updated_at`);
  }

  async remove(ref: string): Promise<void> {
    await this.db.run(sql`DELETE FROM search_documents WHERE ref = ${ref}`);
  }

  /**
   * The best matches of one person in one index. FTS5 walks its matches in
   * the order asked (rank, or newest rowid first), the join keeps the
   * person's own, and LIMIT stops the walk: snippets are made only for the
   * rows returned.
   */
  async hits(index: IndexName, filter: HitFilter, order: "rank" | "newest"): Promise<SearchHit[]> {
    const { table, rank } = INDEXES[index];
    const conditions: SQL[] = [sql`${table} MATCH ${filter.match}`, sql`${table}.rank MATCH ${rank}`, sql`d.user_id = ${filter.userId}`];
    if (filter.kinds?.length) conditions.push(sql`d.kind IN ${filter.kinds}`);
    if (filter.from !== undefined) conditions.push(sql`d.date >= ${filter.from}`);
    if (filter.to !== undefined) conditions.push(sql`d.date <= ${filter.to}`);
    if (filter.except?.length) conditions.push(sql`d.ref NOT IN ${filter.except}`);
    const orderBy = order === "rank" ? sql`${table}.rank` : sql`${table}.rowid DESC`;
    return this.db.all<SearchHit>(sql`SELECT d.ref AS ref, d.kind AS kind, d.title AS title, d.path AS path, d.date AS date,
        highlight(${table}, 0, ${MARK_START}, ${MARK_END}) AS titleMarked,
        snippet(${table}, -1, ${MARK_START}, ${MARK_END}, '…', ${SNIPPET_WORDS}) AS snippetMarked,
        ${table}.rank AS rank
      FROM ${table} CROSS JOIN search_documents d ON d.id = ${table}.rowid
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ${orderBy} LIMIT ${filter.limit}`);
  }

  /** True when `match` matches more than `count` documents (of anyone) in the index: counted without ranking, and only up to count + 1. */
  async matchesMoreThan(index: IndexName, match: string, count: number): Promise<boolean> {
    const { table } = INDEXES[index];
    const [row] = await this.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ${match} LIMIT ${count + 1})`);
    return (row?.n ?? 0) > count;
  }

  private async run(statements: SQL[]): Promise<void> {
    const [first, ...rest] = statements.map((statement) => this.db.run(statement));
    if (!first) return;
    await this.db.batch([first, ...rest]);
  }
}
