import { openapi } from "@elysiajs/openapi";
import { Elysia } from "elysia";
import type { authGuard } from "../auth";
import { DOCS_CSS, renderDocsPage } from "./api-docs.page";

export const OPENAPI_SPEC_PATH = "/api/openapi.json";

/** The OpenAPI document and its page; both need a signed-in person, like the rest of the API. */
export function apiDocsRoutes(version: string, guard: ReturnType<typeof authGuard>) {
  return new Elysia()
    .use(guard)
    .use(
      openapi({
        path: "/api/openapi",
        specPath: OPENAPI_SPEC_PATH,
        provider: null,
        documentation: {
          info: { title: "CozyBox API", version, description: "The public contract of the CozyBox appliance." },
        },
      }),
    )
    .get("/api/docs.css", () => new Response(DOCS_CSS, { headers: { "content-type": "text/css; charset=utf-8" } }), {
      detail: { hide: true },
    });
}

/**
 * The page that renders the document. It asks `app` (the whole appliance) for
 * the document in-process, with the caller's cookie, so it shows exactly what
 * /api/openapi.json serves.
 */
export function apiDocsPage(app: { handle(request: Request): Promise<Response> }, guard: ReturnType<typeof authGuard>) {
  return new Elysia().use(guard).get(
    "/api/docs",
    async ({ request }) => {
      const specRequest = new Request(new URL(OPENAPI_SPEC_PATH, request.url), {
        headers: { host: request.headers.get("host") ?? "localhost", cookie: request.headers.get("cookie") ?? "" },
      });
      const spec = await (await app.handle(specRequest)).json();
      return new Response(renderDocsPage(spec, OPENAPI_SPEC_PATH), { headers: { "content-type": "text/html; charset=utf-8" } });
    },
    { detail: { summary: "This API, as a page for developers" } },
  );
}
