// PROPFIND (RFC 4918 §9.1): Depth 0 and 1 only. Depth infinity (also what a
// missing Depth header means) is refused with propfind-finite-depth, as the
// RFC allows: walking a whole Drive in one answer would hold the box for
// minutes on a Raspberry Pi.
import type { FileRow } from "../files";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { readXmlBody } from "./dav.body";
import { hrefOf } from "./dav.paths";
import { multistatus, responseXml, statusLine } from "./dav.responses";
import { isLive, liveNamesOf, liveValue, propElement, type LiveContext, type PropName } from "./live-props";
import type { DeadProperty } from "./properties.repository";
import { davChild, elementsOf, isDav, type XmlElement } from "./xml";

type Query = { kind: "allprop" } | { kind: "propname" } | { kind: "prop"; names: PropName[] };

function depthOf(request: Request): "0" | "1" {
  const depth = request.headers.get("depth")?.trim().toLowerCase() ?? "infinity";
  if (depth === "0" || depth === "1") return depth;
  if (depth === "infinity") throw new DavError(403, "PROPFIND with Depth: infinity is not supported.", "<D:propfind-finite-depth/>");
  throw new DavError(400, "Depth must be 0, 1 or infinity.");
}

/** An empty body means allprop (§9.1). Unknown elements are ignored (litmus propextended). */
export function parsePropfind(body: XmlElement | null): Query {
  if (body === null) return { kind: "allprop" };
  if (!isDav(body, "propfind")) throw new DavError(400, "The body must be a DAV:propfind element.");
  if (davChild(body, "propname")) return { kind: "propname" };
  if (davChild(body, "allprop")) return { kind: "allprop" };
  const prop = davChild(body, "prop");
  if (!prop) throw new DavError(400, "DAV:propfind needs prop, allprop or propname.");
  return { kind: "prop", names: elementsOf(prop).map(({ ns, local }) => ({ ns, local })) };
}

function propstat(status: number, props: readonly string[]): string {
  return props.length === 0 ? "" : `<D:propstat><D:prop>${props.join("")}</D:prop><D:status>${statusLine(status)}</D:status></D:propstat>`;
}

function deadElement(property: DeadProperty): string {
  return propElement({ ns: property.namespace, local: property.name }, property.value);
}

function valueOf(name: PropName, row: FileRow, dead: readonly DeadProperty[], context: LiveContext): string | null {
  if (isLive(name)) return liveValue(name.local as Parameters<typeof liveValue>[0], row, context);
  const found = dead.find((property) => property.namespace === name.ns && property.name === name.local);
  return found ? found.value : null;
}

function answerFor(row: FileRow, query: Query, dead: readonly DeadProperty[], context: LiveContext): string {
  const href = hrefOf(row.path, row.kind === "folder");
  const live = liveNamesOf(row);
  if (query.kind === "propname") {
    const names = [...live.map((local) => propElement({ ns: "DAV:", local }, null)), ...dead.map((p) => propElement({ ns: p.namespace, local: p.name }, null))];
    return responseXml(href, propstat(200, names));
  }
  if (query.kind === "allprop") {
    const values = [...live.map((local) => propElement({ ns: "DAV:", local }, liveValue(local, row, context))), ...dead.map(deadElement)];
    return responseXml(href, propstat(200, values));
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const name of query.names) {
    const value = valueOf(name, row, dead, context);
    if (value === null) missing.push(propElement(name, null));
    else found.push(propElement(name, value));
  }
  // An empty <D:prop/> request still gets a propstat (a response needs one).
  return responseXml(href, found.length + missing.length === 0 ? propstat(200, [""]) : propstat(200, found) + propstat(404, missing));
}

export async function propfind(dav: DavRequest): Promise<Response> {
  const depth = depthOf(dav.request);
  const query = parsePropfind(await readXmlBody(dav.request));
  const { files, locks, properties } = dav.services;
  const row = await files.stat(dav.owner, dav.path);
  const rows = depth === "1" && row.kind === "folder" ? [row, ...(await files.list(dav.owner, row.path))] : [row];
  const context: LiveContext = { locks: await locks.active(dav.owner.id), now: locks.now() };
  // The root has no row of its own in the index (id 0), and so no dead properties.
  const dead = await properties.forFiles(rows.map((entry) => entry.id).filter((id) => id > 0));
  return multistatus(rows.map((entry) => answerFor(entry, query, dead.get(entry.id) ?? [], context)));
}
