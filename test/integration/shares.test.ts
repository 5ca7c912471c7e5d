// Share links, from the owner's side and a visitor's: a link gives access to
// exactly what it names, honours its password and expiry, and can be revoked.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { jsonRequest, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

let box: TestAppliance;
let cookie: string;

async function put(path: string, body: string) {
  const response = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent(path)}`, { method: "PUT", body, headers: { cookie } });
  expect(response.status).toBe(201);
}

async function share(path: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${box.base}/api/shares`, jsonRequest("POST", { path, ...extra }, { cookie }));
  return { status: response.status, body: (await response.json()) as { id: number; url: string; hasPassword: boolean; error?: { code: string } } };
}

const tokenOf = (url: string) => url.slice("/s/".length);
const visit = (token: string, suffix = "", headers: Record<string, string> = {}) => fetch(`${box.base}/api/public/shares/${token}${suffix}`, { headers });

beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
  await fetch(`${box.base}/api/files/folders`, jsonRequest("POST", { path: "/Holidays/Day 1", parents: true }, { cookie }));
  await put("/Holidays/Day 1/beach.txt", "sand and sea");
  await put("/Holidays/notes.txt", "remember sunscreen");
  await fetch(`${box.base}/api/files/folders`, jsonRequest("POST", { path: "/Private" }, { cookie }));
  await put("/Private/diary.txt", "secret thoughts");
});
afterAll(() => box.dispose());

describe("share links", () => {
  test("a folder link lists and downloads what is inside, and nothing outside", async () => {
    const { status, body } = await share("/Holidays");
    expect(status).toBe(201);
    expect(body.url).toStartWith("/s/");
    const token = tokenOf(body.url);
    const info = await (await visit(token)).json();
    expect(info).toMatchObject({ name: "Holidays", kind: "folder", path: "/", needsPassword: false });
    const listing = await (await visit(token, "/list")).json();
    expect(listing.entries.map((e: { name: string }) => e.name).sort()).toEqual(["Day 1", "notes.txt"]);
    expect(JSON.stringify(listing)).not.toContain("/Holidays"); // the owner's paths are not revealed
    expect(await (await visit(token, `/content?path=${encodeURIComponent("/Day 1/beach.txt")}`)).text()).toBe("sand and sea");
    for (const escape of ["/../Private/diary.txt", "/..%2fPrivate/diary.txt", "%2e%2e/Private/diary.txt"]) {
      const response = await visit(token, `/content?path=${escape}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain("secret thoughts");
    }
    const zip = await visit(token, "/zip");
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
  });

  test("a password-protected link refuses until unlocked, and counts wrong guesses", async () => {
    const { body } = await share("/Holidays/notes.txt", { password: "open sesame" });
    expect(body.hasPassword).toBe(true);
    const token = tokenOf(body.url);
    expect((await (await visit(token)).json()).needsPassword).toBe(true);
    const locked = await visit(token, "/content");
    expect(locked.status).toBe(401);
    expect((await locked.json()).error.code).toBe("password_required");
    const wrong = await fetch(`${box.base}/api/public/shares/${token}/unlock`, jsonRequest("POST", { password: "guess" }));
    expect(wrong.status).toBe(401);
    const right = await fetch(`${box.base}/api/public/shares/${token}/unlock`, jsonRequest("POST", { password: "open sesame" }));
    expect(right.status).toBe(204);
    const proof = right.headers.get("set-cookie")!.split(";")[0]!;
    expect(right.headers.get("set-cookie")).toContain("HttpOnly");
    expect(await (await visit(token, "/content", { cookie: proof })).text()).toBe("remember sunscreen");
    // The proof of one link opens no other link.
    const other = tokenOf((await share("/Private/diary.txt", { password: "another one" })).body.url);
    expect((await visit(other, "/content", { cookie: proof })).status).toBe(401);
  });

  test("an expired link answers 410 and a revoked one 404", async () => {
    const past = await share("/Holidays/notes.txt", { expiresAt: Date.now() - 1000 });
    expect(past.status).toBe(422);
    const { body } = await share("/Holidays/notes.txt");
    const token = tokenOf(body.url);
    expect((await visit(token, "/content")).status).toBe(200);
    const revoke = await fetch(`${box.base}/api/shares/${body.id}`, { method: "DELETE", headers: { cookie } });
    expect(revoke.status).toBe(204);
    expect((await visit(token, "/content")).status).toBe(404);
  });

  test("a link follows its file when renamed and dies with it when deleted", async () => {
    await put("/Holidays/map.txt", "north is up");
    const token = tokenOf((await share("/Holidays/map.txt")).body.url);
    await fetch(`${box.base}/api/files/move`, jsonRequest("POST", { from: "/Holidays/map.txt", to: "/Holidays/old map.txt" }, { cookie }));
    expect(await (await visit(token, "/content")).text()).toBe("north is up");
    await fetch(`${box.base}/api/files?path=${encodeURIComponent("/Holidays/old map.txt")}`, { method: "DELETE", headers: { cookie } });
    expect((await visit(token, "/content")).status).toBe(404);
  });

  test("bad input: unknown or oversized tokens, sharing the root, another person's share id", async () => {
    expect((await visit("nope")).status).toBe(404);
    expect((await visit("x".repeat(65))).status).toBe(422);
    expect((await share("/")).status).toBe(409);
    expect((await share("/missing.txt")).status).toBe(404);
    expect((await fetch(`${box.base}/api/shares/999999`, { method: "DELETE", headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${box.base}/api/shares`, jsonRequest("POST", { path: "/Holidays" }))).status).toBe(401);
  });

  test("a visitor's errors never reveal the owner's paths, and a locked link reveals nothing", async () => {
    const folderToken = tokenOf((await share("/Holidays")).body.url);
    for (const suffix of ["/content?path=/nope.txt", `/content?path=${encodeURIComponent("/Day 1")}`, "/content"]) {
      const response = await visit(folderToken, suffix);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain("/Holidays");
    }
    const fileToken = tokenOf((await share("/Holidays/notes.txt")).body.url);
    expect(await (await visit(fileToken, "/list")).text()).not.toContain("/Holidays");
    const locked = tokenOf((await share("/Private/diary.txt", { password: "hidden one" })).body.url);
    const info = await (await visit(locked)).json();
    expect(info.needsPassword).toBe(true);
    expect(JSON.stringify(info)).not.toContain("diary");
    expect(info.size).toBeUndefined();
  });

  test("unlocking a link one knows does not reset the count of wrong guesses on another", async () => {
    const target = tokenOf((await share("/Private/diary.txt", { password: "target secret" })).body.url);
    const mine = tokenOf((await share("/Holidays/notes.txt", { password: "my own link" })).body.url);
    const unlock = (token: string, password: string) =>
      fetch(`${box.base}/api/public/shares/${token}/unlock`, jsonRequest("POST", { password }));
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let guess = 0; guess < 3; guess++) statuses.push((await unlock(target, `wrong ${round}-${guess}`)).status);
      await unlock(mine, "my own link");
    }
    expect(statuses).toContain(429);
  });

  test("the owner lists the links of an item", async () => {
    const listing = await (await fetch(`${box.base}/api/shares?path=${encodeURIComponent("/Holidays")}`, { headers: { cookie } })).json();
    expect(listing.shares.length).toBeGreaterThanOrEqual(1);
    expect(listing.shares.every((s: { path: string }) => s.path === "/Holidays")).toBe(true);
  });
});
