// The categories capability on a real libsql file, below HTTP: an import
// larger than one page is categorized whole, health category ids include a
// person's own subcategories, and manual choices teach the classifier at once.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HEALTH_EXPENSES_ID, HEALTH_REIMBURSEMENTS_ID } from "../../appliance/src/banks";
import { createCategories, type CategoriesCapability } from "../../appliance/src/banks/categories";
import { openDatabase, type DatabaseHandle } from "../../appliance/src/db/client";
import { migrateDatabase } from "../../appliance/src/db/migrate";

let dir: string;
let handle: DatabaseHandle;
let categories: CategoriesCapability;
const USER = 1;
const GROCERIES = 120;
const ENERGY = 101;

async function insertRows(importId: number, rows: { id: number; label: string; amount: number; manual?: number }[]): Promise<void> {
  const json = rows.map((row) => [row.id, row.label, row.amount, row.manual ?? null, row.manual ? "manual" : null, row.manual ? '{"source":"manual"}' : null]);
  await handle.client.execute({
    sql: `insert into bank_transactions (id, user_id, account_id, import_id, booking_date, amount_minor, currency, label, raw_label, category_id, category_source, category_reason, import_batch_id, created_at)
      select json_extract(j.value, '$[0]'), ${USER}, 1, 'i' || json_extract(j.value, '$[0]'), '2024-03-01', json_extract(j.value, '$[2]'), 'EUR', json_extract(j.value, '$[1]'),
        json_extract(j.value, '$[1]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), ?, 0 from json_each(?) as j`,
    args: [importId, JSON.stringify(json)],
  });
}

async function sources(importId: number): Promise<Record<string, number>> {
  const result = await handle.client.execute({ sql: "select coalesce(category_source, 'none') as s, count(*) as n from bank_transactions where import_batch_id = ? group by 1", args: [importId] });
  return Object.fromEntries(result.rows.map((row) => [String(row.s), Number(row.n)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cozy-categories-"));
  handle = await openDatabase(join(dir, "cozy.db"));
  await migrateDatabase(handle.db);
  await handle.client.execute("insert into users (id, name, name_key, role, passphrase_hash, created_at, passphrase_changed_at) values (1, 'Alice', 'alice', 'owner', 'x', 0, 0)");
  await handle.client.execute("insert into bank_accounts (id, user_id, name, currency, import_key, created_at) values (1, 1, 'Checking', 'EUR', 'k', 0)");
  for (const id of [1, 2, 3]) {
    await handle.client.execute(`insert into bank_imports (id, user_id, file_name, format, sha256, size_bytes, state, preview, created_at, expires_at) values (${id}, 1, 'f', 'ofx', 'x', 1, 'committed', '{}', 0, 0)`);
  }
  categories = createCategories({ db: handle.db, client: handle.client, clock: { now: () => 0 }, transaction: async () => null });
  await categories.ready();
});
afterAll(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an import larger than one page", () => {
  test("every row is decided: rules, then the classifier learnt from manual rows, the rest left alone", async () => {
    await insertRows(1, [
      { id: 1, label: "PRLV SEPA ENGIE ECH/0103", amount: -8000, manual: ENERGY },
      { id: 2, label: "PRLV SEPA ENGIE ECH/0104", amount: -8100, manual: ENERGY },
    ]);
    await categories.service.createRule(USER, { pattern: "carrefour", categoryId: GROCERIES });
    const rows = Array.from({ length: 12_345 }, (_, i) => ({
      id: 100 + i,
      label: i % 3 === 0 ? `CB CARREFOUR ${(i % 28) + 1}/03` : i % 3 === 1 ? `PRLV SEPA ENGIE ECH/${i}` : `CB BOUTIQUE ${i}`,
      amount: -100 - i,
    }));
    await insertRows(2, rows);
    expect(await categories.categorizeImport(USER, 2)).toBe(4115 * 2);
    expect(await sources(2)).toEqual({ rule: 4115, classifier: 4115, none: 4115 });
    // The manual rows of the earlier import were not touched.
    expect(await sources(1)).toEqual({ manual: 2 });
  });

  test("a manual choice made after the model was built is learnt at once, and taken back as well", async () => {
    await categories.categorizer.learn(USER, { label: "x", amountMinor: 0, categoryId: null, categorySource: null }, { label: "CB BOUTIQUE 1", amountMinor: -100, categoryId: 242, categorySource: "manual" });
    await insertRows(3, [{ id: 50_000, label: "CB BOUTIQUE 999", amount: -500 }]);
    await categories.categorizeImport(USER, 3);
    const [row] = (await handle.client.execute("select category_id, category_reason from bank_transactions where id = 50000")).rows;
    expect(Number(row!.category_id)).toBe(242);
    expect(JSON.parse(String(row!.category_reason))).toMatchObject({ source: "classifier", tokens: ["boutique", "cb"] });
    const model = await categories.categorizer.model(USER);
    const before = model.size;
    await categories.categorizer.learn(USER, { label: "CB BOUTIQUE 1", amountMinor: -100, categoryId: 242, categorySource: "manual" }, { label: "CB BOUTIQUE 1", amountMinor: -100, categoryId: null, categorySource: null });
    expect(model.size).toBe(before - 1);
  });
});

describe("a new rule", () => {
  test("finds its labels whatever their case and accents, and only whole words", async () => {
    await insertRows(3, [
      { id: 60_001, label: "PRLV SEPA ÉLECTRICITÉ DE STRASBOURG", amount: -7000 },
      { id: 60_002, label: "prlv sepa electricite de strasbourg", amount: -7100 },
      { id: 60_003, label: "PRLV SEPA ELECTRICITESTRASBOURG", amount: -7200 },
      { id: 60_004, label: "CB STRASBOURG ÉLECTRICITÉ", amount: -7300 },
    ]);
    const { applied } = await categories.service.createRule(USER, { pattern: "Électricité de Strasbourg", categoryId: ENERGY });
    expect(applied).toBe(2);
    const rows = await handle.client.execute("select id, category_source from bank_transactions where id > 60000 order by id");
    expect(rows.rows.map((row) => row.category_source)).toEqual(["rule", "rule", null, null]);
  });
});

describe("health categories for bill linking", () => {
  test("health expenses with every subcategory (built-in or the person's), and reimbursements", async () => {
    const dentist = await categories.service.create(USER, { name: "Dentist", parentId: HEALTH_EXPENSES_ID });
    const implants = await categories.service.create(USER, { name: "Implants", parentId: dentist.id });
    const ids = await categories.service.healthCategoryIds(USER);
    expect(ids.expenses.sort((a, b) => a - b)).toEqual([HEALTH_EXPENSES_ID, dentist.id, implants.id]);
    expect(ids.reimbursements).toEqual([HEALTH_REIMBURSEMENTS_ID]);
    expect((await categories.service.healthExpenseIds(USER)).sort((a, b) => a - b)).toEqual([HEALTH_EXPENSES_ID, dentist.id, implants.id]);
  });
});
