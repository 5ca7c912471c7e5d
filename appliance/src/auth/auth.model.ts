// Request/response schemas of the auth routes and row -> DTO mappers.
import Bowser from "bowser";
import { t } from "elysia";
import type { SessionRow, UserRow } from "./auth.schema";

export const NAME_MAX = 32;
export const PASSPHRASE_MIN = 10;
export const PASSPHRASE_MAX = 1024;

const nameField = t.String({ minLength: 1, maxLength: NAME_MAX, description: "User name (letters, digits, . _ -)" });
const passphraseField = t.String({ minLength: PASSPHRASE_MIN, maxLength: PASSPHRASE_MAX });

export const credentialsBody = t.Object({ name: nameField, passphrase: passphraseField }, { additionalProperties: false });
export const loginBody = t.Object(
  { name: nameField, passphrase: t.String({ minLength: 1, maxLength: PASSPHRASE_MAX }) },
  { additionalProperties: false },
);
export const changePassphraseBody = t.Object(
  { current: t.String({ minLength: 1, maxLength: PASSPHRASE_MAX }), next: passphraseField },
  { additionalProperties: false },
);
export const localeBody = t.Object(
  { locale: t.Union([t.Literal("en"), t.Literal("fr"), t.Null()]) },
  { additionalProperties: false },
);
export const sessionIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });

export const userDto = t.Object({
  id: t.Number(),
  name: t.String(),
  role: t.Union([t.Literal("owner"), t.Literal("member")]),
  locale: t.Union([t.Literal("en"), t.Literal("fr"), t.Null()]),
});
export type UserDto = typeof userDto.static;

export const sessionDto = t.Object({
  id: t.String(),
  current: t.Boolean(),
  browser: t.String(),
  os: t.String(),
  device: t.String(),
  ip: t.String(),
  createdAt: t.Number(),
  lastSeenAt: t.Number(),
});
export type SessionDto = typeof sessionDto.static;

export function toUserDto(user: UserRow): UserDto {
  return { id: user.id, name: user.name, role: user.role, locale: user.locale ?? null };
}

function describeUserAgent(userAgent: string): Pick<SessionDto, "browser" | "os" | "device"> {
  if (!userAgent) return { browser: "Unknown", os: "Unknown", device: "unknown" };
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(" ");
  return { browser: browser || userAgent.slice(0, 40), os: os || "Unknown", device: parsed.platform.type ?? "unknown" };
}

export function toSessionDto(session: SessionRow, currentId: string | null): SessionDto {
  return {
    id: session.id,
    current: session.id === currentId,
    ...describeUserAgent(session.userAgent),
    ip: session.ip,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
  };
}
