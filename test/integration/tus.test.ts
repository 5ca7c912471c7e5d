// Resumable uploads (tus 1.0) with a real tus client: an upload cut at 60 %
// by a dropped connection resumes where it stopped and the file is
// byte-identical; plus the protocol's refusals.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { startCuttingRelay } from "../helpers/cutting-relay";

let box: TestAppliance;
let cookie: string;

beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
});
afterAll(() => box.dispose());

const CLIENT = join(import.meta.dir, "../tus/upload.mjs");

/** Uploads with tus-js-client running on Node.js (see test/tus/upload.mjs for why Node). */
async function upload(endpoint: string, bytes: Uint8Array, path: string): Promise<void> {
  const file = join(box.dataDir, "..", `tus-source-${Date.now()}.bin`);
  await Bun.write(file, bytes);
  const child = Bun.spawn(["node", CLIENT, endpoint, file, path, cookie], { stdout: "pipe", stderr: "pipe" });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  rmSync(file, { force: true });
  if (code !== 0) throw new Error(`the tus client failed: ${stderr}`);
}

describe("tus resumable uploads", () => {
  test("an upload cut at 60 % resumes from where it stopped and arrives byte-identical", async () => {
    const bytes = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 31 + (i >> 12)) & 0xff);
    const relay = await startCuttingRelay(box.port, Math.floor(bytes.byteLength * 0.6));
    try {
      await upload(`http://127.0.0.1:${relay.port}/api/files/uploads/`, bytes, "/big upload.bin");
    } finally {
      relay.stop();
    }
    expect(relay.wasCut()).toBe(true);
    // The second PATCH started well past zero: the bytes before the cut were kept.
    const resumedAt = relay.patchOffsets().at(-1) ?? 0;
    expect(resumedAt).toBeGreaterThan(bytes.byteLength * 0.4);
    const download = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent("/big upload.bin")}`, { headers: { cookie } });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    const entry = await (await fetch(`${box.base}/api/files/stat?path=${encodeURIComponent("/big upload.bin")}`, { headers: { cookie } })).json();
    expect(entry.sha256).toBe(new Bun.CryptoHasher("sha256").update(bytes).digest("hex"));
    expect(readdirSync(join(box.dataDir, "uploads")).length).toBe(0);
  }, 60_000);

  const tusHeaders = (extra: Record<string, string> = {}) => ({ cookie, "tus-resumable": "1.0.0", ...extra });
  const b64 = (text: string) => Buffer.from(text).toString("base64");

  test("OPTIONS advertises the version and extensions", async () => {
    const response = await fetch(`${box.base}/api/files/uploads/`, { method: "OPTIONS", headers: { cookie } });
    expect(response.status).toBe(204);
    expect(response.headers.get("tus-version")).toBe("1.0.0");
    expect(response.headers.get("tus-extension")).toContain("creation");
  });

  test("refusals: no Tus-Resumable, a bad length, no path, a missing folder, no room, a wrong offset, another person's id", async () => {
    const post = (headers: Record<string, string>) => fetch(`${box.base}/api/files/uploads/`, { method: "POST", headers });
    expect((await post({ cookie, "upload-length": "5" })).status).toBe(412);
    expect((await post(tusHeaders({ "upload-length": "-5", "upload-metadata": `path ${b64("/x")}` }))).status).toBe(400);
    expect((await post(tusHeaders({ "upload-length": "5" }))).status).toBe(400);
    expect((await post(tusHeaders({ "upload-length": "5", "upload-metadata": `path ${b64("/no such folder/x")}` }))).status).toBe(409);
    expect((await post(tusHeaders({ "upload-length": "5", "upload-metadata": `path ${b64("/../etc/x")}` }))).status).toBe(400);
    const huge = await post(tusHeaders({ "upload-length": String(2 ** 50), "upload-metadata": `path ${b64("/huge.bin")}` }));
    expect(huge.status).toBe(507);

    const created = await post(tusHeaders({ "upload-length": "10", "upload-metadata": `path ${b64("/small.txt")}` }));
    expect(created.status).toBe(201);
    const location = created.headers.get("location")!;
    const patch = (offset: string, body: string, type = "application/offset+octet-stream") =>
      fetch(`${box.base}${location}`, { method: "PATCH", body, headers: tusHeaders({ "upload-offset": offset, "content-type": type }) });
    expect((await patch("3", "abc")).status).toBe(409);
    expect((await patch("0", "abc", "text/plain")).status).toBe(415);
    expect((await patch("0", "this is far too long")).status).toBe(409);
    expect((await patch("0", "hello")).headers.get("upload-offset")).toBe("5");
    const head = await fetch(`${box.base}${location}`, { method: "HEAD", headers: tusHeaders() });
    expect(head.headers.get("upload-offset")).toBe("5");
    const done = await patch("5", "world");
    expect(done.status).toBe(204);
    expect(await (await fetch(`${box.base}/api/files/content?path=/small.txt`, { headers: { cookie } })).text()).toBe("helloworld");
    expect((await fetch(`${box.base}/api/files/uploads/${"0".repeat(32)}`, { method: "HEAD", headers: tusHeaders() })).status).toBe(404);
    expect((await fetch(`${box.base}${location}`, { method: "HEAD", headers: { "tus-resumable": "1.0.0" } })).status).toBe(401);
  });

  test("two large PATCHes, the second from an odd offset, give the exact file (both go past the direct-I/O threshold)", async () => {
    const bytes = new Uint8Array(2 * 10 * 1024 * 1024 + 4321).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
    const cut = 10 * 1024 * 1024 + 123;
    const created = await fetch(`${box.base}/api/files/uploads/`, {
      method: "POST",
      headers: tusHeaders({ "upload-length": String(bytes.byteLength), "upload-metadata": `path ${b64("/two parts.bin")}` }),
    });
    const location = created.headers.get("location")!;
    const patch = (offset: number, body: Uint8Array<ArrayBuffer>) =>
      fetch(`${box.base}${location}`, { method: "PATCH", body, headers: tusHeaders({ "upload-offset": String(offset), "content-type": "application/offset+octet-stream" }) });
    expect((await patch(0, bytes.slice(0, cut))).headers.get("upload-offset")).toBe(String(cut));
    expect((await patch(cut, bytes.slice(cut))).status).toBe(204);
    const entry = await (await fetch(`${box.base}/api/files/stat?path=${encodeURIComponent("/two parts.bin")}`, { headers: { cookie } })).json();
    expect(entry.sha256).toBe(new Bun.CryptoHasher("sha256").update(bytes).digest("hex"));
    const download = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent("/two parts.bin")}`, { headers: { cookie } });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });

  test("termination removes the partial bytes", async () => {
    const created = await fetch(`${box.base}/api/files/uploads/`, {
      method: "POST",
      headers: tusHeaders({ "upload-length": "100", "upload-metadata": `path ${b64("/cancelled.bin")}` }),
    });
    const location = created.headers.get("location")!;
    expect((await fetch(`${box.base}${location}`, { method: "DELETE", headers: tusHeaders() })).status).toBe(204);
    expect((await fetch(`${box.base}${location}`, { method: "HEAD", headers: tusHeaders() })).status).toBe(404);
    expect((await fetch(`${box.base}/api/files/stat?path=/cancelled.bin`, { headers: { cookie } })).status).toBe(404);
  });
});

