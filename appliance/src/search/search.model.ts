import { t } from "elysia";
import { MAX_LIMIT } from "./search.service";

/** Longer than any search a person types; a pasted page is refused rather than cut. */
export const MAX_QUERY_LENGTH = 200;
const KIND_LIST = "^[a-z][a-z0-9_-]{0,31}(,[a-z][a-z0-9_-]{0,31}){0,15}$";
/** Year 9999, in epoch ms: far enough for any date filter. */
const MAX_INSTANT = 253_402_300_799_999;

export const searchQuery = t.Object({
  q: t.String({ maxLength: MAX_QUERY_LENGTH, description: "What the person typed; plain words (FTS syntax is not interpreted), the last word also matches as a prefix" }),
  kind: t.Optional(t.String({ pattern: KIND_LIST, maxLength: 400, description: "Comma-separated kinds to keep: file, folder, photo, video, document…" })),
  from: t.Optional(t.Numeric({ minimum: 0, maximum: MAX_INSTANT, description: "Only documents dated at or after this instant (epoch ms)" })),
  to: t.Optional(t.Numeric({ minimum: 0, maximum: MAX_INSTANT, description: "Only documents dated at or before this instant (epoch ms)" })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: MAX_LIMIT, description: `At most this many results (default 20, at most ${MAX_LIMIT})` })),
});

export const searchResultDto = t.Object({
  ref: t.String({ description: "Stable id of the document: file:<id> for files and folders" }),
  kind: t.String(),
  title: t.String(),
  titleHtml: t.String({ description: "The title, HTML-escaped, matched words in <mark></mark> (the only tag)" }),
  path: t.Union([t.String(), t.Null()], { description: "Drive path of a file or folder" }),
  snippetHtml: t.String({ description: "Words around the best match, HTML-escaped, matched words in <mark></mark> (the only tag)" }),
  score: t.Number({ description: "Relevance, higher is better" }),
  date: t.Union([t.Number(), t.Null()], { description: "epoch ms: a photo's date taken, else the file's modification time" }),
});

export const searchResponse = t.Object({ results: t.Array(searchResultDto) });
