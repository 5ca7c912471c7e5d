// The search capability, assembled. Other capabilities use it only through
// this file: media attaches extracted text (setFileDetails), later ones index
// their own rows (upsert/remove).
import type { Database } from "../db/client";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { SearchRepository } from "./search.repository";
import { FullTextSearch, type FileEventSource } from "./search.service";

export { searchRoutes } from "./search.routes";
export type { FileDetails, FullTextSearch, QueryOptions, SearchDocument, SearchResult, SearchService } from "./search.service";

export interface SearchOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The files capability's events (files.events); search keeps its file documents from them. */
  fileEvents: FileEventSource;
}

/** The search service, already listening to the file events; start() after the files' start-up scan, stop() before closing the database. */
export function createSearch(options: SearchOptions): FullTextSearch {
  const service = new FullTextSearch({ repository: new SearchRepository(options.db), clock: options.clock, logger: options.logger });
  service.listen(options.fileEvents);
  return service;
}
