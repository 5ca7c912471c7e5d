// WebDAV locks (class 2) and the If header, over real HTTP. "Someone else" is
// any client that does not submit the lock token: another device or program,
// even of the same person. The clock is the only fake: it lets the tests see
// locks time out without waiting an hour.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { FakeClock, HOUR, SECOND } from "../helpers/fake-clock";
import { LOCK_BODY, lockTokenOf, namesIn, SHARED_LOCK_BODY, startDavBox, type ApiEntry, type DavBox } from "../dav/dav-client";

const clock = new FakeClock();
let dav: DavBox;
beforeAll(async () => {
  dav = await startDavBox({ clock });
});
afterAll(() => dav.box.dispose());

async function lock(path: string, headers: Record<string, string> = {}, body = LOCK_BODY) {
  const response = await dav.dav("LOCK", path, { body, headers: { depth: "0", timeout: "Second-600", ...headers } });
  return { response, text: await response.text() };
}

async function fresh(path: string): Promise<void> {
  const response = await dav.dav("PUT", path, { body: "content" });
  expect([201, 204]).toContain(response.status);
}

describe("an exclusive lock", () => {
  let token = "";
  beforeAll(async () => {
    await fresh("/dav/locked.txt");
    await fresh("/dav/other.txt");
    const { response, text } = await lock("/dav/locked.txt");
    expect(response.status).toBe(200);
    token = lockTokenOf(response);
    expect(text).toContain(`<D:href>${token}</D:href>`);
    expect(text).toContain("<D:owner>tests</D:owner>");
    expect(text).toContain("<D:timeout>Second-600</D:timeout>");
  });

  test("is stored in dav_locks with its owner, scope and expiry", async () => {
    const { rows } = await dav.box.database.client.execute({ sql: "SELECT path, scope, depth, expires_at FROM dav_locks WHERE token = ?", args: [token] });
    expect(rows[0]).toMatchObject({ path: "/locked.txt", scope: "exclusive", depth: "0", expires_at: clock.now() + 600 * SECOND });
  });

  test("shows in lockdiscovery; reading is not blocked", async () => {
    const found = await dav.dav("PROPFIND", "/dav/locked.txt", { headers: { depth: "0" } });
    expect(await found.text()).toContain(token);
    expect((await dav.dav("GET", "/dav/locked.txt")).status).toBe(200);
  });

  test("refuses every change from someone without the token with 423", async () => {
    const attempts = [
      dav.dav("PUT", "/dav/locked.txt", { body: "overwrite" }),
      dav.dav("DELETE", "/dav/locked.txt"),
      dav.dav("MOVE", "/dav/locked.txt", { headers: { destination: "/dav/elsewhere.txt" } }),
      dav.dav("COPY", "/dav/other.txt", { headers: { destination: "/dav/locked.txt" } }),
      dav.dav("PROPPATCH", "/dav/locked.txt", {
        body: '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:a xmlns:x="urn:x">1</x:a></D:prop></D:set></D:propertyupdate>',
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(423);
      expect(await response.text()).toContain("<D:lock-token-submitted><D:href>/dav/locked.txt</D:href>");
    }
    expect(await (await dav.dav("GET", "/dav/locked.txt")).text()).toBe("content");
  });

  test("refuses a second lock, exclusive or shared, with 423 no-conflicting-lock", async () => {
    for (const body of [LOCK_BODY, SHARED_LOCK_BODY]) {
      const { response, text } = await lock("/dav/locked.txt", {}, body);
      expect(response.status).toBe(423);
      expect(text).toContain("no-conflicting-lock");
    }
  });

  test("lets the holder write with the token in the If header (untagged or tagged)", async () => {
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "mine", headers: { if: `(<${token}>)` } })).status).toBe(204);
    const tagged = `<${dav.box.base}/dav/locked.txt> (<${token}>)`;
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "mine again", headers: { if: tagged } })).status).toBe(204);
  });

  test("the If header is evaluated: a wrong token or ETag is 412; a Not list that holds without the token is 423", async () => {
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "x", headers: { if: "(<urn:uuid:00000000-0000-0000-0000-000000000000>)" } })).status).toBe(412);
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "x", headers: { if: `(<${token}> ["not-the-etag"])` } })).status).toBe(412);
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "x", headers: { if: "(Not <DAV:no-lock>)" } })).status).toBe(423);
    const etag = (await dav.dav("HEAD", "/dav/locked.txt")).headers.get("etag");
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "x", headers: { if: `(<${token}> [${etag}])` } })).status).toBe(204);
  });

  test("a malformed If header is 400", async () => {
    for (const header of ["<urn:x>", "(", "()", "(<a> junk)", "(<a>) <http://x/> (<b>)"]) {
      expect((await dav.dav("PUT", "/dav/other.txt", { body: "x", headers: { if: header } })).status).toBe(400);
    }
  });

  test("refresh: a LOCK without body and with the token in If renews it (capped)", async () => {
    const response = await dav.dav("LOCK", "/dav/locked.txt", { headers: { if: `(<${token}>)`, timeout: "Second-999999" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<D:timeout>Second-3600</D:timeout>");
    expect((await dav.dav("LOCK", "/dav/locked.txt", { headers: { if: "(<urn:uuid:nope>)" } })).status).toBe(412);
  });

  test("UNLOCK needs the lock's own token (409 otherwise); afterwards anyone may write", async () => {
    expect((await dav.dav("UNLOCK", "/dav/locked.txt", { headers: { "lock-token": "<urn:uuid:nope>" } })).status).toBe(409);
    expect((await dav.dav("UNLOCK", "/dav/other.txt", { headers: { "lock-token": `<${token}>` } })).status).toBe(409);
    expect((await dav.dav("UNLOCK", "/dav/locked.txt")).status).toBe(400);
    expect((await dav.dav("UNLOCK", "/dav/locked.txt", { headers: { "lock-token": `<${token}>` } })).status).toBe(204);
    expect((await dav.dav("PUT", "/dav/locked.txt", { body: "free" })).status).toBe(204);
  });
});

test("simultaneous exclusive LOCKs on one file: exactly one is granted", async () => {
  await fresh("/dav/contended.txt");
  const answers = await Promise.all(Array.from({ length: 6 }, () => dav.dav("LOCK", "/dav/contended.txt", { body: LOCK_BODY, headers: { depth: "0" } })));
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 423, 423, 423, 423, 423]);
});

describe("shared locks", () => {
  test("two shared locks coexist; either token lets its holder write; an exclusive one is refused", async () => {
    await fresh("/dav/shared.txt");
    const first = await lock("/dav/shared.txt", {}, SHARED_LOCK_BODY);
    const second = await lock("/dav/shared.txt", {}, SHARED_LOCK_BODY);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    expect((await lock("/dav/shared.txt")).response.status).toBe(423);
    expect((await dav.dav("PUT", "/dav/shared.txt", { body: "x" })).status).toBe(423);
    const secondToken = lockTokenOf(second.response);
    expect((await dav.dav("PUT", "/dav/shared.txt", { body: "x", headers: { if: `(<${secondToken}>)` } })).status).toBe(204);
  });
});

describe("a depth-infinity lock on a folder", () => {
  let token = "";
  beforeAll(async () => {
    await dav.dav("MKCOL", "/dav/Project");
    await fresh("/dav/Project/notes.txt");
    const { response } = await lock("/dav/Project/", { depth: "infinity" });
    expect(response.status).toBe(200);
    token = lockTokenOf(response);
  });

  test("covers its members and new members", async () => {
    expect((await dav.dav("PUT", "/dav/Project/notes.txt", { body: "x" })).status).toBe(423);
    expect((await dav.dav("PUT", "/dav/Project/new.txt", { body: "x" })).status).toBe(423);
    expect((await dav.dav("MKCOL", "/dav/Project/Sub")).status).toBe(423);
    expect((await dav.dav("DELETE", "/dav/Project/")).status).toBe(423);
    expect((await lock("/dav/Project/notes.txt")).response.status).toBe(423);
    const tagged = `<${dav.box.base}/dav/Project/> (<${token}>)`;
    expect((await dav.dav("PUT", "/dav/Project/new.txt", { body: "x", headers: { if: tagged } })).status).toBe(201);
  });

  test("is listed in a member's lockdiscovery and can be refreshed through a member", async () => {
    expect(await (await dav.dav("PROPFIND", "/dav/Project/notes.txt", { headers: { depth: "0" } })).text()).toContain(token);
    const refreshed = await dav.dav("LOCK", "/dav/Project/notes.txt", { headers: { if: `(<${token}>)` } });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.text()).toContain("<D:lockroot><D:href>/dav/Project/</D:href></D:lockroot>");
  });

  test("is not copied with a COPY, and goes with a DELETE made by its holder", async () => {
    expect((await dav.dav("COPY", "/dav/Project/", { headers: { destination: "/dav/ProjectCopy/" } })).status).toBe(201);
    expect((await dav.dav("PUT", "/dav/ProjectCopy/free.txt", { body: "x" })).status).toBe(201);
    expect((await dav.dav("DELETE", "/dav/Project/", { headers: { if: `(<${token}>)` } })).status).toBe(204);
    expect((await dav.dav("MKCOL", "/dav/Project")).status).toBe(201);
    expect((await dav.dav("PUT", "/dav/Project/notes.txt", { body: "x" })).status).toBe(201);
  });
});

describe("lock-null resources and timeouts", () => {
  test("locking an unmapped URL creates an empty file (201) that the Drive shows", async () => {
    const { response } = await lock("/dav/reserved.txt");
    expect(response.status).toBe(201);
    const entry = await dav.api<ApiEntry>("/api/files/stat?path=/reserved.txt");
    expect(entry).toMatchObject({ kind: "file", size: 0 });
    expect((await dav.dav("PUT", "/dav/reserved.txt", { body: "x", headers: { if: `(<${lockTokenOf(response)}>)` } })).status).toBe(204);
  });

  test("locking an unmapped URL under a missing folder is 409 and creates nothing", async () => {
    expect((await lock("/dav/Missing/file.txt")).response.status).toBe(409);
    expect(await namesIn(dav, "/")).not.toContain("Missing");
  });

  test("Timeout is capped at an hour (Infinite too), Depth 1 is refused", async () => {
    await fresh("/dav/capped.txt");
    const { response, text } = await lock("/dav/capped.txt", { timeout: "Infinite, Second-4100000000" });
    expect(response.status).toBe(200);
    expect(text).toContain("<D:timeout>Second-3600</D:timeout>");
    expect((await lock("/dav/other-capped.txt", { depth: "1" })).response.status).toBe(400);
  });

  test("an expired lock no longer applies and disappears", async () => {
    await fresh("/dav/expiring.txt");
    const { response } = await lock("/dav/expiring.txt", { timeout: "Second-60" });
    expect(response.status).toBe(200);
    expect((await dav.dav("PUT", "/dav/expiring.txt", { body: "x" })).status).toBe(423);
    clock.advance(HOUR + SECOND);
    expect((await dav.dav("PUT", "/dav/expiring.txt", { body: "x" })).status).toBe(204);
    const { rows } = await dav.box.database.client.execute({ sql: "SELECT count(*) AS n FROM dav_locks WHERE path = ?", args: ["/expiring.txt"] });
    expect(rows[0]?.n).toBe(0);
  });

  test("a lock goes when its file is deleted through another door (the REST API)", async () => {
    await fresh("/dav/rest-deleted.txt");
    expect((await lock("/dav/rest-deleted.txt")).response.status).toBe(200);
    const removed = await fetch(`${dav.box.base}/api/files?path=/rest-deleted.txt`, { method: "DELETE", headers: { cookie: dav.cookie } });
    expect(removed.status).toBe(200);
    await Bun.sleep(50);
    expect((await dav.dav("PUT", "/dav/rest-deleted.txt", { body: "again" })).status).toBe(201);
  });
});
