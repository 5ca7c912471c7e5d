// The Drive over REST, as the web UI and scripts use it: folders, uploads,
// downloads (Range, ETag), overwrites, free space, and who may do it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { errorOf } from "../helpers/http";
import { bytesOf, DriveClient, PNG_1X1, sha256, startDrive, type DriveTestBox, type Entry } from "../helpers/drive";

let box: DriveTestBox;
let drive: DriveClient;
beforeAll(async () => {
  box = await startDrive();
  drive = box.drive;
});
afterAll(() => box.appliance.dispose());

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect((await errorOf(response)).code).toBe(code);
}

const entryOf = async (folder: string, name: string): Promise<Entry | undefined> => (await drive.list(folder)).find((e) => e.name === name);

describe("folders", () => {
  test("creating a folder answers 201 and it is listed and on disk", async () => {
    const response = await drive.mkdir("/Documents");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ path: "/Documents", name: "Documents", kind: "folder" });
    expect(await entryOf("/", "Documents")).toMatchObject({ kind: "folder", mime: "inode/directory" });
    expect(statSync(join(box.root, "Documents")).isDirectory()).toBe(true);
  });

  test("parents:true creates every missing folder on the way", async () => {
    expect((await drive.mkdir("/Photos/2024/Summer", true)).status).toBe(201);
    expect(await drive.names("/Photos")).toEqual(["2024"]);
    expect(await drive.names("/Photos/2024")).toEqual(["Summer"]);
    expect(statSync(join(box.root, "Photos/2024/Summer")).isDirectory()).toBe(true);
  });

  test("a folder under a missing parent, without parents, is 409 parent_missing and nothing is made", async () => {
    await expectError(await drive.mkdir("/Nowhere/Inner"), 409, "parent_missing");
    expect(existsSync(join(box.root, "Nowhere"))).toBe(false);
    expect(await drive.names("/")).not.toContain("Nowhere");
  });

  test("a folder that exists already is 409 exists", async () => {
    await expectError(await drive.mkdir("/Documents"), 409, "exists");
  });
});

describe("upload and download", () => {
  const text = new TextEncoder().encode("Dear Alice,\nthe rent is due.\n");

  test("PUT raw bytes answers 201; the listing shows name, size, mime and the sha256 of the bytes", async () => {
    const response = await drive.put("/Documents/letter.txt", text);
    expect(response.status).toBe(201);
    const entry = await entryOf("/Documents", "letter.txt");
    expect(entry).toMatchObject({ path: "/Documents/letter.txt", kind: "file", size: text.byteLength, mime: "text/plain", sha256: sha256(text) });
    expect(new Uint8Array(readFileSync(join(box.root, "Documents/letter.txt")))).toEqual(text);
  });

  test("the type comes from the content: a PNG named .txt is image/png", async () => {
    expect((await drive.put("/Documents/not-text.txt", PNG_1X1)).status).toBe(201);
    expect(await entryOf("/Documents", "not-text.txt")).toMatchObject({ mime: "image/png", size: PNG_1X1.byteLength, sha256: sha256(PNG_1X1) });
  });

  test("a 3 MB binary file downloads byte for byte", async () => {
    const big = bytesOf(3 * 1024 * 1024 + 7, "big");
    expect((await drive.put("/big.bin", big)).status).toBe(201);
    const response = await drive.get("/big.bin");
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(big));
  });

  test("a large download declares its size (Content-Length), so a browser shows progress and the size", async () => {
    const response = await drive.get("/big.bin");
    await response.arrayBuffer();
    expect(response.headers.get("content-length")).toBe(String(3 * 1024 * 1024 + 7));
  });

  test("a Range inside a large file (a video seek) gets exactly those bytes", async () => {
    const big = bytesOf(3 * 1024 * 1024 + 7, "big");
    const response = await drive.get("/big.bin", { range: "bytes=1000000-1000099" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 1000000-1000099/${big.byteLength}`);
    const got = new Uint8Array(await response.arrayBuffer());
    expect(got.byteLength).toBe(100);
    expect(sha256(got)).toBe(sha256(big.subarray(1_000_000, 1_000_100)));
  });

  test("an empty file can be uploaded and downloaded", async () => {
    expect((await drive.put("/empty.txt", new Uint8Array(0))).status).toBe(201);
    expect(await entryOf("/", "empty.txt")).toMatchObject({ size: 0 });
    expect((await drive.bytes("/empty.txt")).byteLength).toBe(0);
  });

  test("a Range request gets 206 with Content-Range and exactly those bytes", async () => {
    const response = await drive.get("/Documents/letter.txt", { range: "bytes=5-9" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 5-9/${text.byteLength}`);
    expect(await response.text()).toBe("Alice");
  });

  test("a suffix range gets the last bytes", async () => {
    const response = await drive.get("/Documents/letter.txt", { range: "bytes=-6" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${text.byteLength - 6}-${text.byteLength - 1}/${text.byteLength}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(text.subarray(text.byteLength - 6));
  });

  test("a range past the end is 416 with the size in Content-Range", async () => {
    const response = await drive.get("/Documents/letter.txt", { range: `bytes=${text.byteLength + 10}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${text.byteLength}`);
  });

  test("If-None-Match with the ETag is 304 without a body; after a change the old ETag gets 200", async () => {
    const first = await drive.get("/Documents/letter.txt");
    const etag = first.headers.get("etag") ?? "";
    await first.arrayBuffer();
    expect(etag).not.toBe("");
    const again = await drive.get("/Documents/letter.txt", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await drive.put("/Documents/letter.txt", "changed", { overwrite: true })).status).toBe(200);
    const changed = await drive.get("/Documents/letter.txt", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe("changed");
  });

  test("a file that is not there is 404, and a folder's content is 409 is_a_folder", async () => {
    await expectError(await drive.get("/Documents/missing.txt"), 404, "not_found");
    await expectError(await drive.get("/Documents"), 409, "is_a_folder");
  });
});

describe("overwrites and versions", () => {
  test("PUT onto an existing file without overwrite=1 is 409 exists and the content stays", async () => {
    expect((await drive.put("/budget.csv", "v1")).status).toBe(201);
    await expectError(await drive.put("/budget.csv", "v2"), 409, "exists");
    expect(await (await drive.get("/budget.csv")).text()).toBe("v1");
  });

  test("with overwrite=1 it answers 200 and the replaced content is kept as a version", async () => {
    const response = await drive.put("/budget.csv", "v2", { overwrite: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ size: 2, sha256: sha256("v2") });
    expect(await (await drive.get("/budget.csv")).text()).toBe("v2");
    const versions = await drive.versions("/budget.csv");
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ size: 2, sha256: sha256("v1") });
  });
});

describe("what a person's files may never do", () => {
  const page = "<!doctype html><script>fetch('/api/auth/me').then(r=>r.text()).then(alert)</script>";

  test("an HTML file is served as an attachment with a sandboxing CSP, even with inline=1", async () => {
    expect((await drive.put("/page.html", page)).status).toBe(201);
    for (const inline of [{}, { inline: "1" }] as Record<string, string>[]) {
      const response = await drive.get("/page.html", {}, inline);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toStartWith("attachment");
      expect(response.headers.get("content-type")).not.toContain("html");
      expect(response.headers.get("content-security-policy")).toContain("sandbox");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await response.text()).toBe(page);
    }
  });

  test("an SVG with a script is also an attachment with a sandboxing CSP", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect((await drive.put("/drawing.svg", svg)).status).toBe(201);
    const response = await drive.get("/drawing.svg", {}, { inline: "1" });
    expect(response.headers.get("content-disposition")).toStartWith("attachment");
    expect(response.headers.get("content-type")).not.toContain("svg");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });

  test("a photo asked inline is inline, still under the sandboxing CSP", async () => {
    expect((await drive.put("/dot.png", PNG_1X1)).status).toBe(201);
    const response = await drive.get("/dot.png", {}, { inline: "1" });
    expect(response.headers.get("content-disposition")).toStartWith("inline");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });
});

test("GET /api/files/space gives free and total bytes of the data volume", async () => {
  const response = await drive.request("GET", "/space");
  expect(response.status).toBe(200);
  const space = (await response.json()) as { freeBytes: number; totalBytes: number };
  expect(space.freeBytes).toBeGreaterThan(0);
  expect(space.totalBytes).toBeGreaterThan(space.freeBytes);
});

describe("anonymous requests are 401 on every route, and change nothing", () => {
  const anonymous = () => new DriveClient(box.appliance.base, null);
  const calls: [string, () => Promise<Response>][] = [
    ["list", () => anonymous().listResponse("/")],
    ["stat", () => anonymous().stat("/budget.csv")],
    ["download", () => anonymous().get("/budget.csv")],
    ["upload", () => anonymous().put("/intruder.txt", "x")],
    ["create folder", () => anonymous().mkdir("/Intruder")],
    ["move", () => anonymous().move("/budget.csv", "/stolen.csv")],
    ["copy", () => anonymous().copy("/budget.csv", "/stolen.csv")],
    ["delete", () => anonymous().remove("/budget.csv")],
    ["trash", () => anonymous().request("GET", "/trash")],
    ["restore", () => anonymous().restore(1)],
    ["empty trash", () => anonymous().emptyTrash()],
    ["versions", () => anonymous().request("GET", "/versions", { path: "/budget.csv" })],
    ["version content", () => anonymous().request("GET", "/versions/1/content")],
    ["restore version", () => anonymous().request("POST", "/versions/1/restore")],
    ["space", () => anonymous().request("GET", "/space")],
  ];
  for (const [what, call] of calls) {
    test(what, async () => {
      const response = await call();
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("v2");
    });
  }

  test("nothing changed", async () => {
    expect(await drive.names("/")).not.toContain("intruder.txt");
    expect(await drive.names("/")).not.toContain("stolen.csv");
    expect(await drive.names("/")).not.toContain("Intruder");
    expect(await (await drive.get("/budget.csv")).text()).toBe("v2");
  });
});
