// Bad input at the WebDAV door: each way of naming something outside the
// person's Drive, each malformed name and each hostile XML body, one test
// each. Raw requests are written by hand on a socket: fetch would tidy
// "../" and percent-encodings away before the server could see them.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { rawRequest } from "../helpers/http";
import { startDavBox, xml, type DavBox } from "../dav/dav-client";

let dav: DavBox;
let outsideFiles: () => string[];
beforeAll(async () => {
  dav = await startDavBox();
  expect((await dav.dav("MKCOL", "/dav/Docs")).status).toBe(201);
  expect((await dav.dav("PUT", "/dav/Docs/a.txt", { body: "a" })).status).toBe(201);
  // Everything in the data folder that is not the person's files: nothing may appear there.
  outsideFiles = () => readdirSync(dav.box.dataDir, { recursive: true }).map(String).filter((name) => !name.startsWith("files") && !name.startsWith("cozy.db"));
});
afterAll(() => dav.box.dispose());

const raw = (method: string, target: string, headers: Record<string, string> = {}) =>
  rawRequest(dav.box.port, `${method} ${target} HTTP/1.1`, { authorization: dav.authorization, ...headers });

describe("paths that try to leave the Drive", () => {
  const escapes: [string, string][] = [
    ["../ written out", "/dav/../../etc/passwd"],
    ["%2e%2e (encoded dots)", "/dav/%2e%2e/%2e%2e/etc/passwd"],
    ["%2E%2E in capitals", "/dav/%2E%2E/etc/passwd"],
    ["..%2f (encoded slash)", "/dav/..%2f..%2fetc%2fpasswd"],
    ["%2e%2e%2f all encoded", "/dav/%2e%2e%2f%2e%2e%2fetc%2fpasswd"],
    ["dot segments after a real folder", "/dav/Docs/%2e%2e/%2e%2e/etc/passwd"],
    ["overlong UTF-8 dots (%c0%ae)", "/dav/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"],
    ["overlong UTF-8 slash (%c0%af)", "/dav/..%c0%af..%c0%afetc%c0%afpasswd"],
    ["an encoded backslash", "/dav/..%5c..%5cetc%5cpasswd"],
  ];
  for (const [name, target] of escapes) {
    test(`${name} is refused with 400 and reads nothing`, async () => {
      const response = await raw("GET", target);
      expect(response.status).toBe(400);
      expect(response.body).not.toContain("root:");
    });
  }

  test("the same spellings are refused for writes, and nothing is written outside", async () => {
    for (const [, target] of escapes) {
      expect((await raw("PUT", target.replace("passwd", "planted"), { "content-length": "0" })).status).toBe(400);
      expect((await raw("MKCOL", target.replace("passwd", "planted"))).status).toBe(400);
    }
    expect(outsideFiles().filter((name) => name.includes("planted"))).toEqual([]);
  });
});

describe("names that cannot be", () => {
  test("an encoded NUL (%00) is 400", async () => {
    expect((await raw("GET", "/dav/Docs/a.txt%00.jpg")).status).toBe(400);
    expect((await raw("PUT", "/dav/nul%00name", { "content-length": "0" })).status).toBe(400);
  });

  test("invalid UTF-8 (%ff, a lone continuation byte, an encoded surrogate) is 400", async () => {
    for (const target of ["/dav/%ff", "/dav/a%80b", "/dav/%ed%a0%80"]) expect((await raw("PROPFIND", target, { depth: "0" })).status).toBe(400);
  });

  test("a broken percent-encoding is 400", async () => {
    expect((await raw("GET", "/dav/100%")).status).toBe(400);
    expect((await raw("GET", "/dav/%zz")).status).toBe(400);
  });

  test("control characters are 400", async () => {
    expect((await raw("PUT", "/dav/line%0abreak", { "content-length": "0" })).status).toBe(400);
  });

  test("a name over 255 bytes is 400; 255 bytes exactly is fine", async () => {
    expect((await dav.dav("PUT", `/dav/${"a".repeat(256)}`, { body: "x" })).status).toBe(400);
    expect((await dav.dav("MKCOL", `/dav/${"é".repeat(128)}`)).status).toBe(400); // 256 bytes of UTF-8
    expect((await dav.dav("PUT", `/dav/${"a".repeat(255)}`, { body: "x" })).status).toBe(201);
  });

  test("a fragment in the request URL is 400 (nothing is deleted by mistake)", async () => {
    expect((await raw("DELETE", "/dav/Docs/#fragment")).status).toBe(400);
    expect((await dav.dav("PROPFIND", "/dav/Docs/", { headers: { depth: "0" } })).status).toBe(207);
  });
});

describe("methods where they do not apply", () => {
  test("PUT onto a folder is 405", async () => {
    expect((await dav.dav("PUT", "/dav/Docs", { body: "x" })).status).toBe(405);
    expect((await dav.dav("PUT", "/dav/", { body: "x" })).status).toBe(405);
  });

  test("PUT or MKCOL under a missing parent is 409", async () => {
    expect((await dav.dav("PUT", "/dav/Nowhere/a.txt", { body: "x" })).status).toBe(409);
    expect((await dav.dav("MKCOL", "/dav/Nowhere/Sub/")).status).toBe(409);
    expect((await dav.dav("MKCOL", "/dav/Docs/a.txt/Sub/")).status).toBe(409);
  });

  test("MKCOL on something that exists is 405; MKCOL with a body is 415", async () => {
    expect((await dav.dav("MKCOL", "/dav/Docs/")).status).toBe(405);
    expect((await dav.dav("MKCOL", "/dav/WithBody", { body: "data", headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  test("PUT with Content-Range is 400 (it would be taken for the whole file)", async () => {
    expect((await dav.dav("PUT", "/dav/Docs/a.txt", { body: "x", headers: { "content-range": "bytes 0-0/10" } })).status).toBe(400);
  });

  test("MOVE or COPY onto itself is 403", async () => {
    expect((await dav.dav("MOVE", "/dav/Docs/a.txt", { headers: { destination: "/dav/Docs/a.txt" } })).status).toBe(403);
    expect((await dav.dav("COPY", "/dav/Docs/", { headers: { destination: `${dav.box.base}/dav/Docs/` } })).status).toBe(403);
  });

  test("MOVE or COPY of a folder into its own child is 403, and the folder is intact", async () => {
    await dav.dav("MKCOL", "/dav/Docs/Inner");
    expect((await dav.dav("MOVE", "/dav/Docs/", { headers: { destination: "/dav/Docs/Inner/Docs/" } })).status).toBe(403);
    expect((await dav.dav("COPY", "/dav/Docs/", { headers: { destination: "/dav/Docs/Inner/Copy/" } })).status).toBe(403);
    expect((await dav.dav("GET", "/dav/Docs/a.txt")).status).toBe(200);
  });

  test("a Destination on another host is 502 Bad Gateway", async () => {
    const response = await dav.dav("COPY", "/dav/Docs/a.txt", { headers: { destination: "http://evil.example/dav/a.txt" } });
    expect(response.status).toBe(502);
    const otherPort = await dav.dav("MOVE", "/dav/Docs/a.txt", { headers: { destination: "http://127.0.0.1:1/dav/a.txt" } });
    expect(otherPort.status).toBe(502);
  });

  test("a Destination outside /dav/ is 403, also when it climbs out with ../", async () => {
    for (const destination of ["/api/files/content", `${dav.box.base}/dav/../etc/passwd`, "/dav/%2e%2e/etc/x"]) {
      expect((await dav.dav("COPY", "/dav/Docs/a.txt", { headers: { destination } })).status).toBe(403);
    }
  });

  test("a Destination with an invalid name is 400; none at all is 400", async () => {
    expect((await dav.dav("COPY", "/dav/Docs/a.txt", { headers: { destination: "/dav/a%00b" } })).status).toBe(400);
    expect((await dav.dav("COPY", "/dav/Docs/a.txt")).status).toBe(400);
  });

  test("Overwrite other than T or F is 400; Depth 1 on COPY is 400", async () => {
    expect((await dav.dav("COPY", "/dav/Docs/a.txt", { headers: { destination: "/dav/b.txt", overwrite: "yes" } })).status).toBe(400);
    expect((await dav.dav("COPY", "/dav/Docs/", { headers: { destination: "/dav/D2/", depth: "1" } })).status).toBe(400);
  });

  test("MOVE of a folder with Depth 0 is 400 (always infinity); of a file it is fine", async () => {
    expect((await dav.dav("MOVE", "/dav/Docs/", { headers: { destination: "/dav/Docs2/", depth: "0" } })).status).toBe(400);
    await dav.dav("PUT", "/dav/depth0.txt", { body: "x" });
    expect((await dav.dav("MOVE", "/dav/depth0.txt", { headers: { destination: "/dav/depth0-moved.txt", depth: "0" } })).status).toBe(201);
  });

  test("an unknown method is 405 with Allow", async () => {
    const response = await dav.dav("POST", "/dav/Docs/", { body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("PROPFIND");
  });
});

describe("hostile and malformed XML bodies", () => {
  const billionLaughs = xml(
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>' +
      '<D:propfind xmlns:D="DAV:"><D:prop><x:a xmlns:x="urn:x">&lol2;</x:a></D:prop></D:propfind>',
  );
  const xxe = xml('<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:a xmlns:x="urn:x">&xxe;</x:a></D:prop></D:set></D:propertyupdate>');

  test("billion laughs (nested entities) is 400, answered at once", async () => {
    const started = performance.now();
    const response = await dav.dav("PROPFIND", "/dav/Docs/", { body: billionLaughs, headers: { depth: "0" } });
    expect(response.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test("XXE (an external entity naming /etc/passwd) is 400 and nothing of the file is stored or echoed", async () => {
    const response = await dav.dav("PROPPATCH", "/dav/Docs/a.txt", { body: xxe });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("root:");
    const all = await dav.dav("PROPFIND", "/dav/Docs/a.txt", { headers: { depth: "0" } });
    expect(await all.text()).not.toContain("root:");
  });

  test("an entity a DTD would define, without the DTD, is 400", async () => {
    const body = xml('<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:a xmlns:x="urn:x">&xxe;</x:a></D:prop></D:set></D:propertyupdate>');
    expect((await dav.dav("PROPPATCH", "/dav/Docs/a.txt", { body })).status).toBe(400);
  });

  test("XML that is not well-formed is 400", async () => {
    for (const body of ["<foo>", "<D:propfind xmlns:D='DAV:'><D:prop></D:propfind>", "not xml at all", "<a/><b/>"]) {
      expect((await dav.dav("PROPFIND", "/dav/Docs/", { body, headers: { depth: "0" } })).status).toBe(400);
    }
  });

  test("an undeclared prefix, or a prefix bound to the empty namespace, is 400", async () => {
    expect((await dav.dav("PROPFIND", "/dav/Docs/", { body: "<D:propfind><D:allprop/></D:propfind>", headers: { depth: "0" } })).status).toBe(400);
    const empty = "<D:propfind xmlns:D='DAV:'><D:prop><bar:foo xmlns:bar=''/></D:prop></D:propfind>";
    expect((await dav.dav("PROPFIND", "/dav/Docs/", { body: empty, headers: { depth: "0" } })).status).toBe(400);
  });

  test("a body that is not UTF-8 is 400", async () => {
    const latin1 = Uint8Array.from([...Buffer.from("<D:propfind xmlns:D='DAV:'><D:prop><x:caf"), 0xe9, ...Buffer.from(" xmlns:x='u:x'/></D:prop></D:propfind>")]);
    expect((await dav.dav("PROPFIND", "/dav/Docs/", { body: latin1, headers: { depth: "0" } })).status).toBe(400);
  });

  test("an XML body over 1 MiB is 413", async () => {
    const big = xml(`<D:propfind xmlns:D="DAV:"><D:prop>${"<D:getetag/>".repeat(100_000)}</D:prop></D:propfind>`);
    expect((await dav.dav("PROPFIND", "/dav/Docs/", { body: big, headers: { depth: "0" } })).status).toBe(413);
  });

  test("a body of the wrong element is 400", async () => {
    expect((await dav.dav("PROPPATCH", "/dav/Docs/a.txt", { body: xml('<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>') })).status).toBe(400);
    expect((await dav.dav("LOCK", "/dav/Docs/a.txt", { body: xml('<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>') })).status).toBe(400);
  });
});

test("the data folder holds nothing the tests planted outside the Drive", () => {
  expect(outsideFiles().filter((name) => /planted|passwd/.test(join(name)))).toEqual([]);
});
