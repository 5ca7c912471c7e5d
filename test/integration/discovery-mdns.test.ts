// The embedded mDNS responder (make run, no avahi) seen from ANOTHER machine:
// two network namespaces joined by a veth pair stand for two computers on a
// LAN. The real appliance runs in one; a real mDNS client (multicast-dns,
// test/helpers/mdns-query.ts) in the other browses _http._tcp, resolves it,
// and opens the advertised address. Stopping the appliance sends goodbye
// packets; COZY_MDNS=off (and =avahi, the image's setting) advertises nothing. Needs root (ip netns), as CI has.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const QUERY = join(ROOT, "test/helpers/mdns-query.ts");
const isRoot = process.getuid?.() === 0;
const suffix = `${process.pid % 100_000}`;
const BOX = { ns: `cozy-box-${suffix}`, dev: `czb${suffix}`, ip: "10.77.0.1" };
const PEER = { ns: `cozy-peer-${suffix}`, dev: `czp${suffix}`, ip: "10.77.0.2" };
const PORT = 8080;

async function sh(...argv: string[]): Promise<void> {
  const child = Bun.spawn(argv, { stdout: "ignore", stderr: "pipe" });
  const [stderr, code] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`${argv.join(" ")} failed: ${stderr}`);
}

async function createLan(): Promise<void> {
  await sh("ip", "netns", "add", BOX.ns);
  await sh("ip", "netns", "add", PEER.ns);
  await sh("ip", "link", "add", BOX.dev, "type", "veth", "peer", "name", PEER.dev);
  for (const side of [BOX, PEER]) {
    await sh("ip", "link", "set", side.dev, "netns", side.ns);
    await sh("ip", "-n", side.ns, "addr", "add", `${side.ip}/24`, "dev", side.dev);
    await sh("ip", "-n", side.ns, "link", "set", side.dev, "up", "multicast", "on");
    await sh("ip", "-n", side.ns, "link", "set", "lo", "up");
    await sh("ip", "-n", side.ns, "route", "add", "224.0.0.0/4", "dev", side.dev);
  }
}

async function removeLan(): Promise<void> {
  // Deleting a namespace deletes its end of the veth pair, and with it the other end.
  for (const ns of [BOX.ns, PEER.ns]) await sh("ip", "netns", "del", ns).catch(() => undefined);
}

function startBox(mdns: string, dataDir: string) {
  const env = { PATH: process.env.PATH ?? "", COZY_DATA_DIR: dataDir, COZY_PORT: String(PORT), COZY_HOST: "0.0.0.0", COZY_MDNS: mdns, COZY_MDNS_NAME: "CozyBox dev" };
  // ciao finds interfaces by name in `ip -o link`, which writes a veth as "czb1@if2": named here, it is used as is.
  // (A Pi's eth0 and wlan0 carry no such suffix, so the box needs no setting.)
  Object.assign(env, { COZY_MDNS_INTERFACES: BOX.dev });
  return Bun.spawn(["ip", "netns", "exec", BOX.ns, process.execPath, join(ROOT, "appliance/src/main.ts")], { env, stdout: "pipe", stderr: "pipe" });
}

/** Lines the client prints, as they come; resolves when one matches, or null when the client or the wait ends. */
async function nextEvent(lines: AsyncIterator<string>, wanted: string, waitMs: number): Promise<Record<string, unknown> | null> {
  const deadline = new Promise<null>((done) => setTimeout(() => done(null), waitMs));
  for (;;) {
    const next = await Promise.race([lines.next(), deadline]);
    if (next === null || next.done) return null;
    const event = JSON.parse(next.value) as Record<string, unknown>;
    if (event.event === wanted) return event;
  }
}

async function* linesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += new TextDecoder().decode(value);
    let newline: number;
    while ((newline = buffer.indexOf("\n")) !== -1) {
      yield buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
    }
  }
}

function startClient() {
  return Bun.spawn(["ip", "netns", "exec", PEER.ns, process.execPath, QUERY, PEER.ip, "_http._tcp.local"], { stdout: "pipe", stderr: "inherit" });
}

let dataDir = "";
beforeAll(async () => {
  if (!isRoot) return;
  dataDir = mkdtempSync(join(tmpdir(), "cozy-mdns-"));
  await removeLan();
  await createLan();
});
afterAll(async () => {
  if (!isRoot) return;
  await removeLan();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!isRoot)("the embedded responder, from another machine on the LAN", () => {
  test("_http._tcp is found, resolves to the box's address and port with path=/, and that address serves CozyBox; stopping says goodbye", async () => {
    const box = startBox("embedded", dataDir);
    const client = startClient();
    try {
      const lines = linesOf(client.stdout)[Symbol.asyncIterator]();
      const found = await nextEvent(lines, "found", 60_000);
      expect(found).toMatchObject({ instance: "CozyBox dev._http._tcp.local", port: PORT, address: BOX.ip, health: 200 });
      expect(found?.txt).toContain("path=/");
      box.kill("SIGTERM");
      expect(await box.exited).toBe(0);
      expect(await nextEvent(lines, "goodbye", 30_000)).toMatchObject({ instance: "CozyBox dev._http._tcp.local" });
    } finally {
      box.kill("SIGKILL");
      client.kill("SIGKILL");
    }
  }, 120_000);

  // "avahi": on the image avahi-daemon publishes the box; the appliance must not answer beside it.
  test.each(["off", "avahi"])("COZY_MDNS=%s: the box serves, but the appliance answers no browse", async (mode) => {
    const box = startBox(mode, dataDir);
    const client = startClient();
    try {
      // The box is up (it answers over HTTP from the other namespace)...
      let status = 0;
      for (let i = 0; i < 60 && status !== 200; i++) {
        const probe = Bun.spawn(["ip", "netns", "exec", PEER.ns, process.execPath, "-e", `fetch("http://${BOX.ip}:${PORT}/api/system/health").then(r=>console.log(r.status),()=>console.log(0))`], { stdout: "pipe" });
        status = Number((await new Response(probe.stdout).text()).trim());
        if (status !== 200) await Bun.sleep(500);
      }
      expect(status).toBe(200);
      // ...yet a browse asked every second for several seconds finds no CozyBox.
      expect(await nextEvent(linesOf(client.stdout)[Symbol.asyncIterator](), "found", 5_000)).toBeNull();
    } finally {
      box.kill("SIGTERM");
      await box.exited;
      client.kill("SIGKILL");
    }
  }, 120_000);
});
