// Anchors for the banks import figures, measured on the very rows imported:
// - the statement parsed alone (the stream the import reads), in this process;
// - the sqlite3 shell importing the same rows from CSV into a table shaped
//   like bank_transactions (unique import id per account, date index):
//   storage with no parsing, dedup or application around it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileSource, statementEvents } from "../../appliance/src/banks/parsers";

/** Transactions per second of the parser alone, reading the file as the import does. */
export function parsePerSecond(statement: string): { perSecond: number; rows: number } {
  const started = performance.now();
  let rows = 0;
  for (const event of statementEvents(fileSource(statement), statement)) if (event.kind === "transaction") rows++;
  return { perSecond: rows / ((performance.now() - started) / 1000), rows };
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  return typeof value === "number" ? String(value) : `"${value.replaceAll('"', '""')}"`;
}

function writeRowsCsv(statement: string, csv: string): number {
  const lines: string[] = [];
  let account = 0;
  for (const event of statementEvents(fileSource(statement), statement)) {
    if (event.kind === "account") account++;
    if (event.kind !== "transaction") continue;
    const tx = event.transaction;
    lines.push([account, tx.importId, tx.bookingDate, tx.valueDate, tx.amountMinor, tx.currency, tx.label, tx.rawLabel, tx.type].map(csvField).join(","));
  }
  writeFileSync(csv, `${lines.join("\n")}\n`);
  return lines.length;
}

const SCHEMA = `create table t (account_id integer, import_id text, booking_date text, value_date text, amount_minor integer,
  currency text, label text, raw_label text, type text);
create unique index t_import on t (account_id, import_id);
create index t_date on t (account_id, booking_date);`;

/** Rows per second of `sqlite3 db < ".import --csv"` for the statement's rows (the CSV is written beforehand, untimed). */
export async function sqliteImportPerSecond(statement: string, work: string): Promise<number> {
  const csv = join(work, "rows.csv");
  const rows = writeRowsCsv(statement, csv);
  const script = `${SCHEMA}\nbegin;\n.import --csv ${csv} t\ncommit;\n`;
  const started = performance.now();
  const shell = Bun.spawn(["sqlite3", join(work, `anchor-${Date.now()}.db`)], { stdin: new Blob([script]), stdout: "ignore", stderr: "pipe" });
  const [code, errors] = await Promise.all([shell.exited, new Response(shell.stderr).text()]);
  if (code !== 0) throw new Error(`sqlite3 failed: ${errors}`);
  return rows / ((performance.now() - started) / 1000);
}
