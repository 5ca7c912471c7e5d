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
});
export type AppPasswordDto = typeof appPasswordDto.static;

export const createdAppPasswordDto = t.Object({
  id: t.Number(),
  name: t.String(),
  password: t.String({ description: "Shown this once; only its hash is kept" }),
  createdAt: t.Number(),
});

export function toAppPasswordDto(row: AppPasswordListing): AppPasswordDto {
  return { id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt ?? null };
}
