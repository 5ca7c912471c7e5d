// Live properties (RFC 4918 §15): computed from the Drive's index and the
// locks, never stored, and protected (PROPPATCH cannot change them).
import { etagOf, type FileRow } from "../files";
import { covering, lockDiscoveryXml, SUPPORTED_LOCK_XML } from "./locks";
import type { DavLock } from "./locks.repository";
import { DAV_NS, escapeXml } from "./xml";

export interface PropName {
  ns: string;
  local: string;
}

export const LIVE_PROPS = [
  "creationdate",
  "displayname",
  "getcontentlength",
  "getcontenttype",
  "getetag",
  "getlastmodified",
  "lockdiscovery",
  "resourcetype",
  "supportedlock",
] as const;

type LiveName = (typeof LIVE_PROPS)[number];

export function isLive(name: PropName): boolean {
  return name.ns === DAV_NS && (LIVE_PROPS as readonly string[]).includes(name.local);
}

export interface LiveContext {
  locks: readonly DavLock[];
  now: number;
}

/** The value (inner XML) of a live property for `row`, or null when the resource has none. */
export function liveValue(name: LiveName, row: FileRow, context: LiveContext): string | null {
  const folder = row.kind === "folder";
  switch (name) {
    case "creationdate":
      return new Date(row.createdAt).toISOString();
    case "displayname":
      return escapeXml(row.name);
    case "getcontentlength":
      return folder ? null : String(row.size);
    case "getcontenttype":
      return folder ? null : escapeXml(row.mime);
    case "getetag":
      return escapeXml(etagOf(row));
    case "getlastmodified":
      return new Date(row.mtime).toUTCString();
    case "lockdiscovery":
      return lockDiscoveryXml(covering(context.locks, row.path), row.path, folder, context.now);
    case "resourcetype":
      return folder ? "<D:collection/>" : "";
    case "supportedlock":
      return SUPPORTED_LOCK_XML;
  }
}

/** Live properties the resource has, for allprop and propname. */
export function liveNamesOf(row: FileRow): LiveName[] {
  return LIVE_PROPS.filter((name) => row.kind === "file" || (name !== "getcontentlength" && name !== "getcontenttype"));
}

/** An element for a property: DAV: ones with the D: prefix, others with their namespace as default. */
export function propElement(name: PropName, inner: string | null): string {
  const open = name.ns === DAV_NS ? `D:${name.local}` : `${name.local} xmlns="${escapeXml(name.ns)}"`;
  const close = name.ns === DAV_NS ? `D:${name.local}` : name.local;
  return inner === null || inner === "" ? `<${open}/>` : `<${open}>${inner}</${close}>`;
}
