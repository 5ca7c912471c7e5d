// Default deny: every route needs a signed-in person unless it is listed as
// public. Enforced here, once, for all routes, before body validation, so no
// handler can forget it and an anonymous caller learns nothing about schemas.
import { Elysia } from "elysia";
import { UnauthenticatedError } from "../shared/errors";
import { clientIpOf } from "../shared/http/request-context";
import type { Authenticated, AuthService } from "./auth.service";
import { readSessionToken } from "./session-cookie";

/** "METHOD /route/pattern" as Elysia names routes, e.g. "GET /api/system/health". */
export type RouteKey = `${string} ${string}`;

export function clientInfoOf(request: Request) {
  return { ip: clientIpOf(request), userAgent: request.headers.get("user-agent") ?? "" };
}

export function authGuard(service: AuthService, publicRoutes: readonly RouteKey[]) {
  const open = new Set<string>(publicRoutes);
  return new Elysia({ name: "cozy.auth-guard" }).derive({ as: "global" }, async ({ request, route }) => {
    const token = readSessionToken(request.headers.get("cookie"));
    const auth: Authenticated | null = token ? await service.authenticate(token, clientInfoOf(request)) : null;
    if (!auth && !open.has(`${request.method} ${route}`) && !(request.method === "HEAD" && open.has(`GET ${route}`))) {
      throw new UnauthenticatedError();
    }
    return { auth };
  });
}

/** For handlers of non-public routes: the guard guarantees a session there. */
export function signedIn(auth: Authenticated | null): Authenticated {
  if (!auth) throw new UnauthenticatedError();
  return auth;
}
