// A real appliance with an owner and one app password, and a small WebDAV
// client for the integration tests (test/integration/dav*.test.ts).
import { XMLParser } from "fast-xml-parser";
import { OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

export interface DavBox {
  box: TestAppliance;
  /** The owner's web session, for the REST API (/api/files). */
  cookie: string;
  password: string;
  /** "Basic …" with the owner's name and app password. */
  authorization: string;
  dav(method: string, path: string, init?: DavInit): Promise<Response>;
  /** GET on the REST API as the owner, parsed. */
  api<T = unknown>(route: string): Promise<T>;
}

export interface DavInit {
  body?: string | Uint8Array | ArrayBuffer;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

export function basic(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`, "utf8").toString("base64")}`;
}

export async function startDavBox(options: Parameters<typeof startTestAppliance>[0] = {}): Promise<DavBox> {
  const box = await startTestAppliance(options);
  const cookie = await setupOwner(box.base);
  const [owner] = await box.auth.people();
  if (!owner) throw new Error("no owner after setup");
  const { password } = await box.appPasswords.create(owner.id, "tests");
  const authorization = basic(OWNER.name, password);
  const dav = (method: string, path: string, init: DavInit = {}) =>
    fetch(`${box.base}${path}`, {
      method,
      body: init.body as BodyInit | undefined,
      headers: { ...(init.anonymous ? {} : { authorization }), ...init.headers },
    });
  const api = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${box.base}${route}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { box, cookie, password, authorization, dav, api };
}

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, isArray: (name) => ["response", "propstat", "activelock"].includes(name) });

export interface PropStat {
  status: string;
  prop: Record<string, unknown>;
}

export interface MultiStatusResponse {
  href: string;
  propstat: PropStat[];
}

/** A 207 body as { href, propstat[] } (namespace prefixes dropped). */
export function parseMultistatus(xml: string): MultiStatusResponse[] {
  const document = parser.parse(xml) as { multistatus?: { response?: MultiStatusResponse[] } };
  return document.multistatus?.response ?? [];
}

export function xml(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}`;
}

export const LOCK_BODY = xml(
  '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>tests</D:owner></D:lockinfo>',
);

export const SHARED_LOCK_BODY = LOCK_BODY.replace("<D:exclusive/>", "<D:shared/>");

/** The token of a LOCK answer ("<urn:uuid:…>" without the angle brackets). */
export function lockTokenOf(response: Response): string {
  const header = response.headers.get("lock-token") ?? "";
  const match = /^<(.+)>$/.exec(header);
  if (!match?.[1]) throw new Error(`no Lock-Token in the answer (${response.status})`);
  return match[1];
}

export interface ApiEntry {
  path: string;
  name: string;
  kind: "file" | "folder";
  size: number;
}

export async function namesIn(dav: DavBox, folder: string): Promise<string[]> {
  const listing = await dav.api<{ entries: ApiEntry[] }>(`/api/files?path=${encodeURIComponent(folder)}`);
  return listing.entries.map((entry) => entry.name).sort();
}
