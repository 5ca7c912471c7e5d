// Serves the built web UI from memory. The files are read once at start (the
// whole UI is well under a megabyte): a request can only ever name a file the
// build produced, no path from a URL reaches the file system, and the SD card
// is not read on every page load. Text files are also kept gzipped.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { AppError, NotFoundError } from "../shared/errors";

const IMMUTABLE = "public, max-age=31536000, immutable";
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json", ".txt", ".map"]);

interface StoredFile {
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer> | null;
  type: string;
}

class UiNotBuiltError extends AppError {
  constructor() {
    super(503, "ui_not_built", "The web interface is not built: run `make run` (or `bun web/build.ts`).");
  }
}

function load(path: string): StoredFile {
  const body = new Uint8Array(readFileSync(path));
  const compressible = COMPRESSIBLE.has(extname(path)) && body.byteLength > 512;
  return { body, gzipped: compressible ? (Bun.gzipSync(body) as Uint8Array<ArrayBuffer>) : null, type: Bun.file(path).type };
}

function loadFolder(dir: string, skip?: string): Map<string, StoredFile> {
  const files = new Map<string, StoredFile>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name !== skip) files.set(entry.name, load(join(dir, entry.name)));
  }
  return files;
}

function respond(file: StoredFile, request: Request, cacheControl: string): Response {
  const headers: Record<string, string> = { "content-type": file.type, "cache-control": cacheControl, vary: "accept-encoding" };
  if (file.gzipped && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
    headers["content-encoding"] = "gzip";
    return new Response(file.gzipped, { headers });
  }
  return new Response(file.body, { headers });
}

export class UiService {
  private readonly assets: Map<string, StoredFile>;
  private readonly rootFiles: Map<string, StoredFile>;
  private readonly index: StoredFile | null;

  constructor(distDir: string) {
    this.assets = loadFolder(join(distDir, "assets"));
    this.rootFiles = loadFolder(distDir, "index.html");
    const indexPath = join(distDir, "index.html");
    this.index = existsSync(indexPath) ? { ...load(indexPath), type: "text/html; charset=utf-8" } : null;
  }

  /** A hashed asset: cached for a year, its name changes with its content. */
  asset(name: string, request: Request): Response {
    const file = this.assets.get(name);
    if (!file) throw new NotFoundError("No such asset.");
    return respond(file, request, IMMUTABLE);
  }

  /** Any other path is a screen of the single-page app, or a root file like favicon.svg. */
  page(path: string, request: Request): Response {
    const rootFile = this.rootFiles.get(path.slice(1));
    if (rootFile) return respond(rootFile, request, "public, max-age=86400");
    if (!this.index) throw new UiNotBuiltError();
    return respond(this.index, request, "no-cache");
  }
}
