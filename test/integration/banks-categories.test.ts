// Categories as a person uses them over HTTP: the built-in tree (seeded once,
// however often the box starts), their own categories (theirs only), and
// every hostile input refused with its status and a clear error.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { BUILTIN_CATEGORIES, HEALTH_EXPENSES_ID, HEALTH_REIMBURSEMENTS_ID } from "../../appliance/src/banks";
import { login, makeDataDir, sessionCookieOf, setupOwner, startTestAppliance } from "../helpers/appliance";
import { banksClient, makeOfx, startBanks, type BanksBox, type BanksClient } from "./banks-fixtures";

const SLOW = 60_000;
let box: BanksBox;
let alice: BanksClient;
let bob: BanksClient;

interface Category {
  id: number;
  parentId: number | null;
  key: string | null;
  name: string;
  own: boolean;
}

async function categories(client: BanksClient): Promise<Category[]> {
  const answer = await client.call("GET", "/categories");
  expect(answer.status).toBe(200);
  return answer.body.categories;
}

async function create(client: BanksClient, name: string, parentId?: number | null): Promise<Category> {
  const answer = await client.call("POST", "/categories", parentId === undefined ? { name } : { name, parentId });
  expect(answer.status).toBe(201);
  return answer.body;
}

beforeAll(async () => {
  box = await startBanks();
  alice = box.owner;
  bob = await box.person("Bob");
}, SLOW);
afterAll(() => box.appliance.dispose());

describe("the built-in tree", () => {
  test("is listed with fixed ids and keys, health expenses and reimbursements under health", async () => {
    const listed = await categories(alice);
    for (const builtin of BUILTIN_CATEGORIES) {
      expect(listed).toContainEqual({ id: builtin.id, parentId: builtin.parentId, key: builtin.key, name: builtin.name, own: false });
    }
    const health = listed.find((category) => category.key === "health")!;
    expect(listed.find((category) => category.id === HEALTH_EXPENSES_ID)).toMatchObject({ key: "health.expenses", parentId: health.id });
    expect(listed.find((category) => category.id === HEALTH_REIMBURSEMENTS_ID)).toMatchObject({ key: "health.reimbursements", parentId: health.id });
  });

  test("is seeded once: a box started three times on the same data holds it once, own ids stay above 999", async () => {
    const dataDir = makeDataDir();
    for (let start = 0; start < 3; start++) {
      const appliance = await startTestAppliance({ dataDir });
      const cookie = start === 0 ? await setupOwner(appliance.base) : sessionCookieOf(await login(appliance.base));
      const listed = await banksClient(appliance.base, cookie!).call("GET", "/categories");
      expect(listed.body.categories).toHaveLength(BUILTIN_CATEGORIES.length);
      const stored = await appliance.database.client.execute("select count(*) as n from bank_categories");
      expect(Number(stored.rows[0]!.n)).toBe(BUILTIN_CATEGORIES.length);
      if (start < 2) await appliance.stop();
      else {
        const own = await banksClient(appliance.base, cookie!).call("POST", "/categories", { name: "First of mine" });
        expect(own.body.id).toBe(1000);
        await appliance.dispose();
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, SLOW);

  test("cannot be renamed, moved or deleted (403), but can be extended", async () => {
    const rename = await alice.call("PATCH", `/categories/${HEALTH_EXPENSES_ID}`, { name: "Doctors" });
    expect(rename.status).toBe(403);
    expect(rename.body.error.code).toBe("builtin_category");
    expect((await alice.call("DELETE", `/categories/${HEALTH_EXPENSES_ID}`)).status).toBe(403);
    const dentist = await create(alice, "Dentist", HEALTH_EXPENSES_ID);
    expect(dentist).toMatchObject({ parentId: HEALTH_EXPENSES_ID, key: null, name: "Dentist", own: true });
    expect(dentist.id).toBeGreaterThanOrEqual(1000);
  });
});

describe("a person's own categories", () => {
  test("created, renamed, moved, listed to their owner only", async () => {
    const pets = await create(alice, "  Pets  ");
    expect(pets).toMatchObject({ name: "Pets", parentId: null, own: true });
    const vet = await create(alice, "Vet", pets.id);
    const renamed = await alice.call("PATCH", `/categories/${vet.id}`, { name: "Veterinary" });
    expect(renamed.body).toMatchObject({ id: vet.id, name: "Veterinary", parentId: pets.id });
    const moved = await alice.call("PATCH", `/categories/${vet.id}`, { parentId: HEALTH_EXPENSES_ID });
    expect(moved.body).toMatchObject({ parentId: HEALTH_EXPENSES_ID });
    expect((await categories(alice)).map((category) => category.id)).toContain(vet.id);
    expect((await categories(bob)).filter((category) => category.own)).toEqual([]);
    expect((await box.appliance.database.client.execute(`select user_id from bank_categories where id = ${vet.id}`)).rows[0]!.user_id).not.toBeNull();
  });

  test("another person's category is not found, whatever is tried with it", async () => {
    const secret = await create(alice, "Secret");
    const [row] = (await makeBobTransactions()).transactions;
    for (const [method, route, body] of [
      ["PATCH", `/categories/${secret.id}`, { name: "Mine now" }],
      ["DELETE", `/categories/${secret.id}`, undefined],
      ["POST", "/categories", { name: "Under hers", parentId: secret.id }],
      ["POST", "/rules", { pattern: "carrefour", categoryId: secret.id }],
      ["PATCH", `/transactions/${row!.id}`, { categoryId: secret.id }],
    ] as const) {
      const answer = await bob.call(method, route, body);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe("not_found");
    }
    expect((await categories(alice)).find((category) => category.id === secret.id)?.name).toBe("Secret");
  }, SLOW);

  test("a parent that does not exist is 404; a name too long, empty or blank is 422", async () => {
    expect((await alice.call("POST", "/categories", { name: "Orphan", parentId: 999_999 })).status).toBe(404);
    for (const name of ["x".repeat(61), "", "   \t "]) {
      const answer = await alice.call("POST", "/categories", { name });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe("validation_failed");
    }
  });

  test("a category cannot go under itself or its own descendants (422), and the tree stays as it was", async () => {
    const a = await create(alice, "A");
    const b = await create(alice, "B", a.id);
    const c = await create(alice, "C", b.id);
    for (const [id, parentId] of [[a.id, a.id], [a.id, c.id], [b.id, c.id]]) {
      const answer = await alice.call("PATCH", `/categories/${id}`, { parentId });
      expect(answer.status).toBe(422);
      expect(answer.body.error.field).toBe("parentId");
      expect(answer.body.error.message).toContain("under itself");
    }
    const tree = await categories(alice);
    expect(tree.find((category) => category.id === a.id)?.parentId).toBeNull();
    expect((await alice.call("PATCH", `/categories/${c.id}`, { parentId: null })).body.parentId).toBeNull();
    expect((await alice.call("PATCH", `/categories/${a.id}`, { parentId: c.id })).status).toBe(200);
  });

  test("deleting: refused while a rule or a subcategory uses it (409); then its transactions become uncategorized", async () => {
    const { transactions } = await importFor(alice, "333", [["CB GAMMVERT 12/03", -4500], ["CB JARDILAND 13/03", -3200]]);
    const garden = await create(alice, "Garden");
    const seeds = await create(alice, "Seeds", garden.id);
    expect((await alice.call("PATCH", `/transactions/${transactions[0]!.id}`, { categoryId: garden.id })).status).toBe(200);
    const rule = await alice.call("POST", "/rules", { pattern: "jardiland", categoryId: garden.id });
    expect(rule.status).toBe(201);
    const inUse = await alice.call("DELETE", `/categories/${garden.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("category_in_use");
    expect((await alice.call("DELETE", `/rules/${rule.body.rule.id}`)).status).toBe(204);
    const parent = await alice.call("DELETE", `/categories/${garden.id}`);
    expect(parent.status).toBe(409);
    expect(parent.body.error.code).toBe("category_has_children");
    expect((await alice.call("DELETE", `/categories/${seeds.id}`)).status).toBe(204);
    expect((await alice.call("DELETE", `/categories/${garden.id}`)).status).toBe(204);
    const after = await alice.call("GET", `/transactions?q=GAMMVERT`);
    expect(after.body.transactions[0]).toMatchObject({ categoryId: null, categorySource: null, categoryReason: null });
    expect((await alice.call("DELETE", `/categories/${garden.id}`)).status).toBe(404);
  }, SLOW);
});

describe("bad input", () => {
  test("malformed JSON 400, wrong types and unknown fields 422, a huge body 413, a non-numeric id 422", async () => {
    const raw = await fetch(`${box.appliance.base}/api/banks/categories`, { method: "POST", headers: { cookie: alice.cookie, "content-type": "application/json" }, body: "{name:" });
    expect(raw.status).toBe(400);
    expect((await alice.call("POST", "/categories", { name: 12 })).status).toBe(422);
    expect((await alice.call("POST", "/categories", { name: "X", parentId: -3 })).status).toBe(422);
    expect((await alice.call("POST", "/categories", { name: "X", userId: 1 })).status).toBe(422);
    expect((await alice.call("POST", "/categories", { name: "X".repeat(100_000) })).status).toBe(413);
    expect((await alice.call("PATCH", "/categories/abc", { name: "X" })).status).toBe(422);
    expect((await alice.call("DELETE", "/categories/0")).status).toBe(422);
  });
});

async function importFor(client: BanksClient, account: string, lines: [string, number][]): Promise<{ transactions: { id: number; label: string }[] }> {
  const ofx = makeOfx(account, lines.map(([name, amountMinor], i) => ({ date: `2024-03-${String(10 + i).padStart(2, "0")}`, amountMinor, name, fitid: `${account}-${i}` })));
  const { commit } = await client.importFile(ofx, `${account}.ofx`);
  const listed = await client.call("GET", `/transactions?account=${commit.accounts[0].accountId}&limit=500`);
  return { transactions: listed.body.transactions };
}

function makeBobTransactions() {
  return importFor(bob, "444", [["CB CARREFOUR 12/03", -1000]]);
}
