// Settings -> SSH. Owner only (a member gets 403); off the image, turning it
// on or off answers 503 "only on the CozyBox image" and the status says unavailable.
import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { jsonBody } from "../shared/http/body";
import { errorSchema as errors } from "../shared/http/openapi";
import type { SshService } from "./ssh.service";

const SMALL_BODY = 16 * 1024;

export const sshStatusDto = t.Object({
  available: t.Boolean({ description: "A privileged helper runs here (the CozyBox image)" }),
  enabled: t.Boolean(),
  key: t.Union([t.String(), t.Null()], { description: "The public key that opens SSH" }),
});

export const sshEnableBody = t.Object(
  { publicKey: t.String({ minLength: 1, maxLength: 8 * 1024, description: "One OpenSSH public key line (ed25519, ECDSA or RSA)" }) },
  { additionalProperties: false },
);

export function privilegedRoutes(ssh: SshService, guard: ReturnType<typeof authGuard>) {
  const failures = { 403: errors, 502: errors, 503: errors, 504: errors };
  return new Elysia({ prefix: "/api/system/ssh", tags: ["system"] })
    .use(guard)
    .get("/", ({ auth }) => ssh.status(signedIn(auth).user), {
      response: { 200: sshStatusDto, ...failures },
      detail: { summary: "Whether SSH is on, and with which key (owner only)" },
    })
    .put("/", ({ auth, body }) => ssh.enable(signedIn(auth).user, body.publicKey), {
      parse: jsonBody(SMALL_BODY),
      body: sshEnableBody,
      response: { 200: sshStatusDto, 413: errors, 422: errors, ...failures },
      detail: { summary: "Turn SSH on for the admin account with this public key only (owner only)" },
    })
    .delete("/", ({ auth }) => ssh.disable(signedIn(auth).user), {
      response: { 200: sshStatusDto, ...failures },
      detail: { summary: "Turn SSH off and forget the key (owner only)" },
    });
}
