// A small client for the Drive's REST API (/api/files), and the checks the
// Drive tests share: sha256 of bytes, polling until the index caught up.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { setupOwner, startTestAppliance, type TestAppliance } from "./appliance";
import type { ApplianceOptions } from "../../appliance/src/bootstrap";

export interface Entry {
  id: number;
  path: string;
  name: string;
  kind: "file" | "folder";
  size: number;
  mtime: number;
  mime: string;
  sha256: string | null;
  etag: string;
}

export interface TrashItem {
  id: number;
  originalPath: string;
  name: string;
  kind: "file" | "folder";
  size: number;
  deletedAt: number;
}

export interface Version {
  id: number;
  size: number;
  sha256: string | null;
  mtime: number;
  keptAt: number;
}

export function sha256(bytes: Uint8Array | string): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

/** Bytes of a given size whose content depends on `seed` (so two uploads never match by chance); fast enough for megabytes. */
export function bytesOf(size: number, seed: string): Uint8Array<ArrayBuffer> {
  const key = new Uint32Array(new Bun.CryptoHasher("sha256").update(seed).digest().buffer);
  let state = (key[0] ?? 1) | 1;
  const words = new Uint32Array(Math.ceil(size / 4));
  for (let i = 0; i < words.length; i++) {
    // xorshift32: not for secrets, only to make distinct, incompressible test content.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state;
  }
  return new Uint8Array(words.buffer).slice(0, size);
}

/** A real 1×1 PNG. */
export const PNG_1X1 = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export class DriveClient {
  constructor(
    readonly base: string,
    readonly cookie: string | null,
  ) {}

  url(route: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.base}/api/files${route}${search ? `?${search}` : ""}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }

  request(method: string, route: string, query: Record<string, string> = {}, init: RequestInit = {}) {
    return fetch(this.url(route, query), { ...init, method, headers: this.headers((init.headers ?? {}) as Record<string, string>) });
  }

  put(path: string, body: BodyInit | Uint8Array, options: { overwrite?: boolean; headers?: Record<string, string> } = {}) {
    const query: Record<string, string> = { path };
    if (options.overwrite) query.overwrite = "1";
    return this.request("PUT", "/content", query, { body: body as BodyInit, headers: options.headers });
  }

  get(path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) {
    return this.request("GET", "/content", { path, ...query }, { headers });
  }

  async bytes(path: string): Promise<Uint8Array> {
    const response = await this.get(path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  listResponse(path: string) {
    return this.request("GET", "/", { path });
  }

  async list(path = "/"): Promise<Entry[]> {
    const response = await this.listResponse(path);
    if (response.status !== 200) throw new Error(`list ${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { entries: Entry[] }).entries;
  }

  async names(path = "/"): Promise<string[]> {
    return (await this.list(path)).map((entry) => entry.name).sort();
  }

  stat(path: string) {
    return this.request("GET", "/stat", { path });
  }

  json(method: string, route: string, body: unknown) {
    return this.request(method, route, {}, { body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  }

  mkdir(path: string, parents?: boolean) {
    return this.json("POST", "/folders", parents === undefined ? { path } : { path, parents });
  }

  move(from: string, to: string, overwrite?: boolean) {
    return this.json("POST", "/move", overwrite === undefined ? { from, to } : { from, to, overwrite });
  }

  copy(from: string, to: string, overwrite?: boolean) {
    return this.json("POST", "/copy", overwrite === undefined ? { from, to } : { from, to, overwrite });
  }

  remove(path: string) {
    return this.request("DELETE", "/", { path });
  }

  async trash(): Promise<TrashItem[]> {
    return ((await (await this.request("GET", "/trash")).json()) as { items: TrashItem[] }).items;
  }

  restore(id: number) {
    return this.request("POST", `/trash/${id}/restore`);
  }

  emptyTrash() {
    return this.request("DELETE", "/trash");
  }

  async versions(path: string): Promise<Version[]> {
    const response = await this.request("GET", "/versions", { path });
    if (response.status !== 200) throw new Error(`versions ${path}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { versions: Version[] }).versions;
  }
}

export interface DriveTestBox {
  appliance: TestAppliance;
  drive: DriveClient;
  /** The owner's folder on disk: <data>/files/alice. */
  root: string;
}

/** Starts the appliance, sets up the owner (Alice) and returns a client signed in as her. */
export async function startDrive(options: ApplianceOptions & { dataDir?: string; env?: Record<string, string> } = {}): Promise<DriveTestBox> {
  const appliance = await startTestAppliance(options);
  const cookie = await setupOwner(appliance.base);
  return { appliance, drive: new DriveClient(appliance.base, cookie), root: join(appliance.dataDir, "files", "alice") };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value || Date.now() > deadline) return value;
    await Bun.sleep(everyMs);
  }
}

/** Names in a folder on disk ([] if it does not exist). */
export function namesOnDisk(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}
