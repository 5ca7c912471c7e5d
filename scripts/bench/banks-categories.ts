// Banks categorization figures (issue 5), each beside an anchor measured in
// the same run on the same database:
// - categorizing a committed 100,000-transaction import (the imported hook:
//   the person's rules, then the classifier learnt from 2,000 manual
//   choices), beside one plain UPDATE of the same rows' category columns
//   (the write nothing can avoid);
// - creating a rule, applied at once to every transaction not chosen by hand.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCategories } from "../../appliance/src/banks/categories";
import { openDatabase, type DatabaseHandle } from "../../appliance/src/db/client";
import { migrateDatabase } from "../../appliance/src/db/migrate";
import { record } from "./figures";

const TRANSACTIONS = Number(process.env.BENCH_BANKS_TRANSACTIONS ?? 100_000);
const MANUAL = 2_000;
const PREFIXES = ["CB", "PRLV SEPA", "VIR", "PAIEMENT PAR CARTE X1234", "CARTE X4521"];
const MERCHANTS: [string, number][] = [
  ["CARREFOUR", 120], ["LIDL", 120], ["ENGIE", 101], ["EDF", 101], ["FREE MOBILE", 260], ["ORANGE", 261], ["SNCF", 141], ["RATP", 141],
  ["TOTAL", 140], ["ESSO", 140], ["AMAZON", 240], ["FNAC", 221], ["DECATHLON", 220], ["PHARMACIE", 160], ["CPAM", 161], ["MUTUELLE", 162],
  ["BOULANGERIE", 120], ["MONOPRIX", 120], ["AUCHAN", 120], ["LEROY MERLIN", 242], ["IKEA", 242], ["NETFLIX", 221], ["SPOTIFY", 221],
  ["UBER", 141], ["BLABLACAR", 141], ["DARTY", 241], ["ZARA", 240], ["PICARD", 120], ["FRANPRIX", 120], ["RESTAURANT LE ZINC", 121],
];

/** A label as banks write them: operation, merchant, shop or town, date, masked card number. */
function labelOf(i: number): { label: string; categoryId: number } {
  const shop = (i * 7919) % 200;
  const [merchant, categoryId] = MERCHANTS[shop % MERCHANTS.length]!;
  const place = shop % 7 === 0 ? "PARIS" : `MAGASIN${shop % 13}`;
  return { label: `${PREFIXES[shop % PREFIXES.length]} ${merchant} ${place} ${(i % 28) + 1}/0${(i % 9) + 1} 4974XXXXXXXX${1000 + (i % 9000)}`, categoryId };
}

async function seedHistory({ client }: DatabaseHandle): Promise<void> {
  await client.execute("insert into users (id, name, name_key, role, passphrase_hash, created_at, passphrase_changed_at) values (1, 'a', 'a', 'owner', 'x', 0, 0)");
  await client.execute("insert into bank_accounts (id, user_id, name, currency, import_key, created_at) values (1, 1, 'Checking', 'EUR', 'k', 0)");
  for (const id of [1, 2]) {
    await client.execute(`insert into bank_imports (id, user_id, file_name, format, sha256, size_bytes, state, preview, created_at, expires_at) values (${id}, 1, 'f', 'ofx', 'x', 1, 'committed', '{}', 0, 0)`);
  }
  for (let start = 0; start < TRANSACTIONS + MANUAL; start += 5_000) {
    const rows = [];
    for (let i = start; i < Math.min(start + 5_000, TRANSACTIONS + MANUAL); i++) {
      const { label, categoryId } = labelOf(i);
      const manual = i >= TRANSACTIONS;
      rows.push([i + 1, label, (i % 11 === 0 ? 1 : -1) * (100 + (i % 9000)), manual ? categoryId : null, manual ? "manual" : null, manual ? 2 : 1]);
    }
    await client.execute({
      sql: `insert into bank_transactions (id, user_id, account_id, import_id, booking_date, amount_minor, currency, label, raw_label, category_id, category_source, import_batch_id, created_at)
        select json_extract(j.value, '$[0]'), 1, 1, 'i' || json_extract(j.value, '$[0]'), '2024-01-01', json_extract(j.value, '$[2]'), 'EUR', json_extract(j.value, '$[1]'),
          json_extract(j.value, '$[1]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), 0 from json_each(?) as j`,
      args: [JSON.stringify(rows)],
    });
  }
}

/** The anchor: the import's rows given one category by plain UPDATEs of the same shape, nothing decided. */
async function plainUpdateMs({ client }: DatabaseHandle): Promise<number> {
  const started = performance.now();
  const statements = [];
  for (let start = 0; start < TRANSACTIONS; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, TRANSACTIONS - start) }, (_, i) => [start + i + 1, 120, "rule", '{"source":"rule","ruleId":1,"pattern":"x"}']);
    statements.push({
      sql: `update bank_transactions set category_id = json_extract(j.value, '$[1]'), category_source = json_extract(j.value, '$[2]'), category_reason = json_extract(j.value, '$[3]')
        from json_each(?) as j where bank_transactions.id = json_extract(j.value, '$[0]')`,
      args: [JSON.stringify(rows)],
    });
  }
  await client.batch(statements, "write");
  const elapsed = performance.now() - started;
  await client.execute("update bank_transactions set category_id = null, category_source = null, category_reason = null where import_batch_id = 1");
  return elapsed;
}

export async function benchBanksCategories(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-categories-"));
  const handle = await openDatabase(join(work, "cozy.db"));
  try {
    await migrateDatabase(handle.db);
    console.log(`banks: categorizing a ${TRANSACTIONS}-transaction import (rules, then the classifier)…`);
    const categories = createCategories({ db: handle.db, client: handle.client, clock: { now: () => Date.now() }, transaction: async () => null });
    await categories.ready();
    await seedHistory(handle);
    for (const [merchant, categoryId] of MERCHANTS.slice(0, 12)) await categories.service.createRule(1, { pattern: merchant, categoryId });
    const anchorMs = await plainUpdateMs(handle);
    const started = performance.now();
    const categorized = await categories.categorizeImport(1, 1);
    const categorizeMs = performance.now() - started;
    if (categorized !== TRANSACTIONS) throw new Error(`categorized ${categorized} of ${TRANSACTIONS}`);
    record("Banks categorization of a 100,000-transaction import (rules + classifier)", TRANSACTIONS / (categorizeMs / 1000), "transactions/s", TRANSACTIONS / (anchorMs / 1000), "report (anchor: the plain UPDATE)", () => true);
    const ruleStarted = performance.now();
    await categories.service.createRule(1, { pattern: "restaurant le zinc", categoryId: 121 });
    const ruleMs = performance.now() - ruleStarted;
    record("Banks rule created and applied over 102,000 transactions", ruleMs, "ms", anchorMs, "report (anchor: the plain UPDATE of 100,000 rows)", () => true);
  } finally {
    handle.close();
    rmSync(work, { recursive: true, force: true });
  }
}
