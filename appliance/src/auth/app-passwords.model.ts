// Request/response schemas of the app-password routes and row -> DTO mappers.
import { t } from "elysia";
import type { AppPasswordListing } from "./app-passwords.repository";
import { APP_PASSWORD_NAME_MAX } from "./app-passwords.service";

// The service counts characters after trimming; this bound (in UTF-16 units,
// as the schema counts) only keeps absurd names from reaching it.
export const appPasswordBody = t.Object(
  {
    name: t.String({
      minLength: 1,
      maxLength: APP_PASSWORD_NAME_MAX * 4,
      description: `The device it is for, e.g. "Alice's MacBook": 1 to ${APP_PASSWORD_NAME_MAX} characters once trimmed`,
    }),
    smb: t.Optional(t.Boolean({ description: "Also make it the computer's own Samba (SMB) account; only on the CozyBox image" })),
  },
  { additionalProperties: false },
);

export const appPasswordIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 32 }) });

/** An id that is not a positive whole number names no app password: 0, which the revoke answers with 404. */
export function toAppPasswordId(raw: string): number {
  return /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : 0;
}

export const appPasswordDto = t.Object({
  id: t.Number(),
  name: t.String(),
  createdAt: t.Number({ description: "Epoch milliseconds" }),
  lastUsedAt: t.Union([t.Number(), t.Null()], { description: "Epoch milliseconds, updated at most once a minute; null if never used" }),
  smbAccount: t.Union([t.String(), t.Null()], { description: "The SMB user name of a Connect a computer password; null for WebDAV only" }),
});
export type AppPasswordDto = typeof appPasswordDto.static;

export const createdAppPasswordDto = t.Object({
  id: t.Number(),
  name: t.String(),
  password: t.String({ description: "Shown this once; only its hash is kept" }),
  smbAccount: t.Union([t.String(), t.Null()], { description: "The SMB user name to sign in with, for an SMB password" }),
  createdAt: t.Number(),
});

export function toAppPasswordDto(row: AppPasswordListing): AppPasswordDto {
  return { id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt ?? null, smbAccount: row.smbAccount ?? null };
}
