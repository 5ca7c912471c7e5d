// One JSON line per request, and never a secret: no passphrase, no session
// token, no query string (which may carry a token).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLogger, jsonRequest, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const lines: string[] = [];
let box: TestAppliance;
let cookie: string;

beforeAll(async () => {
  box = await startTestAppliance({ logger: createLogger("debug", (line) => void lines.push(line)) });
  cookie = await setupOwner(box.base);
  await fetch(`${box.base}/api/auth/login`, jsonRequest("POST", OWNER));
  await fetch(`${box.base}/api/auth/login`, jsonRequest("POST", { name: OWNER.name, passphrase: "a wrong passphrase here" }));
  await fetch(`${box.base}/api/system/health?token=query-secret-123`);
  await fetch(`${box.base}/api/auth/me`, { headers: { cookie } });
  await Bun.sleep(50); // the request line is written after the answer is sent
});
afterAll(() => box.dispose());

const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const requestEntries = () => entries().filter((entry) => entry.msg === "request");

describe("the request log", () => {
  test("is one JSON object per line", () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.endsWith("\n")).toBe(true);
      expect(line.trim().includes("\n")).toBe(false);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  test("has a line per request with method, path, status and a request id", () => {
    const signIns = requestEntries().filter((entry) => entry.path === "/api/auth/login");
    expect(signIns.map((entry) => entry.status).sort()).toEqual([200, 401]);
    expect(requestEntries().find((entry) => entry.path === "/api/auth/setup")?.status).toBe(201);
    for (const entry of requestEntries()) {
      expect(entry.method).toEqual(expect.any(String));
      expect(entry.requestId).toEqual(expect.any(String));
    }
  });

  test("never contains a passphrase, a session token or a query string", () => {
    const all = lines.join("");
    expect(all).not.toContain(OWNER.passphrase);
    expect(all).not.toContain("a wrong passphrase here");
    expect(all).not.toContain(cookie.split("=")[1] ?? "-");
    expect(all).not.toContain("query-secret-123");
    expect(requestEntries().some((entry) => entry.path === "/api/system/health")).toBe(true);
  });
});
