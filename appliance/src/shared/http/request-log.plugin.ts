// Gives each request an id and its client address, and logs one line per
// answer: method, path (never the query string, which may carry a token),
// status and duration. No header, cookie or body is ever logged.
import { Elysia } from "elysia";
import type { Logger } from "../logger";
import { beginRequest, contextOf, requestIdOf, startedAtOf } from "./request-context";

export interface RequestLogOptions {
  logger: Logger;
}

export function requestLogPlugin({ logger }: RequestLogOptions) {
  return new Elysia({ name: "cozy.request-log" })
    .onRequest(({ request, set }) => {
      // The server (server.ts) has begun the request with the client's address;
      // requests handed to app.handle() directly have none.
      const context = contextOf(request) ?? beginRequest(request, "");
      set.headers["x-request-id"] = context.id;
    })
    .onAfterResponse({ as: "global" }, ({ request, set }) => {
      const startedAt = startedAtOf(request);
      logger.info("request", {
        requestId: requestIdOf(request),
        method: request.method,
        path: new URL(request.url).pathname,
        status: typeof set.status === "number" ? set.status : 200,
        durationMs: startedAt === undefined ? undefined : Math.round((performance.now() - startedAt) * 10) / 10,
      });
    });
}
