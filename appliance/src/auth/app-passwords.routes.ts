// Settings → App passwords. Every route needs a session: none is public, and
// an app password cannot open one (the web sign-in takes the passphrase only).
import { Elysia, t } from "elysia";
import { jsonBody } from "../shared/http/body";
import { errorSchema as errors } from "../shared/http/openapi";
import { signedIn, type authGuard } from "./auth.guard";
import { appPasswordBody, appPasswordDto, appPasswordIdParams, createdAppPasswordDto, toAppPasswordDto, toAppPasswordId } from "./app-passwords.model";
import type { AppPasswordService } from "./app-passwords.service";

const SMALL_BODY = 8 * 1024;

export function appPasswordRoutes(service: AppPasswordService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/auth/app-passwords", tags: ["auth"] })
    .use(guard)
    .get("/", async ({ auth }) => ({ appPasswords: (await service.list(signedIn(auth).user.id)).map(toAppPasswordDto) }), {
      response: { 200: t.Object({ appPasswords: t.Array(appPasswordDto) }) },
      detail: { summary: "The person's app passwords (never the passwords themselves)" },
    })
    .post(
      "/",
      async ({ auth, body, set }) => {
        set.status = 201;
        return service.create(signedIn(auth).user.id, body.name, { smb: body.smb === true });
      },
      {
        parse: jsonBody(SMALL_BODY),
        body: appPasswordBody,
        response: { 201: createdAppPasswordDto, 409: errors, 413: errors, 422: errors, 502: errors, 503: errors },
        detail: { summary: "Create an app password for a device; the answer is the only time it is shown" },
      },
    )
    .delete(
      "/:id",
      async ({ auth, params, set }) => {
        await service.revoke(signedIn(auth).user.id, toAppPasswordId(params.id));
        set.status = 204;
      },
      {
        params: appPasswordIdParams,
        response: { 404: errors, 502: errors, 503: errors },
        detail: { summary: "Revoke an app password (an SMB one's Samba account is removed first)" },
      },
    );
}
