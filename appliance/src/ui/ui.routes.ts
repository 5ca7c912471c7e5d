import { Elysia } from "elysia";
import type { authGuard, RouteKey } from "../auth";
import { NotFoundError } from "../shared/errors";
import type { UiService } from "./ui.service";

export const UI_PUBLIC_ROUTES: RouteKey[] = ["GET /assets/*", "GET /*"];

/** Paths owned by the service, never by the single-page app. */
const SERVICE_PREFIXES = ["/api/", "/dav/"];

export function uiRoutes(service: UiService, guard: ReturnType<typeof authGuard>) {
  return new Elysia()
    .use(guard)
    .get("/assets/*", ({ params, request }) => service.asset(params["*"], request), { detail: { hide: true } })
    .get(
      "/*",
      ({ path, request }) => {
        if (SERVICE_PREFIXES.some((prefix) => path.startsWith(prefix))) throw new NotFoundError();
        return service.page(path, request);
      },
      { detail: { hide: true } },
    );
}
