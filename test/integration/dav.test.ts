// The WebDAV door (/dav/) over real HTTP, with a real libsql file and real
// files: what a phone or a desktop client does, and that the Drive (REST API)
// sees the same thing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { parseMultistatus, startDavBox, xml, type ApiEntry, type DavBox, namesIn } from "../dav/dav-client";

let dav: DavBox;
beforeAll(async () => {
  dav = await startDavBox();
});
afterAll(() => dav.box.dispose());

const sha256 = (bytes: Uint8Array) => new Bun.CryptoHasher("sha256").update(bytes).digest("hex");

describe("discovery", () => {
  test("OPTIONS says class 1 and 2 and lists the methods", async () => {
    const response = await dav.dav("OPTIONS", "/dav/");
    expect(response.status).toBe(200);
    expect(response.headers.get("dav")).toBe("1, 2");
    const allow = response.headers.get("allow") ?? "";
    for (const method of ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PUT", "DELETE"]) expect(allow).toContain(method);
  });

  test("/dav without the slash is the root too", async () => {
    const response = await dav.dav("PROPFIND", "/dav", { headers: { depth: "0" } });
    expect(response.status).toBe(207);
    expect(parseMultistatus(await response.text())[0]?.href).toBe("/dav/");
  });

  test("answers carry the security headers and a sandboxing CSP", async () => {
    const response = await dav.dav("PROPFIND", "/dav/", { headers: { depth: "0" } });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("PROPFIND", () => {
  beforeAll(async () => {
    expect((await dav.dav("MKCOL", "/dav/Listing")).status).toBe(201);
    expect((await dav.dav("PUT", "/dav/Listing/a.txt", { body: "hello" })).status).toBe(201);
    expect((await dav.dav("MKCOL", "/dav/Listing/Sub")).status).toBe(201);
  });

  test("Depth 0 describes the resource alone, with its live properties", async () => {
    const response = await dav.dav("PROPFIND", "/dav/Listing/a.txt", { headers: { depth: "0" } });
    expect(response.status).toBe(207);
    expect(response.headers.get("content-type")).toContain("application/xml");
    const [only, ...rest] = parseMultistatus(await response.text());
    expect(rest).toHaveLength(0);
    expect(only?.href).toBe("/dav/Listing/a.txt");
    const prop = only?.propstat[0]?.prop as Record<string, unknown>;
    expect(only?.propstat[0]?.status).toBe("HTTP/1.1 200 OK");
    expect(String(prop.getcontentlength)).toBe("5");
    expect(prop.displayname).toBe("a.txt");
    expect(prop.getcontenttype).toBe("text/plain");
    expect(String(prop.getetag)).toMatch(/^".+"$/);
    expect(new Date(String(prop.getlastmodified)).getTime()).toBeGreaterThan(0);
    expect(prop.resourcetype).toBe("");
    expect(prop).toHaveProperty("supportedlock");
    expect(prop).toHaveProperty("lockdiscovery");
  });

  test("Depth 1 on a folder lists it and its members, folders marked as collections", async () => {
    const response = await dav.dav("PROPFIND", "/dav/Listing/", { headers: { depth: "1" } });
    const answers = parseMultistatus(await response.text());
    expect(answers.map((answer) => answer.href).sort()).toEqual(["/dav/Listing/", "/dav/Listing/Sub/", "/dav/Listing/a.txt"]);
    const sub = answers.find((answer) => answer.href === "/dav/Listing/Sub/");
    expect(sub?.propstat[0]?.prop.resourcetype).toHaveProperty("collection");
  });

  test("named properties: known ones with 200, unknown ones with 404", async () => {
    const body = xml('<a:propfind xmlns:a="DAV:"><a:prop><a:getetag/><z:nothing xmlns:z="urn:example"/></a:prop></a:propfind>');
    const response = await dav.dav("PROPFIND", "/dav/Listing/a.txt", { body, headers: { depth: "0" } });
    const [answer] = parseMultistatus(await response.text());
    const byStatus = Object.fromEntries((answer?.propstat ?? []).map((ps) => [ps.status, Object.keys(ps.prop)]));
    expect(byStatus["HTTP/1.1 200 OK"]).toEqual(["getetag"]);
    expect(byStatus["HTTP/1.1 404 Not Found"]).toEqual(["nothing"]);
  });

  test("propname gives names without values", async () => {
    const response = await dav.dav("PROPFIND", "/dav/Listing/a.txt", { body: xml('<propfind xmlns="DAV:"><propname/></propfind>'), headers: { depth: "0" } });
    const text = await response.text();
    expect(text).toContain("<D:getcontentlength/>");
    expect(text).not.toContain(">5<");
  });

  test("Depth infinity (or no Depth) is refused with propfind-finite-depth", async () => {
    for (const headers of [{ depth: "infinity" }, {}] as Record<string, string>[]) {
      const response = await dav.dav("PROPFIND", "/dav/", { headers });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("<D:propfind-finite-depth/>");
    }
  });

  test("a missing resource is 404", async () => {
    expect((await dav.dav("PROPFIND", "/dav/Listing/none", { headers: { depth: "0" } })).status).toBe(404);
  });
});

describe("PROPPATCH and dead properties", () => {
  beforeAll(async () => {
    await dav.dav("PUT", "/dav/props.txt", { body: "p" });
  });

  test("set, then read back with its namespace, then remove", async () => {
    const set = xml('<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><c:color xmlns:c="urn:cozy">blue &amp; green</c:color></D:prop></D:set></D:propertyupdate>');
    const patched = await dav.dav("PROPPATCH", "/dav/props.txt", { body: set });
    expect(patched.status).toBe(207);
    expect(await patched.text()).toContain("HTTP/1.1 200 OK");
    const read = xml('<D:propfind xmlns:D="DAV:"><D:prop><x:color xmlns:x="urn:cozy"/></D:prop></D:propfind>');
    const found = await dav.dav("PROPFIND", "/dav/props.txt", { body: read, headers: { depth: "0" } });
    expect(await found.text()).toContain('<color xmlns="urn:cozy">blue &amp; green</color>');
    const remove = xml('<D:propertyupdate xmlns:D="DAV:"><D:remove><D:prop><c:color xmlns:c="urn:cozy"/></D:prop></D:remove></D:propertyupdate>');
    expect((await dav.dav("PROPPATCH", "/dav/props.txt", { body: remove })).status).toBe(207);
    const gone = await dav.dav("PROPFIND", "/dav/props.txt", { body: read, headers: { depth: "0" } });
    expect(await gone.text()).toContain("404 Not Found");
  });

  test("a live property is protected: 403 for it, 424 for the rest, and nothing changes", async () => {
    const body = xml(
      '<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:getetag>"x"</D:getetag><c:size xmlns:c="urn:cozy">big</c:size></D:prop></D:set></D:propertyupdate>',
    );
    const text = await (await dav.dav("PROPPATCH", "/dav/props.txt", { body })).text();
    expect(text).toContain("HTTP/1.1 403 Forbidden");
    expect(text).toContain("HTTP/1.1 424 Failed Dependency");
    const read = xml('<D:propfind xmlns:D="DAV:"><D:prop><c:size xmlns:c="urn:cozy"/></D:prop></D:propfind>');
    expect(await (await dav.dav("PROPFIND", "/dav/props.txt", { body: read, headers: { depth: "0" } })).text()).toContain("404 Not Found");
  });
});

describe("PUT and GET", () => {
  test("a binary file makes the round trip byte for byte", async () => {
    const bytes = new Uint8Array(randomBytes(300_000));
    bytes.set(Uint8Array.from({ length: 256 }, (_, i) => i), 0);
    expect((await dav.dav("PUT", "/dav/blob.bin", { body: bytes })).status).toBe(201);
    const response = await dav.dav("GET", "/dav/blob.bin");
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(bytes));
    const entry = await dav.api<ApiEntry & { sha256: string }>("/api/files/stat?path=/blob.bin");
    expect(entry.size).toBe(bytes.byteLength);
    expect(entry.sha256).toBe(sha256(bytes));
  });

  test("overwriting answers 204, a new file 201", async () => {
    expect((await dav.dav("PUT", "/dav/twice.txt", { body: "one" })).status).toBe(201);
    expect((await dav.dav("PUT", "/dav/twice.txt", { body: "two" })).status).toBe(204);
    expect(await (await dav.dav("GET", "/dav/twice.txt")).text()).toBe("two");
  });

  test("a Range gets 206 and exactly those bytes; HEAD gets the size and no body", async () => {
    const bytes = new Uint8Array(randomBytes(10_000));
    await dav.dav("PUT", "/dav/range.bin", { body: bytes });
    const partial = await dav.dav("GET", "/dav/range.bin", { headers: { range: "bytes=1000-1999" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 1000-1999/10000");
    expect(sha256(new Uint8Array(await partial.arrayBuffer()))).toBe(sha256(bytes.subarray(1000, 2000)));
    const head = await dav.dav("HEAD", "/dav/range.bin");
    expect(head.headers.get("content-length")).toBe("10000");
    expect(await head.text()).toBe("");
    const headRange = await dav.dav("HEAD", "/dav/range.bin", { headers: { range: "bytes=1000-1999" } });
    expect(headRange.status).toBe(206);
    expect(headRange.headers.get("content-length")).toBe("1000");
  });

  test("ETag and If-None-Match give 304", async () => {
    const first = await dav.dav("GET", "/dav/range.bin");
    const etag = first.headers.get("etag") ?? "";
    await first.arrayBuffer();
    expect((await dav.dav("GET", "/dav/range.bin", { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  test("a name sent decomposed (NFD, as macOS does) is stored composed (NFC)", async () => {
    expect((await dav.dav("PUT", "/dav/cafe%CC%81.txt", { body: "x" })).status).toBe(201);
    expect(await namesIn(dav, "/")).toContain("caf\u00e9.txt");
    expect((await dav.dav("GET", "/dav/caf%C3%A9.txt")).status).toBe(200);
  });

  test("GET on a folder is an escaped HTML listing", async () => {
    await dav.dav("MKCOL", "/dav/Html");
    expect((await dav.dav("PUT", `/dav/Html/${encodeURIComponent("<img src=x onerror=alert(1)>.txt")}`, { body: "x" })).status).toBe(201);
    const response = await dav.dav("GET", "/dav/Html/");
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;.txt");
    expect(html).not.toContain("<img");
  });
});

describe("COPY, MOVE and DELETE, as the Drive sees them", () => {
  test("COPY makes a second file the REST API lists; Overwrite: F on an existing one is 412", async () => {
    await dav.dav("PUT", "/dav/original.txt", { body: "content" });
    const copied = await dav.dav("COPY", "/dav/original.txt", { headers: { destination: `${dav.box.base}/dav/copy.txt` } });
    expect(copied.status).toBe(201);
    expect(await namesIn(dav, "/")).toEqual(expect.arrayContaining(["original.txt", "copy.txt"]));
    const again = await dav.dav("COPY", "/dav/original.txt", { headers: { destination: "/dav/copy.txt", overwrite: "F" } });
    expect(again.status).toBe(412);
    const replaced = await dav.dav("COPY", "/dav/original.txt", { headers: { destination: "/dav/copy.txt", overwrite: "T" } });
    expect(replaced.status).toBe(204);
  });

  test("COPY of a folder copies what it holds, with dead properties; Depth 0 copies the folder alone", async () => {
    await dav.dav("MKCOL", "/dav/Album");
    await dav.dav("PUT", "/dav/Album/one.txt", { body: "1" });
    const set = xml('<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><c:tag xmlns:c="urn:cozy">kept</c:tag></D:prop></D:set></D:propertyupdate>');
    await dav.dav("PROPPATCH", "/dav/Album/one.txt", { body: set });
    expect((await dav.dav("COPY", "/dav/Album/", { headers: { destination: "/dav/Album2/" } })).status).toBe(201);
    expect(await namesIn(dav, "/Album2")).toEqual(["one.txt"]);
    const read = xml('<D:propfind xmlns:D="DAV:"><D:prop><c:tag xmlns:c="urn:cozy"/></D:prop></D:propfind>');
    expect(await (await dav.dav("PROPFIND", "/dav/Album2/one.txt", { body: read, headers: { depth: "0" } })).text()).toContain(">kept<");
    expect((await dav.dav("COPY", "/dav/Album/", { headers: { destination: "/dav/Album3/", depth: "0" } })).status).toBe(201);
    expect(await namesIn(dav, "/Album3")).toEqual([]);
  });

  test("MOVE renames: the REST API shows the new path only, and dead properties follow", async () => {
    await dav.dav("MKCOL", "/dav/Moving");
    await dav.dav("PUT", "/dav/Moving/doc.txt", { body: "d" });
    const set = xml('<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><c:note xmlns:c="urn:cozy">moved along</c:note></D:prop></D:set></D:propertyupdate>');
    await dav.dav("PROPPATCH", "/dav/Moving/doc.txt", { body: set });
    const moved = await dav.dav("MOVE", "/dav/Moving/", { headers: { destination: `${dav.box.base}/dav/Moved/` } });
    expect(moved.status).toBe(201);
    const names = await namesIn(dav, "/");
    expect(names).toContain("Moved");
    expect(names).not.toContain("Moving");
    expect(await namesIn(dav, "/Moved")).toEqual(["doc.txt"]);
    const read = xml('<D:propfind xmlns:D="DAV:"><D:prop><c:note xmlns:c="urn:cozy"/></D:prop></D:propfind>');
    expect(await (await dav.dav("PROPFIND", "/dav/Moved/doc.txt", { body: read, headers: { depth: "0" } })).text()).toContain("moved along");
  });

  test("MOVE onto an existing file with Overwrite: T replaces it (204), the old one goes to the Trash", async () => {
    await dav.dav("PUT", "/dav/new.txt", { body: "new" });
    await dav.dav("PUT", "/dav/old.txt", { body: "old" });
    expect((await dav.dav("MOVE", "/dav/new.txt", { headers: { destination: "/dav/old.txt" } })).status).toBe(204);
    expect(await (await dav.dav("GET", "/dav/old.txt")).text()).toBe("new");
    const trash = await dav.api<{ items: { originalPath: string }[] }>("/api/files/trash");
    expect(trash.items.map((item) => item.originalPath)).toContain("/old.txt");
  });

  test("DELETE puts the item in the Trash (204), and it is gone from the Drive", async () => {
    await dav.dav("MKCOL", "/dav/Bin");
    await dav.dav("PUT", "/dav/Bin/paper.txt", { body: "p" });
    expect((await dav.dav("DELETE", "/dav/Bin/")).status).toBe(204);
    expect(await namesIn(dav, "/")).not.toContain("Bin");
    const trash = await dav.api<{ items: { originalPath: string; kind: string }[] }>("/api/files/trash");
    expect(trash.items).toContainEqual(expect.objectContaining({ originalPath: "/Bin", kind: "folder" }));
    expect((await dav.dav("DELETE", "/dav/Bin/")).status).toBe(404);
  });
});
