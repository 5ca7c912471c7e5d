// GET on a collection: a plain HTML list of its members, so that a browser
// pointed at /dav/ shows something useful. Every name is escaped, and the
// answer carries the WebDAV door's sandboxing CSP (no script can run).
import { parentOf, type FileRow } from "../files";
import { hrefOf } from "./dav.paths";
import { baseHeaders } from "./dav.responses";
import { escapeXml } from "./xml";

function line(row: FileRow): string {
  const folder = row.kind === "folder";
  const label = escapeXml(row.name) + (folder ? "/" : "");
  const size = folder ? "" : ` <small>${row.size} bytes</small>`;
  return `<li><a href="${escapeXml(hrefOf(row.path, folder))}">${label}</a>${size}</li>`;
}

export function listingResponse(request: Request, folder: FileRow, entries: readonly FileRow[]): Response {
  const title = escapeXml(folder.path);
  const up = folder.path === "/" ? "" : `<li><a href="${escapeXml(hrefOf(parentOf(folder.path), true))}">../</a></li>`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><ul>${up}${entries.map(line).join("")}</ul></body></html>\n`;
  return new Response(request.method === "HEAD" ? null : html, {
    status: 200,
    headers: baseHeaders({ "content-type": "text/html; charset=utf-8" }),
  });
}
