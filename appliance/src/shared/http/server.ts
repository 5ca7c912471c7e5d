// The HTTP server: Bun.serve in front of the Elysia app.
//
// A few paths are answered by Bun's own router without going through
// Elysia's lifecycle:
// - hot, public, immutable paths (the UI's hashed assets): they need no
//   session, no body, no logging, and a page load fetches several of them;
// - WebDAV (/dav/), which speaks its own methods (PROPFIND, LOCK…), its own
//   authentication (Basic with app passwords) and streams large bodies.
// They still get the Host allowlist and the security headers (see the
// handlers passed in `fastRoutes`).
import type { Server } from "bun";
import { beginRequest } from "./request-context";

export type FastHandler = (request: Request) => Response;

/** A fast route for every method; the request is begun (id, client address) as for the Elysia app. */
export interface AnyMethodRoute {
  anyMethod(request: Request): Response | Promise<Response>;
}

export interface HttpServerOptions {
  handle(request: Request): Response | Promise<Response>;
  port: number;
  hostname: string;
  trustProxy: boolean;
  maxRequestBodySize: number;
  /** GET-only handlers, or `{ anyMethod }` routes. */
  fastRoutes: Record<string, FastHandler | AnyMethodRoute>;
}

export function clientAddress(request: Request, server: Pick<Server<undefined>, "requestIP">, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const address = server.requestIP(request)?.address ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export function serveHttp(options: HttpServerOptions): Server<undefined> {
  const routes = Object.fromEntries(
    Object.entries(options.fastRoutes).map(([path, route]) => [
      path,
      typeof route === "function"
        ? { GET: route }
        : (request: Request, server: Server<undefined>) => {
            beginRequest(request, clientAddress(request, server, options.trustProxy));
            return route.anyMethod(request);
          },
    ]),
  );
  return Bun.serve({
    port: options.port,
    hostname: options.hostname,
    maxRequestBodySize: options.maxRequestBodySize,
    routes,
    fetch(request, server) {
      beginRequest(request, clientAddress(request, server, options.trustProxy));
      return options.handle(request);
    },
  });
}
