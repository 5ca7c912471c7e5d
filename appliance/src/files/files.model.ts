import { t } from "elysia";
import type { FileRow, TrashRow, VersionRow } from "./files.schema";

/** Whose files: the person's id and the key of their folder under <data>/files/. */
export interface Owner {
  id: number;
  key: string;
}

export const fileEntryDto = t.Object({
  id: t.Number(),
  path: t.String(),
  name: t.String(),
  kind: t.Union([t.Literal("file"), t.Literal("folder")]),
  size: t.Number(),
  mtime: t.Number(),
  mime: t.String(),
  sha256: t.Union([t.String(), t.Null()]),
  etag: t.String(),
});
export type FileEntry = typeof fileEntryDto.static;

export const trashItemDto = t.Object({
  id: t.Number(),
  originalPath: t.String(),
  name: t.String(),
  kind: t.Union([t.Literal("file"), t.Literal("folder")]),
  size: t.Number(),
  deletedAt: t.Number(),
});

export const versionDto = t.Object({ id: t.Number(), size: t.Number(), sha256: t.Union([t.String(), t.Null()]), mtime: t.Number(), keptAt: t.Number() });

/** Strong validator for caching and conditional requests: changes whenever the content may have. */
export function etagOf(row: Pick<FileRow, "id" | "size" | "mtime" | "sha256">): string {
  return `"${row.sha256 ? row.sha256.slice(0, 32) : `${row.id.toString(36)}-${row.size.toString(36)}-${row.mtime.toString(36)}`}"`;
}

export function toFileEntry(row: FileRow): FileEntry {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    kind: row.kind,
    size: row.size,
    mtime: row.mtime,
    mime: row.kind === "folder" ? "inode/directory" : row.mime,
    sha256: row.sha256,
    etag: etagOf(row),
  };
}

export function toTrashItem(row: TrashRow): typeof trashItemDto.static {
  const name = row.originalPath.slice(row.originalPath.lastIndexOf("/") + 1);
  return { id: row.id, originalPath: row.originalPath, name, kind: row.kind, size: row.size, deletedAt: row.deletedAt };
}

export function toVersion(row: VersionRow) {
  return { id: row.id, size: row.size, sha256: row.sha256, mtime: row.mtime, keptAt: row.keptAt };
}
