// Photos tests: real files uploaded through the REST API, with their
// media_items rows written directly (as the media pipeline would) so the
// timeline's dates, offsets and sizes are exactly what each test needs.
import { mediaItems, users } from "../../appliance/src/db/schema";
import { files } from "../../appliance/src/files/files.schema";
import { bytesOf, DriveClient, startDrive, type DriveTestBox, type Entry } from "../helpers/drive";

export interface PhotosBox extends DriveTestBox {
  cookie: string;
  /** GET/POST… on /api/photos with the owner's cookie; returns status and JSON body. */
  call<T = any>(method: string, route: string, body?: unknown, cookie?: string | null): Promise<{ status: number; body: T }>;
  /** Uploads a file (content unique to `name`) and gives it a media row. */
  photo(path: string, media: Partial<typeof mediaItems.$inferInsert> & { takenAt: number }, bytes?: Uint8Array): Promise<Entry>;
  /** Another person with one photo of their own (no session needed: they never sign in here). */
  stranger(): Promise<{ userId: number; fileId: number }>;
}

export async function startPhotos(): Promise<PhotosBox> {
  const box = await startDrive();
  const cookie = box.drive.cookie!;
  const db = box.appliance.database.db;
  const call = async (method: string, route: string, body?: unknown, who: string | null = cookie) => {
    const headers: Record<string, string> = who ? { cookie: who } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${box.appliance.base}/api/photos${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const photo = async (path: string, media: Partial<typeof mediaItems.$inferInsert> & { takenAt: number }, bytes?: Uint8Array) => {
    const folder = path.slice(0, path.lastIndexOf("/"));
    if (folder) await box.drive.mkdir(folder, true);
    // Random bytes under a .bin name: the media pipeline (when it runs) leaves them alone.
    const response = await box.drive.put(path, bytes ?? bytesOf(64, path));
    if (response.status !== 201) throw new Error(`upload ${path}: ${response.status} ${await response.text()}`);
    const entry = (await response.json()) as Entry;
    const row = { fileId: entry.id, userId: 1, kind: "image" as const, dateSource: "exif" as const, width: 4000, height: 3000, updatedAt: Date.now(), ...media };
    await db.insert(mediaItems).values(row).onConflictDoUpdate({ target: mediaItems.fileId, set: row });
    return entry;
  };
  const stranger = async () => {
    const now = Date.now();
    const [user] = await db.insert(users).values({ name: "Bob", nameKey: "bob", role: "member", passphraseHash: "x", createdAt: now, passphraseChangedAt: now }).returning();
    const [file] = await db.insert(files).values({ userId: user!.id, path: "/bob.jpg", parentPath: "/", name: "bob.jpg", kind: "file", size: 1, mtime: now, createdAt: now }).returning();
    await db.insert(mediaItems).values({ fileId: file!.id, userId: user!.id, kind: "image", takenAt: now, dateSource: "mtime", updatedAt: now });
    return { userId: user!.id, fileId: file!.id };
  };
  return { ...box, cookie, call, photo, stranger };
}

export { DriveClient };
export const DAY = 86_400_000;
/** 2024-06-15T12:00:00Z */
export const JUNE_15 = Date.UTC(2024, 5, 15, 12);
