// Gives each request an id and its client address, and logs one line per
// answer: method, path (never the query string, which may carry a token),
// status and duration. No header, cookie or body is ever logged.
import { Elysia } from "elysia";
import type { Logger } from "../logger";
import { beginRequest, requestIdOf, startedAtOf } from "./request-context";

export interface RequestLogOptions {
  logger: Logger;
  trustProxy: boolean;
}

type ServerLike = { requestIP(request: Request): { address: string } | null } | null;

function clientAddress(request: Request, server: ServerLike, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const address = server?.requestIP(request)?.address ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export function requestLogPlugin({ logger, trustProxy }: RequestLogOptions) {
  return new Elysia({ name: "cozy.request-log" })
    .onRequest(({ request, server, set }) => {
      const context = beginRequest(request, clientAddress(request, server as ServerLike, trustProxy));
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
