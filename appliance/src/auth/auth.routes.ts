import { Elysia, t } from "elysia";
import { jsonBody } from "../shared/http/body";
import { errorSchema as errors } from "../shared/http/openapi";
import { clientInfoOf, signedIn, type authGuard, type RouteKey } from "./auth.guard";
import {
  changePassphraseBody,
  credentialsBody,
  localeBody,
  loginBody,
  sessionDto,
  sessionIdParams,
  toSessionDto,
  toUserDto,
  userDto,
} from "./auth.model";
import type { AuthService } from "./auth.service";
import { clearedSessionCookie, isHttps, sessionCookie } from "./session-cookie";

export const AUTH_PUBLIC_ROUTES: RouteKey[] = ["GET /api/auth/setup", "POST /api/auth/setup", "POST /api/auth/login"];

const SMALL_BODY = 8 * 1024;

export interface AuthRoutesDeps {
  service: AuthService;
  guard: ReturnType<typeof authGuard>;
  sessionMaxSeconds: number;
  trustProxy: boolean;
}

export function authRoutes({ service, guard, sessionMaxSeconds, trustProxy }: AuthRoutesDeps) {
  const cookieFor = (request: Request, token: string) => sessionCookie(token, sessionMaxSeconds, isHttps(request, trustProxy));
  const signedInBody = t.Object({ user: userDto });
  return new Elysia({ prefix: "/api/auth", tags: ["auth"] })
    .use(guard)
    .get("/setup", async () => ({ required: await service.isSetupRequired() }), {
      response: { 200: t.Object({ required: t.Boolean() }) },
      detail: { summary: "Whether the owner still has to be created" },
    })
    .post(
      "/setup",
      async ({ body, request, set }) => {
        const { user, token } = await service.setup(body.name, body.passphrase, clientInfoOf(request));
        set.status = 201;
        set.headers["set-cookie"] = cookieFor(request, token);
        return { user: toUserDto(user) };
      },
      {
        parse: jsonBody(SMALL_BODY),
        body: credentialsBody,
        response: { 201: signedInBody, 409: errors, 422: errors },
        detail: { summary: "Create the owner (only once) and sign in" },
      },
    )
    .post(
      "/login",
      async ({ body, request, set }) => {
        const { user, token } = await service.login(body.name, body.passphrase, clientInfoOf(request));
        set.headers["set-cookie"] = cookieFor(request, token);
        return { user: toUserDto(user) };
      },
      {
        parse: jsonBody(SMALL_BODY),
        body: loginBody,
        response: { 200: signedInBody, 401: errors, 409: errors, 429: errors },
        detail: { summary: "Sign in" },
      },
    )
    .post(
      "/logout",
      async ({ auth, request, set }) => {
        await service.logout(signedIn(auth).session);
        set.headers["set-cookie"] = clearedSessionCookie(isHttps(request, trustProxy));
        set.status = 204;
      },
      { detail: { summary: "Sign out this session" } },
    )
    .get(
      "/me",
      ({ auth }) => {
        const { user, session } = signedIn(auth);
        return { user: toUserDto(user), session: { id: session.id } };
      },
      {
        response: { 200: t.Object({ user: userDto, session: t.Object({ id: t.String() }) }) },
        detail: { summary: "The signed-in person" },
      },
    )
    .patch("/me", async ({ auth, body }) => ({ user: toUserDto(await service.setLocale(signedIn(auth).user.id, body.locale)) }), {
      parse: jsonBody(SMALL_BODY),
      body: localeBody,
      response: { 200: signedInBody },
      detail: { summary: "Change the person's preferences (UI language)" },
    })
    .post(
      "/passphrase",
      async ({ auth, body, set }) => {
        await service.changePassphrase(signedIn(auth), body.current, body.next);
        set.status = 204;
      },
      {
        parse: jsonBody(SMALL_BODY),
        body: changePassphraseBody,
        detail: { summary: "Change the passphrase; ends every other session" },
      },
    )
    .post(
      "/logout-everywhere",
      async ({ auth }) => {
        const { user, session } = signedIn(auth);
        return { ended: await service.logoutEverywhere(user.id, session.id) };
      },
      {
        response: { 200: t.Object({ ended: t.Number() }) },
        detail: { summary: "End every session but this one" },
      },
    )
    .get(
      "/sessions",
      async ({ auth }) => {
        const { user, session } = signedIn(auth);
        const rows = await service.listSessions(user.id);
        return { sessions: rows.map((row) => toSessionDto(row, session.id)) };
      },
      { response: { 200: t.Object({ sessions: t.Array(sessionDto) }) }, detail: { summary: "Active sessions" } },
    )
    .delete(
      "/sessions/:id",
      async ({ auth, params, set }) => {
        await service.revokeSession(signedIn(auth).user.id, params.id);
        set.status = 204;
      },
      { params: sessionIdParams, detail: { summary: "Revoke a session" } },
    );
}
