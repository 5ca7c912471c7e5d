// Categorizing as a person meets it over HTTP: they file a few French bank
// labels by hand, accept "always do this for labels like …", import the next
// month and find it categorized (rules first, then what the classifier learnt
// from them), every transaction saying why; a choice made by hand never moves.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeOfx, startBanks, type BanksBox, type BanksClient } from "./banks-fixtures";

const SLOW = 60_000;
const ENERGY = 101;
const GROCERIES = 120;
const RESTAURANTS = 121;
const FUEL = 140;
const HEALTH_EXPENSES = 160;
const SALARY = 180;
const SPORT = 220;
const PHONE = 260;

interface Row {
  id: number;
  label: string;
  amountMinor: number;
  categoryId: number | null;
  categorySource: "manual" | "rule" | "classifier" | null;
  categoryReason: string | null;
}

let box: BanksBox;
let alice: BanksClient;
let bob: BanksClient;
let march: Row[];

const MARCH: [string, number][] = [
  ["PRLV SEPA ENGIE ECH/150324 ID EMETTEUR/FR12ZZZ123456", -8450],
  ["CB CARREFOUR 02/03", -5430],
  ["CB CARREFOUR 09/03", -2210],
  ["CB CARREFOUR 16/03", -6120],
  ["CB CARREFOUR 23/03", -3890],
  ["CB CARREFOUR STATION 11/03", -6500],
  ["CB CARREFOUR STATION 25/03", -7100],
  ["VIR SALAIRE ACME MARS", 250000],
  ["PRLV SEPA FREE MOBILE ECH/0503", -1999],
  ["CB PHARMACIE DU CENTRE 22/03", -1250],
  ["CB DECATHLON 4974XXXXXXXX1234 20/03", -4599],
];

const APRIL: [string, number][] = [
  ["PRLV SEPA ENGIE ECH/150424 ID EMETTEUR/FR12ZZZ123456", -9120],
  ["CB CARREFOUR 06/04", -4410],
  ["CB CARREFOUR STATION 12/04", -6900],
  ["VIR SALAIRE ACME AVRIL", 251000],
  ["PRLV SEPA FREE MOBILE ECH/0504", -1999],
  ["CB PHARMACIE DE LA GARE 18/04", -990],
  ["CB LE COMPTOIR DU MARCHE 19/04", -3400],
];

function ofx(month: string, lines: [string, number][]): string {
  return makeOfx("98765", lines.map(([name, amountMinor], i) => ({ date: `2024-${month}-${String(i + 1).padStart(2, "0")}`, amountMinor, name, fitid: `${month}-${i}` })));
}

async function all(client: BanksClient = alice): Promise<Row[]> {
  return (await client.call("GET", "/transactions?limit=500")).body.transactions;
}

const byLabel = (rows: Row[], label: string) => rows.filter((row) => row.label === label);
const one = (rows: Row[], label: string) => byLabel(rows, label)[0]!;
const reason = (row: Row) => (row.categoryReason === null ? null : JSON.parse(row.categoryReason));

async function choose(row: Row, categoryId: number | null): Promise<Row> {
  const answer = await alice.call("PATCH", `/transactions/${row.id}`, { categoryId });
  expect(answer.status).toBe(200);
  return answer.body;
}

beforeAll(async () => {
  box = await startBanks();
  alice = box.owner;
  bob = await box.person("Bob");
  await alice.importFile(ofx("03", MARCH), "march.ofx");
  march = await all();
}, SLOW);
afterAll(() => box.appliance.dispose());

describe("by hand, then rules", () => {
  test("with nothing learnt yet, an import stays uncategorized and says nothing", () => {
    expect(march).toHaveLength(MARCH.length);
    for (const row of march) expect(row).toMatchObject({ categoryId: null, categorySource: null, categoryReason: null });
  });

  test("a category chosen by hand is manual, with its reason", async () => {
    const chosen = await choose(one(march, "CB CARREFOUR 02/03"), GROCERIES);
    expect(chosen).toMatchObject({ categoryId: GROCERIES, categorySource: "manual" });
    expect(reason(chosen)).toEqual({ source: "manual" });
    await choose(one(march, "PRLV SEPA ENGIE ECH/150324 ID EMETTEUR/FR12ZZZ123456"), ENERGY);
    await choose(one(march, "VIR SALAIRE ACME MARS"), SALARY);
    await choose(one(march, "PRLV SEPA FREE MOBILE ECH/0503"), PHONE);
    await choose(one(march, "CB PHARMACIE DU CENTRE 22/03"), HEALTH_EXPENSES);
  });

  test("the suggestion keeps the merchant words and counts the other transactions it would change", async () => {
    const suggestion = await alice.call("GET", `/transactions/${one(march, "CB CARREFOUR 02/03").id}/rule-suggestion`);
    expect(suggestion.status).toBe(200);
    // Three other CARREFOUR rows and the two CARREFOUR STATION rows hold "carrefour".
    expect(suggestion.body).toEqual({ pattern: "carrefour", sign: "debit", matches: 5 });
    const salary = await alice.call("GET", `/transactions/${one(march, "VIR SALAIRE ACME MARS").id}/rule-suggestion`);
    expect(salary.body).toEqual({ pattern: "salaire acme", sign: "credit", matches: 0 });
  });

  test("a rule applies at once to what is not manual, and says so", async () => {
    const created = await alice.call("POST", "/rules", { pattern: "Carrefour", sign: "debit", categoryId: GROCERIES });
    expect(created.status).toBe(201);
    expect(created.body.rule).toMatchObject({ pattern: "carrefour", sign: "debit", categoryId: GROCERIES });
    expect(created.body.applied).toBe(5);
    const rows = await all();
    for (const row of byLabel(rows, "CB CARREFOUR 09/03").concat(byLabel(rows, "CB CARREFOUR STATION 11/03"))) {
      expect(row).toMatchObject({ categoryId: GROCERIES, categorySource: "rule" });
      expect(reason(row)).toEqual({ source: "rule", ruleId: created.body.rule.id, pattern: "carrefour" });
    }
    expect(one(rows, "CB CARREFOUR 02/03").categorySource).toBe("manual");
    const again = await alice.call("GET", `/transactions/${one(march, "CB CARREFOUR 02/03").id}/rule-suggestion`);
    expect(again.body.matches).toBe(0);
  });

  test("the most specific rule wins; a manual choice never moves, even under a rule of its own words", async () => {
    await choose(one(march, "CB CARREFOUR STATION 25/03"), RESTAURANTS);
    const station = await alice.call("POST", "/rules", { pattern: "carrefour station", categoryId: FUEL });
    expect(station.body.applied).toBe(1);
    const rows = await all();
    expect(one(rows, "CB CARREFOUR STATION 11/03")).toMatchObject({ categoryId: FUEL, categorySource: "rule" });
    expect(one(rows, "CB CARREFOUR STATION 25/03")).toMatchObject({ categoryId: RESTAURANTS, categorySource: "manual" });
    expect(one(rows, "CB CARREFOUR 09/03").categoryId).toBe(GROCERIES);
    const listed = await alice.call("GET", "/rules");
    expect(listed.body.rules.map((rule: { pattern: string }) => rule.pattern)).toEqual(["carrefour", "carrefour station"]);
  });

  test("the same words and sign again give the existing rule its new category (200), not a second rule", async () => {
    const changed = await alice.call("POST", "/rules", { pattern: "CARREFOUR STATION", categoryId: GROCERIES });
    expect(changed.status).toBe(200);
    expect(changed.body.applied).toBe(1);
    expect(one(await all(), "CB CARREFOUR STATION 11/03").categoryId).toBe(GROCERIES);
    const back = await alice.call("POST", "/rules", { pattern: "carrefour station", categoryId: FUEL });
    expect(back.body.rule.id).toBe(changed.body.rule.id);
    expect((await alice.call("GET", "/rules")).body.rules).toHaveLength(2);
  });
});

describe("the next import", () => {
  let april: Row[];

  beforeAll(async () => {
    const { commit } = await alice.importFile(ofx("04", APRIL), "april.ofx");
    expect(commit.new).toBe(APRIL.length);
    april = (await all()).filter((row) => APRIL.some(([label]) => label === row.label));
  }, SLOW);

  test("is categorized when the commit answers: rules first", () => {
    expect(one(april, "CB CARREFOUR 06/04")).toMatchObject({ categoryId: GROCERIES, categorySource: "rule" });
    expect(one(april, "CB CARREFOUR STATION 12/04")).toMatchObject({ categoryId: FUEL, categorySource: "rule" });
    expect(reason(one(april, "CB CARREFOUR STATION 12/04")).pattern).toBe("carrefour station");
  });

  test("then what the classifier learnt from the manual choices, with its confidence and deciding words", () => {
    for (const [label, categoryId, word] of [
      ["PRLV SEPA ENGIE ECH/150424 ID EMETTEUR/FR12ZZZ123456", ENERGY, "engie"],
      ["VIR SALAIRE ACME AVRIL", SALARY, "acme"],
      ["PRLV SEPA FREE MOBILE ECH/0504", PHONE, "free"],
      ["CB PHARMACIE DE LA GARE 18/04", HEALTH_EXPENSES, "pharmacie"],
    ] as const) {
      const row = one(april, label);
      expect(row).toMatchObject({ categoryId, categorySource: "classifier" });
      const why = reason(row);
      expect(why.source).toBe("classifier");
      expect(why.confidence).toBeGreaterThanOrEqual(0.6);
      expect(why.confidence).toBeLessThanOrEqual(1);
      expect(why.tokens).toContain(word);
    }
  });

  test("a merchant never seen stays uncategorized", () => {
    expect(one(april, "CB LE COMPTOIR DU MARCHE 19/04")).toMatchObject({ categoryId: null, categorySource: null, categoryReason: null });
  });

  test("a choice made by hand since is learnt for the import after", async () => {
    await choose(one(march, "CB DECATHLON 4974XXXXXXXX1234 20/03"), SPORT);
    await alice.importFile(ofx("05", [["CB DECATHLON 4974XXXXXXXX1234 11/05", -2999]]), "may.ofx");
    const may = one(await all(), "CB DECATHLON 4974XXXXXXXX1234 11/05");
    expect(may).toMatchObject({ categoryId: SPORT, categorySource: "classifier" });
    expect(reason(may).tokens).toContain("decathlon");
  }, SLOW);

  test("deleting a rule decides its transactions again: the shorter rule, else the classifier, else nothing", async () => {
    const rules = (await alice.call("GET", "/rules")).body.rules as { id: number; pattern: string }[];
    expect((await alice.call("DELETE", `/rules/${rules.find((rule) => rule.pattern === "carrefour station")!.id}`)).status).toBe(204);
    let rows = await all();
    expect(one(rows, "CB CARREFOUR STATION 12/04")).toMatchObject({ categoryId: GROCERIES, categorySource: "rule" });
    expect(reason(one(rows, "CB CARREFOUR STATION 12/04")).pattern).toBe("carrefour");
    expect((await alice.call("DELETE", `/rules/${rules.find((rule) => rule.pattern === "carrefour")!.id}`)).status).toBe(204);
    rows = await all();
    // The classifier learnt "carrefour" from a groceries choice and "carrefour station" from a restaurant one:
    // a plain CARREFOUR is too close to call (uncategorized), a CARREFOUR STATION goes with "station".
    expect(one(rows, "CB CARREFOUR 09/03")).toMatchObject({ categoryId: null, categorySource: null, categoryReason: null });
    expect(one(rows, "CB CARREFOUR STATION 12/04")).toMatchObject({ categoryId: RESTAURANTS, categorySource: "classifier" });
    expect(reason(one(rows, "CB CARREFOUR STATION 12/04")).tokens).toContain("station");
    expect(one(rows, "CB CARREFOUR 02/03").categorySource).toBe("manual");
    expect((await alice.call("GET", "/rules")).body.rules).toEqual([]);
  }, SLOW);

  test("clearing a category by hand gives the transaction back (uncategorized, no reason)", async () => {
    const cleared = await choose(one(march, "CB PHARMACIE DU CENTRE 22/03"), null);
    expect(cleared).toMatchObject({ categoryId: null, categorySource: null, categoryReason: null });
  });

  test("every transaction says why it has its category", async () => {
    for (const row of await all()) {
      if (row.categoryId === null) {
        expect(row.categorySource).toBeNull();
        expect(row.categoryReason).toBeNull();
        continue;
      }
      const why = reason(row);
      expect(why.source).toBe(row.categorySource);
      if (why.source === "rule") expect(typeof why.pattern).toBe("string");
      if (why.source === "classifier") expect(why.tokens.length).toBeGreaterThan(0);
    }
  });
});

describe("each person's own", () => {
  test("rules and suggestions of another person are not found", async () => {
    const rule = await alice.call("POST", "/rules", { pattern: "engie", categoryId: ENERGY });
    expect(rule.status).toBe(201);
    expect((await bob.call("GET", "/rules")).body.rules).toEqual([]);
    expect((await bob.call("DELETE", `/rules/${rule.body.rule.id}`)).status).toBe(404);
    const suggestion = await bob.call("GET", `/transactions/${march[0]!.id}/rule-suggestion`);
    expect(suggestion.status).toBe(404);
    expect(suggestion.body.error.code).toBe("not_found");
    expect((await alice.call("GET", "/rules")).body.rules).toHaveLength(1);
  });

  test("bob's import is not categorized by what alice taught", async () => {
    await bob.importFile(makeOfx("123", [{ date: "2024-04-02", amountMinor: -9000, name: "PRLV SEPA ENGIE", fitid: "b1" }]), "b.ofx");
    expect((await all(bob))[0]).toMatchObject({ categoryId: null, categorySource: null });
  }, SLOW);
});

describe("bad input", () => {
  test.each([
    [{ pattern: "!!", categoryId: GROCERIES }, 422],
    [{ pattern: "a".repeat(150), categoryId: GROCERIES }, 422],
    [{ pattern: "a".repeat(500), categoryId: GROCERIES }, 422],
    [{ pattern: "lidl", sign: "both", categoryId: GROCERIES }, 422],
    [{ pattern: "lidl", categoryId: "groceries" }, 422],
    [{ pattern: "lidl", categoryId: GROCERIES, priority: 1 }, 422],
    [{ pattern: "lidl" }, 422],
    [{ pattern: "lidl", categoryId: 999_999 }, 404],
  ])("POST /rules %j -> %i", async (body, status) => {
    const answer = await alice.call("POST", "/rules", body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.message.length).toBeGreaterThan(5);
  });

  test("unknown rule or transaction ids are 404, malformed ones 422", async () => {
    expect((await alice.call("DELETE", "/rules/999999")).status).toBe(404);
    expect((await alice.call("GET", "/transactions/999999/rule-suggestion")).status).toBe(404);
    expect((await alice.call("GET", "/transactions/-1/rule-suggestion")).status).toBe(422);
    expect((await alice.call("PATCH", `/transactions/${march[0]!.id}`, { categoryId: 999_999 })).status).toBe(404);
  });

  test("the OpenAPI document describes the routes", async () => {
    const spec = await (await fetch(`${box.appliance.base}/api/openapi.json`, { headers: { cookie: alice.cookie } })).json();
    for (const [path, method] of [
      ["/api/banks/categories", "get"], ["/api/banks/categories", "post"], ["/api/banks/categories/{id}", "patch"], ["/api/banks/categories/{id}", "delete"],
      ["/api/banks/rules", "get"], ["/api/banks/rules", "post"], ["/api/banks/rules/{id}", "delete"], ["/api/banks/transactions/{id}/rule-suggestion", "get"],
    ] as const) {
      expect(spec.paths[path]?.[method]?.summary).toBeString();
    }
  });
});
