import { Elysia } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { ValidationError } from "../shared/errors";
import { searchQuery, searchResponse } from "./search.model";
import type { SearchService } from "./search.service";

export function searchRoutes(service: SearchService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ tags: ["search"] })
    .use(guard)
    .get("/api/search", async ({ auth, query }) => {
      const { user } = signedIn(auth);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
        throw new ValidationError("from", "The date range ends before it starts.");
      }
      const kinds = query.kind?.split(",");
      return { results: await service.query(user.id, query.q, { kinds, from: query.from, to: query.to, limit: query.limit }) };
    }, {
      query: searchQuery,
      response: { 200: searchResponse },
      detail: { summary: "Search the signed-in person's files, photos and documents (results as you type)" },
    });
}
