// A person's side of the network segment: the box's web API (with a session cookie), WebDAV,
// Samba through smbclient, and mDNS through the segment's own avahi-daemon (test/image/run.sh).
import { sh, VM_ADDRESS } from "./vm";

export const BASE = `http://${VM_ADDRESS}`;

export class BoxClient {
  private cookie = "";

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${BASE}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export function basic(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}`;
}

/** smbclient against the box's share; answers its exit code and output (never throws). */
export function smb(share: string, user: string, password: string, commands: string): { code: number; out: string } {
  // The password goes through the environment (PASSWD), never the command line.
  return sh(["smbclient", `//${VM_ADDRESS}/${share}`, "-U", user, "-m", "SMB3", "-c", commands], undefined, { PASSWD: password });
}

/** Runs an avahi client tool in the segment's avahi-daemon mount namespace (its private D-Bus). */
export function avahi(args: string[]): { code: number; out: string } {
  const pid = process.env.COZY_IMAGE_AVAHI_PID;
  if (!pid) throw new Error("COZY_IMAGE_AVAHI_PID is not set: run through test/image/run.sh");
  return sh(["nsenter", `--mount=/proc/${pid}/ns/mnt`, "timeout", "20", ...args]);
}
