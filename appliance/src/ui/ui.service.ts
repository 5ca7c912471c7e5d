// Serves the built web UI from memory. The files are read once at start (the
// whole UI is well under a megabyte): a request can only ever name a file the
// build produced, no path from a URL reaches the file system, and the SD card
// is not read on every page load. Text files are also kept gzipped, and each
// file's answer headers are computed once, here, not per request.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { AppError, NotFoundError } from "../shared/errors";

const IMMUTABLE = "public, max-age=31536000, immutable";
const COMPRESSIBLE = new Set([".js", ".css", ".html", ".svg", ".json", ".txt", ".map"]);

type Body = Uint8Array<ArrayBuffer>;

interface StoredFile {
  body: Body;
  headers: Record<string, string>;
  gzipped: Body | null;
  gzipHeaders: Record<string, string>;
}

class UiNotBuiltError extends AppError {
  constructor() {
    super(503, "ui_not_built", "The web interface is not built: run `make run` (or `bun web/build.ts`).");
  }
}

function load(path: string, cacheControl: string, baseHeaders: Record<string, string>, type?: string): StoredFile {
  const body = new Uint8Array(readFileSync(path)) as Body;
  const compressible = COMPRESSIBLE.has(extname(path)) && body.byteLength > 512;
  const headers = { ...baseHeaders, "content-type": type ?? Bun.file(path).type, "cache-control": cacheControl, vary: "accept-encoding" };
  return {
    body,
    headers,
    gzipped: compressible ? (Bun.gzipSync(body) as Body) : null,
    gzipHeaders: { ...headers, "content-encoding": "gzip" },
  };
}

function loadFolder(dir: string, cacheControl: string, baseHeaders: Record<string, string>, skip?: string) {
  const files = new Map<string, StoredFile>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name !== skip) files.set(entry.name, load(join(dir, entry.name), cacheControl, baseHeaders));
  }
  return files;
}

function respond(file: StoredFile, request: Request): Response {
  const accepted = request.headers.get("accept-encoding");
  if (file.gzipped && accepted !== null && /\bgzip\b/.test(accepted)) {
    return new Response(file.gzipped, { headers: file.gzipHeaders });
  }
  return new Response(file.body, { headers: file.headers });
}

export class UiService {
  private readonly assets: Map<string, StoredFile>;
  private readonly rootFiles: Map<string, StoredFile>;
  private readonly index: StoredFile | null;

  /** `baseHeaders` go on every answer (the security headers, for the fast route that bypasses the plugins). */
  constructor(distDir: string, baseHeaders: Record<string, string> = {}) {
    this.assets = loadFolder(join(distDir, "assets"), IMMUTABLE, baseHeaders);
    this.rootFiles = loadFolder(distDir, "public, max-age=86400", baseHeaders, "index.html");
    const indexPath = join(distDir, "index.html");
    this.index = existsSync(indexPath) ? load(indexPath, "no-cache", baseHeaders, "text/html; charset=utf-8") : null;
  }

  /** A hashed asset: cached for a year, its name changes with its content. */
  asset(name: string, request: Request): Response {
    const response = this.findAsset(name, request);
    if (!response) throw new NotFoundError("No such asset.");
    return response;
  }

  findAsset(name: string, request: Request): Response | null {
    const file = this.assets.get(name);
    return file ? respond(file, request) : null;
  }

  /** Any other path is a screen of the single-page app, or a root file like favicon.svg. */
  page(path: string, request: Request): Response {
    const rootFile = this.rootFiles.get(path.slice(1));
    if (rootFile) return respond(rootFile, request);
    if (!this.index) throw new UiNotBuiltError();
    return respond(this.index, request);
  }
}
