// `cozy banks import|export`: statements from a script (downloads made by
// hand or by cron). Import runs the very preview and commit of the web
// import, prints the preview's summary (text or --json) and commits unless
// --dry-run. Export writes CSV or OFX to stdout.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { BanksCapability, CommitResult, ImportView } from "../banks";
import { exportStream } from "../banks";
import type { Config } from "../config";
import { EXIT, explain, withServices, type Flags } from "./commands";

export const BANKS_USAGE = `usage: cozy banks import FILE... [--account ID] [--dry-run] [--json] [--user NAME]
       cozy banks export --format csv|ofx [--account ID] [--user NAME]
import: shows what each statement adds (new, already known, skipped and why), then imports it unless --dry-run.
        --account ID sends each file (its first account, if it holds several) to that account: QIF and CSV files name none.
export: writes the transactions (of one account, or all) to stdout.`;

type Services = Parameters<Parameters<typeof withServices>[1]>[0];
const BOOLEAN_FLAGS = new Set(["dry-run", "json"]);

function usage(problem: string): number {
  console.error(`cozy banks: ${problem}\n\n${BANKS_USAGE}`);
  return EXIT.usage;
}

/** `--dry-run FILE` reads FILE as the flag's value: give it back to the files. */
function splitBooleanFlags(flags: Flags, files: string[]): { flags: Flags; files: string[] } {
  const fixed: Flags = { ...flags };
  const taken: string[] = [];
  for (const name of BOOLEAN_FLAGS) {
    const value = fixed[name];
    if (typeof value === "string") {
      taken.push(value);
      fixed[name] = true;
    }
  }
  return { flags: fixed, files: [...taken, ...files] };
}

function money(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)} ${currency}`;
}

function summaryLines(file: string, preview: ImportView): string[] {
  const { totals } = preview;
  const lines = [`${file} (${preview.format.toUpperCase()}): ${totals.new} new, ${totals.known} already known, ${totals.skipped} skipped`];
  for (const account of preview.accounts) {
    const where = account.match === "existing" ? `account ${account.account!.id} "${account.account!.name}"` : account.match === "new" ? `new account "${account.newAccountName}"` : "no account chosen (use --account ID)";
    const { counts } = account;
    lines.push(`  statement account ${account.statement.iban ?? account.statement.accountId ?? account.index} -> ${where}: ${counts.new} new, ${counts.known} known, ${counts.skipped} skipped`);
    for (const skipped of account.skipped) lines.push(`    skipped ${skipped.bookingDate} ${money(skipped.amountMinor, account.statement.currency)} ${skipped.label}: ${skipped.reason}`);
  }
  for (const warning of preview.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}

interface FileOutcome {
  file: string;
  preview: ImportView;
  committed: CommitResult | null;
}

async function importOne(banks: BanksCapability, userId: number, file: string, accountId: number | undefined, dryRun: boolean): Promise<FileOutcome> {
  const handle = Bun.file(file);
  const chunks = handle.stream() as unknown as AsyncIterable<Uint8Array>;
  const preview = await banks.imports.upload(userId, basename(file), chunks, handle.size, accountId);
  if (dryRun) {
    await banks.imports.cancel(userId, preview.id);
    return { file, preview, committed: null };
  }
  return { file, preview, committed: await banks.imports.commit(userId, preview.id) };
}

async function personOf({ auth }: Services, userName: string | null): Promise<{ id: number; name: string }> {
  const people = await auth.people();
  const person = userName === null ? people.find((user) => user.role === "owner") : people.find((user) => user.nameKey === userName.toLowerCase());
  if (!person) throw new Error(userName === null ? "there is no owner yet (run cozy setup)" : `nobody is called ${userName}`);
  return person;
}

async function runImport(services: Services, files: string[], flags: Flags): Promise<number> {
  const person = await personOf(services, typeof flags.user === "string" ? flags.user : null);
  const accountId = typeof flags.account === "string" ? Number(flags.account) : undefined;
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      outcomes.push(await importOne(services.banks, person.id, file, accountId, flags["dry-run"] === true));
    } catch (error) {
      if (flags.json === true && outcomes.length > 0) console.log(JSON.stringify(outcomes, null, 2));
      return explain(error, `banks import ${file}`);
    }
    const last = outcomes[outcomes.length - 1]!;
    if (flags.json !== true) {
      console.log(summaryLines(file, last.preview).join("\n"));
      console.log(last.committed ? `  imported: ${last.committed.new} transaction(s) added.` : "  dry run: nothing written.");
    }
  }
  if (flags.json === true) console.log(JSON.stringify(outcomes, null, 2));
  return EXIT.ok;
}

async function runExport(services: Services, flags: Flags): Promise<number> {
  const person = await personOf(services, typeof flags.user === "string" ? flags.user : null);
  const accountId = typeof flags.account === "string" ? Number(flags.account) : undefined;
  const source = await services.banks.service.exportSource(person.id, accountId);
  const stream = exportStream(flags.format as "csv" | "ofx", source, new Date());
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
  return EXIT.ok;
}

function checkFlags(action: string, flags: Flags, files: string[]): string | null {
  const allowed = action === "import" ? ["account", "dry-run", "json", "user"] : ["account", "format", "user"];
  const unknown = Object.keys(flags).find((flag) => !allowed.includes(flag));
  if (unknown) return `unknown option --${unknown} for ${action}`;
  if (flags.account !== undefined && (typeof flags.account !== "string" || !/^[1-9][0-9]{0,14}$/.test(flags.account))) return "--account needs an account id";
  if (flags.user === true || flags.user === "") return "--user needs a name";
  if (action === "import" && files.length === 0) return "import needs at least one FILE";
  if (action === "export" && files.length > 0) return "export takes no FILE";
  if (action === "export" && flags.format !== "csv" && flags.format !== "ofx") return "export needs --format csv or --format ofx";
  return null;
}

export async function banks(config: Config, rawFlags: Flags, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "import" && action !== "export") return usage(action ? `unknown action "${action}"` : "say what to do");
  const { flags, files } = action === "import" ? splitBooleanFlags(rawFlags, rest) : { flags: rawFlags, files: rest };
  const problem = checkFlags(action, flags, files);
  if (problem) return usage(problem);
  const missing = files.find((file) => !existsSync(file));
  if (missing) return usage(`cannot read ${missing}`);
  try {
    return await withServices(config, (services) => (action === "import" ? runImport(services, files, flags) : runExport(services, flags)));
  } catch (error) {
    return explain(error, `banks ${action}`);
  }
}
