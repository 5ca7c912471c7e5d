import { Elysia } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { ValidationError } from "../shared/errors";
import { searchQuery, searchResponse } from "./search.model";
import { MAX_LIMIT, type QueryOptions, type SearchService } from "./search.service";

/** The query's numbers, checked beyond their digit patterns: a limit in range, a range that does not end before it starts. */
function optionsOf(query: typeof searchQuery.static): QueryOptions {
  const from = query.from === undefined ? undefined : Number(query.from);
  const to = query.to === undefined ? undefined : Number(query.to);
  const limit = query.limit === undefined ? undefined : Number(query.limit);
  if (limit !== undefined && (limit < 1 || limit > MAX_LIMIT)) throw new ValidationError("limit", `The limit is between 1 and ${MAX_LIMIT}.`);
  if (from !== undefined && to !== undefined && from > to) throw new ValidationError("from", "The date range ends before it starts.");
  return { kinds: query.kind?.split(","), from, to, limit };
}

export function searchRoutes(service: SearchService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ tags: ["search"] })
    .use(guard)
    .get("/api/search", async ({ auth, query }) => {
      const { user } = signedIn(auth);
      return { results: await service.query(user.id, query.q, optionsOf(query)) };
    }, {
      query: searchQuery,
      response: { 200: searchResponse },
      detail: { summary: "Search the signed-in person's files, photos and documents (results as you type)" },
    });
}
