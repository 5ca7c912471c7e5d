// The HTTP server: Bun.serve in front of the Elysia app.
//
// A few hot, public, immutable paths (the UI's hashed assets) are answered
// by Bun's own router without going through Elysia's lifecycle: they need no
// session, no body, no logging, and a page load fetches several of them.
// They still get the Host allowlist and the security headers (see the
// handlers passed in `fastRoutes`).
import type { Server } from "bun";
import { beginRequest } from "./request-context";

export type FastHandler = (request: Request) => Response;

export interface HttpServerOptions {
  handle(request: Request): Response | Promise<Response>;
  port: number;
  hostname: string;
  trustProxy: boolean;
  maxRequestBodySize: number;
  fastRoutes: Record<string, FastHandler>;
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
  const routes = Object.fromEntries(Object.entries(options.fastRoutes).map(([path, handler]) => [path, { GET: handler }]));
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
