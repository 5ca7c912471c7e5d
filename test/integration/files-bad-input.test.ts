// What the Drive does with paths and bodies it must not accept: the right
// 4xx, nothing written outside (or inside) the person's folder, and a box
// that keeps working. Links planted on disk: files-symlinks.test.ts; a full
// disk: files-storage-full.test.ts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { errorOf, rawRequest } from "../helpers/http";
import { bytesOf, DriveClient, eventually, namesOnDisk, sha256, startDrive, type DriveTestBox } from "../helpers/drive";

let box: DriveTestBox;
let drive: DriveClient;
const etcPasswd = readFileSync("/etc/passwd");
beforeAll(async () => {
  box = await startDrive();
  drive = box.drive;
  expect((await drive.mkdir("/Documents")).status).toBe(201);
  expect((await drive.put("/Documents/keep.txt", "keep me")).status).toBe(201);
});
afterAll(() => box.appliance.dispose());

async function expectError(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  const error = await errorOf(response);
  if (code) expect(error.code).toBe(code);
}

/** A raw request line sent as written, with the owner's cookie. */
const raw = (line: string, headers: Record<string, string> = {}) =>
  rawRequest(box.appliance.port, line, { cookie: drive.cookie ?? "", ...headers });

function expectNothingOutside() {
  expect(readFileSync("/etc/passwd")).toEqual(etcPasswd);
  expect(existsSync(join(box.appliance.dataDir, "files", "etc"))).toBe(false);
  expect(namesOnDisk(join(box.appliance.dataDir, "files"))).toEqual(["alice"]);
}

describe("paths that try to climb out", () => {
  for (const query of ["../etc/passwd", "/../../etc/passwd", "/Documents/../../../etc/passwd", "..", "/Documents/.."]) {
    test(`"${query}" is 400 invalid_path on download, listing, upload and folder creation`, async () => {
      await expectError(await drive.get(query), 400, "invalid_path");
      await expectError(await drive.listResponse(query), 400, "invalid_path");
      await expectError(await drive.put(query, "pwned"), 400, "invalid_path");
      await expectError(await drive.mkdir(query, true), 400, "invalid_path");
      expectNothingOutside();
    });
  }

  for (const encoded of ["%2e%2e/%2e%2e/etc/passwd", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%2f..%2fetc%2fpasswd", "%2fDocuments%2f..%2f..%2fetc"]) {
    test(`the encoded spelling ${encoded} is 400 invalid_path and never /etc's bytes`, async () => {
      const got = await raw(`GET /api/files/content?path=${encoded} HTTP/1.1`);
      expect(got.status).toBe(400);
      expect(got.body).not.toContain("root:");
      expect((await raw(`PUT /api/files/content?path=${encoded} HTTP/1.1`, { "content-length": "5" })).status).toBe(400);
      expectNothingOutside();
    });
  }

  test("a double-encoded %252e%252e is a plain name inside the person's folder, not a way out", async () => {
    expect((await drive.mkdir("/%2e%2e")).status).toBe(201);
    const put = await fetch(`${box.appliance.base}/api/files/content?path=/%252e%252e/x.txt`, { method: "PUT", body: "hi", headers: { cookie: drive.cookie ?? "" } });
    expect([200, 201]).toContain(put.status);
    expect(readFileSync(join(box.root, "%2e%2e", "x.txt"), "utf8")).toBe("hi");
    expectNothingOutside();
  });

  test('the move and copy targets are checked too: "../" in "to" is 400', async () => {
    await expectError(await drive.move("/Documents/keep.txt", "/../keep.txt"), 400, "invalid_path");
    await expectError(await drive.copy("/Documents/keep.txt", "../../tmp/keep.txt"), 400, "invalid_path");
    expect(await drive.names("/Documents")).toEqual(["keep.txt"]);
  });
});

describe("names that are not names", () => {
  test('"/etc/passwd" is just a path inside the person\'s folder; the system\'s file is never touched', async () => {
    await expectError(await drive.put("/etc/passwd", "mine"), 409, "parent_missing");
    expect((await drive.mkdir("/etc")).status).toBe(201);
    expect((await drive.put("/etc/passwd", "mine")).status).toBe(201);
    expect(await (await drive.get("/etc/passwd")).text()).toBe("mine");
    expect(readFileSync(join(box.root, "etc/passwd"), "utf8")).toBe("mine");
    expect(readFileSync("/etc/passwd")).toEqual(etcPasswd);
    expect((await drive.put("/etc/passwd", "mine again", { overwrite: true })).status).toBe(200);
    expect(readFileSync("/etc/passwd")).toEqual(etcPasswd);
  });

  test("a NUL character in the path is 400 and nothing is written", async () => {
    const response = await raw("PUT /api/files/content?path=/Documents/evil%00.txt HTTP/1.1", { "content-length": "3" });
    expect(response.status).toBe(400);
    await expectError(await drive.put("/Documents/a\0b.txt", "x"), 400, "invalid_path");
    expect(namesOnDisk(join(box.root, "Documents"))).toEqual(["keep.txt"]);
  });

  test("a control character in a name is 400", async () => {
    await expectError(await drive.put("/Documents/line\nbreak.txt", "x"), 400, "invalid_path");
    await expectError(await drive.mkdir("/Documents/tab\there"), 400, "invalid_path");
  });

  test("a name over 255 bytes is 400, counted in bytes", async () => {
    await expectError(await drive.put(`/Documents/${"a".repeat(256)}`, "x"), 400, "invalid_path");
    await expectError(await drive.put(`/Documents/${"é".repeat(128)}`, "x"), 400, "invalid_path");
    expect((await drive.put(`/Documents/${"é".repeat(127)}`, "x")).status).toBe(201);
    expect(namesOnDisk(join(box.root, "Documents"))).toEqual(["keep.txt", "é".repeat(127)].sort());
  });

  test("a path longer than 4096 characters is refused with a 4xx", async () => {
    const response = await drive.get(`/${"abc/".repeat(1100)}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  test("PUT onto a folder is 409 is_a_folder and the folder keeps its content", async () => {
    await expectError(await drive.put("/Documents", "x", { overwrite: true }), 409, "is_a_folder");
    await expectError(await drive.put("/", "x", { overwrite: true }), 409, "is_a_folder");
    expect(await drive.names("/Documents")).toContain("keep.txt");
  });

  test("PUT under a file (as if it were a folder) is 409", async () => {
    await expectError(await drive.put("/Documents/keep.txt/inner.txt", "x"), 409, "not_a_folder");
    expect(readFileSync(join(box.root, "Documents/keep.txt"), "utf8")).toBe("keep me");
  });
});

describe("wrong bodies on /api/files/move", () => {
  const post = (body: string, type: string | null, extra: Record<string, string> = {}) =>
    drive.request("POST", "/move", {}, { body, headers: { ...(type ? { "content-type": type } : {}), ...extra } });
  const valid = JSON.stringify({ from: "/Documents/keep.txt", to: "/moved.txt" });

  test("text/plain is 415", async () => expectError(await post(valid, "text/plain"), 415, "unsupported_media_type"));
  test("no content type is 415", async () => expectError(await post(valid, null), 415, "unsupported_media_type"));
  test("malformed JSON is 400", async () => expectError(await post('{"from": "/Documents/keep.txt",', "application/json"), 400, "malformed_body"));
  test("a missing field is 422", async () => expectError(await post(JSON.stringify({ from: "/Documents/keep.txt" }), "application/json"), 422, "validation_failed"));
  test("a field of the wrong type is 422", async () => expectError(await post(JSON.stringify({ from: 5, to: "/x" }), "application/json"), 422, "validation_failed"));
  test("an unknown field is 422", async () => expectError(await post(JSON.stringify({ from: "/Documents/keep.txt", to: "/x", force: true }), "application/json"), 422));
  test("a JSON array is 422", async () => expectError(await post("[]", "application/json"), 422));
  test("a 100 KB body is 413", async () => {
    const padding = "x".repeat(100 * 1024);
    await expectError(await post(JSON.stringify({ from: "/Documents/keep.txt", to: `/${padding}` }), "application/json"), 413, "payload_too_large");
  });

  test("nothing moved", async () => {
    expect(await drive.names("/Documents")).toContain("keep.txt");
    expect(await drive.names("/")).not.toContain("moved.txt");
  });
});

describe("uploads that collide or are cut", () => {
  test("two uploads to the same path at once: one 201, the other 409, and the content is exactly one of them", async () => {
    const first = bytesOf(8 * 1024 * 1024, "first");
    const second = bytesOf(8 * 1024 * 1024, "second");
    const statuses: number[] = [];
    const codes: string[] = [];
    await Promise.all(
      [first, second].map(async (body) => {
        const response = await drive.put("/race.bin", body, { headers: { connection: "close" } });
        statuses.push(response.status);
        if (response.status === 409) codes.push((await errorOf(response)).code);
        else await response.arrayBuffer();
      }),
    );
    expect(statuses.sort()).toEqual([201, 409]);
    expect(["write_in_progress", "exists"]).toContain(codes[0] ?? "");
    const stored = sha256(await drive.bytes("/race.bin"));
    expect([sha256(first), sha256(second)]).toContain(stored);
    expect(sha256(new Uint8Array(readFileSync(join(box.root, "race.bin"))))).toBe(stored);
    expect((await drive.list("/")).find((e) => e.name === "race.bin")?.sha256).toBe(stored);
  });

  test("a client that disconnects mid-upload leaves no file, nothing in <data>/tmp, and the path free", async () => {
    const total = 4 * 1024 * 1024;
    const socket = connect(box.appliance.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.on("error", () => undefined);
    socket.write(
      `PUT /api/files/content?path=/cut.bin HTTP/1.1\r\nHost: localhost\r\nCookie: ${drive.cookie}\r\nContent-Length: ${total}\r\n\r\n`,
    );
    await new Promise<void>((resolve) => socket.write(bytesOf(total / 2, "half"), () => resolve()));
    // The upload has started streaming into <data>/tmp before the client goes away.
    const tmp = join(box.appliance.dataDir, "tmp");
    expect(await eventually(() => readdirSync(tmp).length > 0, 5_000, 20)).toBe(true);
    socket.destroy();
    expect(await eventually(() => readdirSync(tmp).length === 0)).toBe(true);
    expect(await drive.names("/")).not.toContain("cut.bin");
    expect(existsSync(join(box.root, "cut.bin"))).toBe(false);
    // The same path can be written right after: nothing is left holding it.
    expect((await drive.put("/cut.bin", "complete")).status).toBe(201);
    expect(await (await drive.get("/cut.bin")).text()).toBe("complete");
  });

  test("a body shorter than its Content-Length never becomes a file", async () => {
    const socket = connect(box.appliance.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.on("error", () => undefined);
    socket.end(`PUT /api/files/content?path=/short.bin HTTP/1.1\r\nHost: localhost\r\nCookie: ${drive.cookie}\r\nContent-Length: 1000\r\n\r\nonly this`);
    await new Promise((resolve) => socket.once("close", resolve));
    expect(await eventually(() => readdirSync(join(box.appliance.dataDir, "tmp")).length === 0)).toBe(true);
    expect(await drive.names("/")).not.toContain("short.bin");
  });

  test("after all this the box still answers and the files are intact", async () => {
    expect(await (await drive.get("/Documents/keep.txt")).text()).toBe("keep me");
    expectNothingOutside();
  });
});
