import { t } from "elysia";
import type { FileRow } from "../files";
import type { ShareRow } from "./shares.schema";

export const shareDto = t.Object({
  id: t.Number(),
  url: t.String(),
  path: t.Union([t.String(), t.Null()]),
  hasPassword: t.Boolean(),
  expiresAt: t.Union([t.Number(), t.Null()]),
  createdAt: t.Number(),
});

export function toShareDto(share: ShareRow, item: FileRow | null): typeof shareDto.static {
  return {
    id: share.id,
    url: `/s/${share.token}`,
    path: item?.path ?? null,
    hasPassword: share.passwordHash !== null,
    expiresAt: share.expiresAt,
    createdAt: share.createdAt,
  };
}

export const publicEntryDto = t.Object({
  /** Path inside the share, "/" being the shared item itself. */
  path: t.String(),
  name: t.String(),
  kind: t.Union([t.Literal("file"), t.Literal("folder")]),
  size: t.Number(),
  mtime: t.Number(),
  mime: t.String(),
});

/** What a visitor may see of an entry: never the owner's paths above the shared item. */
export function toPublicEntry(row: FileRow, sharedRoot: string): typeof publicEntryDto.static {
  const inner = row.path === sharedRoot ? "/" : row.path.slice(sharedRoot.length);
  return { path: inner, name: row.name, kind: row.kind, size: row.size, mtime: row.mtime, mime: row.kind === "folder" ? "inode/directory" : row.mime };
}
