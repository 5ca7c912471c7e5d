// PROPPATCH (RFC 4918 §9.2): sets and removes dead properties, in document
// order, all or nothing. DAV: properties are the server's (live, protected):
// asking to change one fails that property with 403 and every other one with
// 424 Failed Dependency, and nothing is changed.
import type { FileRow } from "../files";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { readXmlBody } from "./dav.body";
import { hrefOf } from "./dav.paths";
import { multistatus, responseXml, statusLine } from "./dav.responses";
import { propElement, type PropName } from "./live-props";
import { checkPreconditions } from "./preconditions";
import type { PropertyChange } from "./properties.repository";
import { DAV_NS, elementsOf, isDav, serializeNodes, type XmlElement } from "./xml";

/** Keeps one resource's dead properties to a sane number (each costs a row on the SD card). */
export const MAX_PROPERTIES_PER_RESOURCE = 256;

function changesOf(body: XmlElement | null): PropertyChange[] {
  if (!body || !isDav(body, "propertyupdate")) throw new DavError(400, "The body must be a DAV:propertyupdate element.");
  const changes: PropertyChange[] = [];
  for (const instruction of elementsOf(body)) {
    if (!isDav(instruction, "set") && !isDav(instruction, "remove")) continue;
    for (const prop of elementsOf(instruction).filter((child) => isDav(child, "prop"))) {
      for (const property of elementsOf(prop)) {
        const key = { namespace: property.ns, name: property.local };
        changes.push(instruction.local === "set" ? { op: "set", ...key, value: serializeNodes(property.children) } : { op: "remove", ...key });
      }
    }
  }
  if (changes.length === 0) throw new DavError(400, "DAV:propertyupdate names no property.");
  return changes;
}

const keyOf = (change: Pick<PropertyChange, "namespace" | "name">) => `${change.namespace}\u0000${change.name}`;

/** 403 for properties that cannot be changed here, or null when the change may go ahead. */
function refusalOf(change: PropertyChange, row: FileRow): number | null {
  if (change.namespace === DAV_NS) return 403; // live and protected
  if (row.id === 0) return 403; // the root has no index row to hang properties on
  return null;
}

function answer(row: FileRow, statuses: Map<string, { name: PropName; status: number }>): Response {
  const groups = Map.groupBy(statuses.values(), (entry) => entry.status);
  const propstats = [...groups].map(([status, entries]) => {
    const props = entries.map((entry) => propElement(entry.name, null)).join("");
    return `<D:propstat><D:prop>${props}</D:prop><D:status>${statusLine(status)}</D:status></D:propstat>`;
  });
  return multistatus([responseXml(hrefOf(row.path, row.kind === "folder"), propstats.join(""))]);
}

async function exceedsLimit(dav: DavRequest, row: FileRow, changes: readonly PropertyChange[]): Promise<boolean> {
  const added = new Set(changes.filter((change) => change.op === "set").map(keyOf)).size;
  return added > 0 && (await dav.services.properties.count(row.id)) + added > MAX_PROPERTIES_PER_RESOURCE;
}

export async function proppatch(dav: DavRequest): Promise<Response> {
  const changes = changesOf(await readXmlBody(dav.request));
  const row = await dav.services.files.stat(dav.owner, dav.path);
  await checkPreconditions(dav, { resources: [row.path] });
  const refusals = changes.map((change) => refusalOf(change, row));
  const refused = refusals.some((status) => status !== null);
  const full = !refused && (await exceedsLimit(dav, row, changes));
  const statuses = new Map<string, { name: PropName; status: number }>();
  changes.forEach((change, index) => {
    const status = refusals[index] ?? (refused ? 424 : full ? 507 : 200);
    const previous = statuses.get(keyOf(change))?.status ?? 0;
    // A property named twice reports its worst outcome.
    statuses.set(keyOf(change), { name: { ns: change.namespace, local: change.name }, status: Math.max(previous, status) });
  });
  if (!refused && !full) await dav.services.properties.apply(row.id, changes);
  return answer(row, statuses);
}
