// tus 1.0 over HTTP: OPTIONS, POST (creation), HEAD, PATCH, DELETE (termination).
import { Elysia, t } from "elysia";
import type { authGuard } from "../auth";
import { AppError, BadRequestError, UnsupportedMediaTypeError } from "../shared/errors";
import { chunksOf } from "../shared/http/body";
import { toFileEntry } from "./files.model";
import { ownerOf } from "./files.routes";
import type { TusUploads } from "./tus.service";

const TUS_VERSION = "1.0.0";
const TUS_HEADERS = { "tus-resumable": TUS_VERSION, "cache-control": "no-store" };

class TusVersionError extends AppError {
  constructor() {
    super(412, "tus_version", `This server speaks tus ${TUS_VERSION} (send Tus-Resumable: ${TUS_VERSION}).`);
  }
}

function requireTus(request: Request): void {
  if (request.headers.get("tus-resumable") !== TUS_VERSION) throw new TusVersionError();
}

function numberHeader(request: Request, name: string): number {
  const value = request.headers.get(name);
  if (value === null || !/^\d{1,16}$/.test(value)) throw new BadRequestError("bad_header", `${name} must be a number of bytes.`);
  return Number(value);
}

/** "path L2EvYi50eHQ=,overwrite MQ==" -> { path: "/a/b.txt", overwrite: "1" } */
export function parseMetadata(header: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (header ?? "").split(",")) {
    const [key, value = ""] = pair.trim().split(" ");
    if (!key) continue;
    result[key] = Buffer.from(value, "base64").toString("utf8");
  }
  return result;
}

const idParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });

export function tusRoutes(uploads: TusUploads, maxBytes: number, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/files/uploads", tags: ["files"] })
    .use(guard)
    .onAfterHandle(({ set }) => void Object.assign(set.headers, TUS_HEADERS))
    .options("/", ({ set }) => {
      set.status = 204;
      Object.assign(set.headers, { "tus-version": TUS_VERSION, "tus-extension": "creation,termination,expiration", "tus-max-size": String(maxBytes) });
    }, { detail: { summary: "tus: what this server supports" } })
    .post("/", async ({ auth, request, set }) => {
      requireTus(request);
      const length = numberHeader(request, "upload-length");
      const meta = parseMetadata(request.headers.get("upload-metadata"));
      if (!meta.path) throw new BadRequestError("missing_path", "Upload-Metadata must name the destination: path <base64>.");
      const info = await uploads.create(ownerOf(auth), meta.path, length, meta.overwrite === "1");
      set.status = 201;
      Object.assign(set.headers, TUS_HEADERS, { location: `/api/files/uploads/${info.id}`, "upload-expires": new Date(info.expiresAt).toUTCString() });
    }, { parse: "none", detail: { summary: "tus: start a resumable upload (Upload-Length, Upload-Metadata path/overwrite)" } })
    // Elysia 1.4 answers HEAD with the GET handler (a .head() route is never matched): HEAD lands here.
    .get("/:id", async ({ auth, params, request, set }) => {
      requireTus(request);
      const { info, offset } = await uploads.status(ownerOf(auth), params.id);
      Object.assign(set.headers, TUS_HEADERS, { "upload-offset": String(offset), "upload-length": String(info.length) });
      return new Response(null, { status: 200, headers: set.headers as Record<string, string> });
    }, { params: idParams, detail: { summary: "tus: how much has arrived (send as HEAD)" } })
    .patch("/:id", async ({ auth, params, request, set }) => {
      requireTus(request);
      if (request.headers.get("content-type") !== "application/offset+octet-stream") {
        throw new UnsupportedMediaTypeError("application/offset+octet-stream");
      }
      const result = await uploads.append(ownerOf(auth), params.id, numberHeader(request, "upload-offset"), chunksOf(request));
      set.status = 204;
      Object.assign(set.headers, TUS_HEADERS, { "upload-offset": String(result.offset) });
      if (result.file) set.headers["x-cozy-file"] = encodeURIComponent(JSON.stringify(toFileEntry(result.file)));
    }, { parse: "none", params: idParams, detail: { summary: "tus: send bytes from Upload-Offset" } })
    .delete("/:id", async ({ auth, params, request, set }) => {
      requireTus(request);
      await uploads.terminate(ownerOf(auth), params.id);
      set.status = 204;
      Object.assign(set.headers, TUS_HEADERS);
    }, { params: idParams, detail: { summary: "tus: cancel an upload" } });
}
