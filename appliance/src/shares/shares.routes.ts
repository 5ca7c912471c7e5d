import { Elysia, t } from "elysia";
import type { authGuard, RouteKey } from "../auth";
import { ownerOf, sendFileContent, zipStream } from "../files";
import { clientIpOf } from "../shared/http/request-context";
import { jsonBody } from "../shared/http/body";
import { publicEntryDto, shareDto, toPublicEntry, toShareDto } from "./shares.model";
import type { OpenShare, SharesService } from "./shares.service";

export const SHARES_PUBLIC_ROUTES: RouteKey[] = [
  "GET /api/public/shares/:token",
  "POST /api/public/shares/:token/unlock",
  "GET /api/public/shares/:token/list",
  "GET /api/public/shares/:token/content",
  "GET /api/public/shares/:token/zip",
];

const SMALL_BODY = 8 * 1024;
const tokenParams = t.Object({ token: t.String({ minLength: 1, maxLength: 64 }) });
const innerPath = t.Object({ path: t.Optional(t.String({ maxLength: 4096 })) });

function proofCookieName(opened: OpenShare): string {
  return `cozy_share_${opened.share.id}`;
}

function readCookie(request: Request, name: string): string | null {
  const match = (request.headers.get("cookie") ?? "").split(";").map((p) => p.trim()).find((p) => p.startsWith(`${name}=`));
  return match ? match.slice(name.length + 1) : null;
}

export function sharesRoutes(service: SharesService, guard: ReturnType<typeof authGuard>) {
  const unlocked = async (token: string, request: Request) => {
    const opened = await service.open(token);
    service.requireUnlocked(opened, readCookie(request, proofCookieName(opened)));
    return opened;
  };
  return new Elysia({ tags: ["shares"] })
    .use(guard)
    .post("/api/shares", async ({ auth, body, set }) => {
      const { share, item } = await service.create(ownerOf(auth), body.path, { password: body.password, expiresAt: body.expiresAt });
      set.status = 201;
      return toShareDto(share, item);
    }, {
      parse: jsonBody(SMALL_BODY),
      body: t.Object({ path: t.String({ minLength: 1, maxLength: 4096 }), password: t.Optional(t.String({ maxLength: 256 })), expiresAt: t.Optional(t.Number()) }, { additionalProperties: false }),
      response: { 201: shareDto }, detail: { summary: "Create a share link to a file or folder" },
    })
    .get("/api/shares", async ({ auth, query }) => ({
      shares: (await service.list(ownerOf(auth), query.path)).map(({ share, item }) => toShareDto(share, item)),
    }), { query: innerPath, response: { 200: t.Object({ shares: t.Array(shareDto) }) }, detail: { summary: "Share links, all or of one item" } })
    .delete("/api/shares/:id", async ({ auth, params, set }) => {
      await service.revoke(ownerOf(auth), params.id);
      set.status = 204;
    }, { params: t.Object({ id: t.Numeric({ minimum: 1 }) }), detail: { summary: "Revoke a share link" } })
    .get("/api/public/shares/:token", async ({ params, request }) => {
      const opened = await service.open(params.token);
      const locked = opened.share.passwordHash !== null && readCookie(request, proofCookieName(opened)) !== service.proofOf(opened.share);
      // Before the password, nothing about the item: not even its name or size.
      if (locked) return { needsPassword: true, expiresAt: opened.share.expiresAt };
      return { ...toPublicEntry(opened.item, opened.item.path), needsPassword: false, expiresAt: opened.share.expiresAt };
    }, { params: tokenParams, detail: { summary: "What a share link points to (anonymous)" } })
    .post("/api/public/shares/:token/unlock", async ({ params, body, request, set }) => {
      const opened = await service.open(params.token);
      const proof = await service.unlock(opened, body.password, clientIpOf(request));
      set.headers["set-cookie"] = `${proofCookieName(opened)}=${proof}; Path=/api/public/shares/${params.token}; HttpOnly; SameSite=Strict; Max-Age=86400`;
      set.status = 204;
    }, {
      params: tokenParams, parse: jsonBody(SMALL_BODY),
      body: t.Object({ password: t.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      detail: { summary: "Unlock a password-protected link (anonymous)" },
    })
    .get("/api/public/shares/:token/list", async ({ params, query, request }) => {
      const opened = await unlocked(params.token, request);
      const rows = await service.listInside(opened, query.path);
      return { entries: rows.map((row) => toPublicEntry(row, opened.item.path)) };
    }, { params: tokenParams, query: innerPath, response: { 200: t.Object({ entries: t.Array(publicEntryDto) }) }, detail: { summary: "A shared folder's contents (anonymous)" } })
    .get("/api/public/shares/:token/content", async ({ params, query, request, set }) => {
      const opened = await unlocked(params.token, request);
      const { row, diskPath } = await service.readInside(opened, query.path);
      return sendFileContent(set, request, row, diskPath, { inline: false });
    }, { params: tokenParams, query: innerPath, detail: { summary: "Download a shared file (anonymous)" } })
    .get("/api/public/shares/:token/zip", async ({ params, query, request }) => {
      const opened = await unlocked(params.token, request);
      const { folder, entries } = await service.zipInside(opened, query.path);
      const name = `${folder.name || "share"}.zip`;
      const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
      return new Response(zipStream(entries), {
        headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}` },
      });
    }, { params: tokenParams, query: innerPath, detail: { summary: "Download a shared folder as a zip (anonymous)" } });
}
