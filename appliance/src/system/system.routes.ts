import { Elysia } from "elysia";
import type { authGuard, RouteKey } from "../auth";
import { healthDto, metricsDto, systemInfoDto } from "./system.model";
import type { SystemService } from "./system.service";

export const SYSTEM_PUBLIC_ROUTES: RouteKey[] = ["GET /api/system/health"];

export function systemRoutes(service: SystemService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/system", tags: ["system"] })
    .use(guard)
    .get("/health", () => service.health(), {
      response: { 200: healthDto },
      detail: { summary: "Liveness, for monitors and the updater (anonymous)" },
    })
    .get("/info", () => service.info(), {
      response: { 200: systemInfoDto },
      detail: { summary: "Version, device, load, temperature, memory, disk, network" },
    })
    .get("/metrics", () => service.metrics(), {
      response: { 200: metricsDto },
      detail: { summary: "Load and temperature over the last 10 minutes" },
    });
}
