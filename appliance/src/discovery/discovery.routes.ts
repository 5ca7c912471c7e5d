import { Elysia, t } from "elysia";
import type { authGuard, RouteKey } from "../auth";
import type { ReachService } from "./reach.service";

// Public: the Setup page shows it before anyone has an account, and it tells
// only what any device on the LAN can already see (names, addresses).
export const DISCOVERY_PUBLIC_ROUTES: RouteKey[] = ["GET /api/system/reach"];

export const reachDto = t.Object({
  mdnsName: t.Union([t.String(), t.Null()], { description: "e.g. cozy.local, or cozy-2.local after a collision; null when nothing advertises the box" }),
  mdnsRenamed: t.Boolean({ description: "True when another device already had <hostname>.local" }),
  hostname: t.String(),
  port: t.Number(),
  addresses: t.Array(t.Object({ address: t.String(), family: t.Union([t.Literal("IPv4"), t.Literal("IPv6")]) })),
  smb: t.Object({ available: t.Boolean({ description: "SMB (Samba) runs here: only on the CozyBox image" }), share: t.String() }),
});

export function discoveryRoutes(service: ReachService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/system", tags: ["system"] }).use(guard).get("/reach", () => service.info(), {
    response: { 200: reachDto },
    detail: { summary: "The names and LAN addresses the box can be reached at (anonymous: Setup shows them)" },
  });
}
