// What the box does with bodies it cannot or must not accept: the right 4xx,
// a clear {error:{code,message,field?}}, nothing written, and still alive.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { errorOf, openConnection } from "../helpers/http";
import { jsonRequest, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

let fresh: TestAppliance; // never set up: every refused setup must leave it so
let owned: TestAppliance; // set up, with the owner's cookie
let cookie: string;

beforeAll(async () => {
  [fresh, owned] = await Promise.all([startTestAppliance(), startTestAppliance()]);
  cookie = await setupOwner(owned.base);
});
afterAll(() => Promise.all([fresh.dispose(), owned.dispose()]));

const postRaw = (base: string, path: string, body: BodyInit, contentType: string | null, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { ...(contentType ? { "content-type": contentType } : {}), ...headers },
    body,
  });
const setup = (body: unknown) => fetch(`${fresh.base}/api/auth/setup`, jsonRequest("POST", body));

async function expectError(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  const error = await errorOf(response);
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}

async function expectStillNotSetUp() {
  expect(await (await fetch(`${fresh.base}/api/auth/setup`)).json()).toEqual({ required: true });
}

describe("bodies that are not JSON", () => {
  for (const [what, body] of [
    ["a truncated object", '{"name":"Alice",'],
    ["plain words", "name=Alice"],
    ["an empty body", ""],
  ] as const) {
    test(`${what} is 400 malformed_body`, async () => {
      await expectError(await postRaw(fresh.base, "/api/auth/setup", body, "application/json"), 400, "malformed_body");
      await expectStillNotSetUp();
    });
  }

  test("invalid UTF-8 bytes inside JSON are 400 malformed_body", async () => {
    const bytes = new Uint8Array([...Buffer.from('{"name":"Al'), 0xff, 0xfe, ...Buffer.from('ce","passphrase":"correct horse battery"}')]);
    await expectError(await postRaw(fresh.base, "/api/auth/setup", bytes, "application/json"), 400, "malformed_body");
    await expectStillNotSetUp();
  });

  test("malformed JSON from a signed-in person is 400 too", async () => {
    const response = await fetch(`${owned.base}/api/auth/me`, {
      method: "PATCH",
      headers: { "content-type": "application/json", cookie },
      body: "{locale: fr}",
    });
    await expectError(response, 400, "malformed_body");
  });

  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
    test(`content type ${type ?? "(none)"} is 415`, async () => {
      const response = await postRaw(fresh.base, "/api/auth/setup", JSON.stringify(OWNER), type);
      await expectError(response, 415, "unsupported_media_type");
      await expectStillNotSetUp();
    });
  }

  test("application/json with a charset parameter is accepted", async () => {
    const response = await postRaw(owned.base, "/api/auth/login", JSON.stringify(OWNER), "application/json; charset=utf-8");
    expect(response.status).toBe(200);
  });
});

describe("bodies of the wrong size", () => {
  test("a 10,000-character name is larger than the sign-in routes accept: 413 payload_too_large", async () => {
    const body = { name: "a".repeat(10_000), passphrase: OWNER.passphrase };
    const error = await expectError(await setup(body), 413, "payload_too_large");
    expect(Number(error.limitBytes)).toBeLessThan(JSON.stringify(body).length);
    await expectStillNotSetUp();
  });

  test("a 2,000-character name fits in the body but is refused with 422 naming the field", async () => {
    await expectError(await setup({ name: "a".repeat(2_000), passphrase: OWNER.passphrase }), 422, "validation_failed", "name");
    await expectStillNotSetUp();
  });

  test("a 2,000-character passphrase is refused with 422 naming the field", async () => {
    await expectError(await setup({ name: "Alice", passphrase: "p".repeat(2_000) }), 422, "validation_failed", "passphrase");
  });

  test("a 2 MB body is refused with 413 and the box still answers", async () => {
    const response = await postRaw(fresh.base, "/api/auth/setup", "x".repeat(2 * 1024 * 1024), "application/json");
    expect(response.status).toBe(413);
    await response.arrayBuffer();
    expect((await fetch(`${fresh.base}/api/system/health`)).status).toBe(200);
    await expectStillNotSetUp();
  });

  test("a 2 MB body sent without Content-Length (chunked) is cut off at the route's limit: 413", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(64 * 1024 - 2)}"`);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 32; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    // Connection: close because Bun's fetch client would reuse this socket while still streaming the
    // refused body (a client quirk; the server side of keep-alive is checked by the next test).
    const response = await fetch(`${fresh.base}/api/auth/setup`, {
      method: "POST",
      headers: { "content-type": "application/json", connection: "close" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(response, 413, "payload_too_large");
    expect((await fetch(`${fresh.base}/api/system/health`)).status).toBe(200);
  });

  test("after a refused chunked body, the next request on the same connection gets its own answer", async () => {
    // A client that keeps the connection (every browser does) sends its next request on it;
    // the unread rest of the refused body must not be taken for that request.
    const connection = await openConnection(fresh.port);
    try {
      const chunk = `10000\r\n${"x".repeat(0x10000)}\r\n`;
      await connection.write(
        "POST /api/auth/setup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
          chunk.repeat(4) +
          "0\r\n\r\n",
      );
      const refused = await connection.read();
      expect(refused?.status).toBe(413);
      if (refused?.headers.connection?.toLowerCase() === "close") return; // the server ends the connection: also right
      await connection.write("GET /api/system/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      const next = await connection.read();
      expect(next?.status).toBe(200);
    } finally {
      connection.close();
    }
  });
});

describe("bodies with the wrong fields", () => {
  test("JSON that is not an object is 422", async () => {
    for (const body of ["null", "[]", '"Alice"', "42"]) {
      const response = await postRaw(fresh.base, "/api/auth/setup", body, "application/json");
      await expectError(response, 422, "validation_failed");
    }
    await expectStillNotSetUp();
  });

  test("a missing field is 422 naming it", async () => {
    await expectError(await setup({ name: "Alice" }), 422, "validation_failed", "passphrase");
  });

  test("an unknown extra property is refused with 422, not silently dropped", async () => {
    const box = await startTestAppliance();
    try {
      const response = await fetch(`${box.base}/api/auth/setup`, jsonRequest("POST", { ...OWNER, role: "member" }));
      const error = await expectError(response, 422, "validation_failed");
      expect(error.field).toBe("role");
      expect(await (await fetch(`${box.base}/api/auth/setup`)).json()).toEqual({ required: true });
    } finally {
      await box.dispose();
    }
  });

  test("an extra property on a signed-in route is refused too", async () => {
    const response = await fetch(`${owned.base}/api/auth/me`, jsonRequest("PATCH", { locale: "fr", admin: true }, { cookie }));
    await expectError(response, 422, "validation_failed", "admin");
  });
});

describe("passphrase and name rules at setup", () => {
  test("a passphrase shorter than 10 characters is 422 naming passphrase", async () => {
    await expectError(await setup({ name: "Alice", passphrase: "short" }), 422, "validation_failed", "passphrase");
    await expectStillNotSetUp();
  });

  test("a passphrase that is the name is refused", async () => {
    const response = await setup({ name: "Alexandrina", passphrase: "ALEXANDRINA" });
    await expectError(response, 422, "validation_failed", "passphrase");
    await expectStillNotSetUp();
  });

  const badNames: [string, string][] = [
    ["a space inside", "al ice"],
    ["a parent-folder escape", "../x"],
    ["a slash", "a/b"],
    ["a backslash", "a\\b"],
    ["a NUL byte", "a\u0000b"],
    ["only dots", ".."],
    ["a leading dot", ".hidden"],
    ["33 characters", "a".repeat(33)],
    ["nothing but spaces", "   "],
    ["an empty string", ""],
  ];
  for (const [what, name] of badNames) {
    test(`a name with ${what} is 422 naming name, and no folder is created`, async () => {
      await expectError(await setup({ name, passphrase: OWNER.passphrase }), 422, "validation_failed", "name");
      await expectStillNotSetUp();
      const filesDir = join(fresh.dataDir, "files");
      expect(existsSync(filesDir) ? readdirSync(filesDir) : []).toEqual([]);
      expect(existsSync(join(fresh.dataDir, "x"))).toBe(false);
      expect(existsSync(join(dirname(fresh.dataDir), "x"))).toBe(false);
    });
  }
});
