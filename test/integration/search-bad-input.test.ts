// Hostile and malformed searches: FTS5 query syntax typed as text, oversized
// and malformed parameters, no session, and a second person whose files must
// never show in the first one's results (nor the other way round).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { addMember, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { DriveClient } from "../helpers/drive";

let box: TestAppliance;
let alice: DriveClient;
let bob: DriveClient;


beforeAll(async () => {
  box = await startTestAppliance();
  alice = new DriveClient(box.base, await setupOwner(box.base, OWNER));
  bob = new DriveClient(box.base, await addMember(box));
  const hostile = ['"quoted" name.txt', "star*.txt", "NEAR(a b).txt", "-minus.txt", "a:b.txt", "(open.txt", "AND OR NOT.txt", "<b>bold<u>.txt"];
  for (const name of hostile) expect((await alice.put(`/${name}`, "x")).status).toBe(201);
  expect((await alice.put("/secret-alice.txt", "x")).status).toBe(201);
  expect((await bob.put("/secret-bob.txt", "x")).status).toBe(201);
  expect((await bob.put("/shared-word.txt", "x")).status).toBe(201);
  expect((await alice.put("/shared-word.txt", "x")).status).toBe(201);
  await box.search.flush();
});
afterAll(() => box.dispose());

function get(params: Record<string, string>, client: DriveClient = alice): Promise<Response> {
  return fetch(`${box.base}/api/search?${new URLSearchParams(params)}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
}

async function titles(q: string, client: DriveClient = alice): Promise<string[]> {
  const response = await get({ q }, client);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { title: string }[] }).results.map((result) => result.title).sort();
}

describe("FTS5 syntax typed into the search box is plain text", () => {
  const cases: [string, string[]][] = [
    ['"', []],
    ['"quoted', ['"quoted" name.txt']],
    ['"quoted" name', ['"quoted" name.txt']],
    ["star*", ["star*.txt"]],
    ["*", []],
    ["NEAR(a b)", ["NEAR(a b).txt"]],
    ["NEAR(", ["NEAR(a b).txt"]],
    ["-minus", ["-minus.txt"]],
    // Two words, both in each name: a column filter would have found nothing.
    ["a:b", ["NEAR(a b).txt", "a:b.txt"]],
    ["title:secret", []],
    ["(open", ["(open.txt"]],
    ["open)", ["(open.txt"]],
    ["AND OR NOT", ["AND OR NOT.txt"]],
    ["OR", ["AND OR NOT.txt"]],
    ["^secret", ["secret-alice.txt"]],
    ["<b>bold", ["<b>bold<u>.txt"]],
    ["\u0000\u0002\u0003", []],
    ["😀 🎉", []],
  ];
  for (const [q, expected] of cases) {
    test(`${JSON.stringify(q)} answers 200 with the files named so`, async () => {
      expect(await titles(q)).toEqual(expected);
    });
  }

  test("a title with markup comes back escaped, only <mark> is a tag", async () => {
    const response = await get({ q: "bold" });
    const [result] = ((await response.json()) as { results: { titleHtml: string }[] }).results;
    expect(result?.titleHtml).toBe("&lt;b&gt;<mark>bold</mark>&lt;u&gt;.txt");
  });

  test("many words are cut to a bounded query rather than refused or slow", async () => {
    const q = Array.from({ length: 60 }, (_, i) => String(i)).join(" ");
    expect(q.length).toBeLessThanOrEqual(200);
    expect(await titles(q)).toEqual([]);
  });
});

describe("bad parameters are refused with 422 and a clear message", () => {
  const bad: [string, Record<string, string>, string][] = [
    ["q longer than 200 characters", { q: "a".repeat(201) }, "q"],
    ["no q at all", {}, "q"],
    ["an unknown kind syntax", { q: "x", kind: "photo;drop" }, "kind"],
    ["an empty kind", { q: "x", kind: "" }, "kind"],
    ["a from that is not a number", { q: "x", from: "yesterday" }, "from"],
    ["a negative to", { q: "x", to: "-5" }, "to"],
    ["a limit of 0", { q: "x", limit: "0" }, "limit"],
    ["a limit above 100", { q: "x", limit: "101" }, "limit"],
    ["a limit that is not a whole number", { q: "x", limit: "5.5" }, "limit"],
    ["an unknown parameter", { q: "x", sort: "date" }, "sort"],
    ["a range that ends before it starts", { q: "x", from: "2000", to: "1000" }, "from"],
  ];
  for (const [what, params, field] of bad) {
    test(what, async () => {
      const response = await get(params);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; message: string; field: string } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.field).toBe(field);
      expect(body.error.message.length).toBeGreaterThan(5);
    });
  }

  test("without a session: 401", async () => {
    const response = await get({ q: "secret" }, new DriveClient(box.base, null));
    expect(response.status).toBe(401);
  });

  test("a query of exactly 200 characters is accepted", async () => {
    expect((await get({ q: "b".repeat(200) })).status).toBe(200);
  });
});

describe("each person finds only their own files", () => {
  test("Alice never sees Bob's files, Bob never sees Alice's", async () => {
    expect(await titles("secret")).toEqual(["secret-alice.txt"]);
    expect(await titles("secret", bob)).toEqual(["secret-bob.txt"]);
    expect(await titles("shared")).toEqual(["shared-word.txt"]);
    expect(await titles("shared", bob)).toEqual(["shared-word.txt"]);
    const [aliceRef] = ((await (await get({ q: "shared" })).json()) as { results: { ref: string }[] }).results;
    const [bobRef] = ((await (await get({ q: "shared" }, bob)).json()) as { results: { ref: string }[] }).results;
    expect(aliceRef?.ref).not.toBe(bobRef?.ref);
  });

  test("documents another capability indexes for Bob stay Bob's", async () => {
    const bobId = (await box.auth.people()).find((person) => person.name === "Bob")!.id;
    await box.search.upsert({ ref: "transaction:1", userId: bobId, kind: "transaction", title: "Boulangerie Dupont", date: Date.UTC(2025, 0, 3) });
    expect(await titles("boulangerie")).toEqual([]);
    expect(await titles("boulangerie", bob)).toEqual(["Boulangerie Dupont"]);
    await box.search.remove("transaction:1");
    expect(await titles("boulangerie", bob)).toEqual([]);
  });

  test("another capability cannot take over a file's ref", async () => {
    const bobId = (await box.auth.people()).find((person) => person.name === "Bob")!.id;
    await expect(box.search.upsert({ ref: "file:1", userId: bobId, kind: "file", title: "x" })).rejects.toThrow("ref");
  });
});
