// Serves the built web UI. The file list is read once at start, so a request
// can only ever name a file that the build produced: no path from a URL
// reaches the file system.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError, NotFoundError } from "../shared/errors";

const IMMUTABLE = "public, max-age=31536000, immutable";

class UiNotBuiltError extends AppError {
  constructor() {
    super(503, "ui_not_built", "The web interface is not built: run `make run` (or `bun web/build.ts`).");
  }
}

export class UiService {
  private readonly assets = new Set<string>();
  private readonly rootFiles = new Set<string>();
  private readonly indexHtml: string | null;

  constructor(private readonly distDir: string) {
    const assetsDir = join(distDir, "assets");
    if (existsSync(assetsDir)) for (const name of readdirSync(assetsDir)) this.assets.add(name);
    if (existsSync(distDir)) {
      for (const entry of readdirSync(distDir, { withFileTypes: true })) {
        if (entry.isFile() && entry.name !== "index.html") this.rootFiles.add(entry.name);
      }
    }
    const indexPath = join(distDir, "index.html");
    this.indexHtml = existsSync(indexPath) ? readFileSync(indexPath, "utf8") : null;
  }

  /** A hashed asset: cached for a year, its name changes with its content. */
  asset(name: string): Response {
    if (!this.assets.has(name)) throw new NotFoundError("No such asset.");
    return new Response(Bun.file(join(this.distDir, "assets", name)), { headers: { "cache-control": IMMUTABLE } });
  }

  /** Any other path is a screen of the single-page app, or a root file like favicon.svg. */
  page(path: string): Response {
    const name = path.slice(1);
    if (this.rootFiles.has(name)) {
      return new Response(Bun.file(join(this.distDir, name)), { headers: { "cache-control": "public, max-age=86400" } });
    }
    if (this.indexHtml === null) throw new UiNotBuiltError();
    return new Response(this.indexHtml, {
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
    });
  }
}
