// Settings -> System -> Restart / Shut down. Owner only (a member gets 403);
// off the image, 503 "only on the CozyBox image".
import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { jsonBody } from "../shared/http/body";
import { errorSchema as errors } from "../shared/http/openapi";
import type { PowerService } from "./power.service";

const SMALL_BODY = 1024;

export const powerStatusDto = t.Object({
  available: t.Boolean({ description: "Restart and shut down work here (the CozyBox image)" }),
  bootId: t.String({ description: "Changes at every boot: the page sees the box come back" }),
});

const powerAction = t.Union([t.Literal("restart"), t.Literal("shutdown")], { description: "restart or shutdown" });

export const powerBody = t.Object(
  { action: powerAction },
  { additionalProperties: false },
);

export const powerRequestDto = t.Object({
  action: powerAction,
  at: t.Number({ description: "When the box acts (ms since the epoch), a moment after this answer" }),
});

export function powerRoutes(power: PowerService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/system/power", tags: ["system"] })
    .use(guard)
    .get("/", ({ auth }) => power.status(signedIn(auth).user), {
      response: { 200: powerStatusDto, 403: errors },
      detail: { summary: "Whether restart and shut down work here, and this boot's id (owner only)" },
    })
    .post("/", ({ auth, body, set }) => {
      const taken = power.request(signedIn(auth).user, body.action);
      set.status = 202;
      return taken;
    }, {
      parse: jsonBody(SMALL_BODY),
      body: powerBody,
      response: { 202: powerRequestDto, 403: errors, 413: errors, 422: errors, 503: errors },
      detail: { summary: "Restart or shut down the box (owner only); the answer comes first" },
    });
}
