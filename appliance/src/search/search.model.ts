import { t } from "elysia";
import { MAX_LIMIT } from "./search.service";

/** Longer than any search a person types; a pasted page is refused rather than cut. */
export const MAX_QUERY_LENGTH = 200;
const KIND_LIST = "^[a-z][a-z0-9_-]{0,31}(,[a-z][a-z0-9_-]{0,31}){0,15}$";

// Numbers arrive as digit strings: Elysia's coerced numeric types name the
// wrong field when they fail ("property"), a pattern names the parameter.
const INSTANT = "^[0-9]{1,15}$";

export const searchQuery = t.Object({
  q: t.String({ maxLength: MAX_QUERY_LENGTH, description: "What the person typed; plain words (FTS syntax is not interpreted), the last word also matches as a prefix" }),
  kind: t.Optional(t.String({ pattern: KIND_LIST, maxLength: 400, description: "Comma-separated kinds to keep: file, folder, photo, video, document…" })),
  from: t.Optional(t.String({ pattern: INSTANT, description: "Only documents dated at or after this instant (epoch ms)" })),
  to: t.Optional(t.String({ pattern: INSTANT, description: "Only documents dated at or before this instant (epoch ms)" })),
  limit: t.Optional(t.String({ pattern: "^[0-9]{1,3}$", description: `At most this many results, 1 to ${MAX_LIMIT} (default 20)` })),
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
