// `cozy app-password create|list|revoke`: app passwords from the console, for
// a headless box or a script. `create` prints the password alone on stdout
// (the explanation goes to stderr) so that `pass=$(cozy app-password create X)`
// captures exactly the password.
import type { Config } from "../config";
import { EXIT, explain, withServices, type Flags } from "./commands";

export const APP_PASSWORD_USAGE = `usage: cozy app-password create NAME [--user NAME]
       cozy app-password list [--user NAME]
       cozy app-password revoke ID [--user NAME]
The person is the owner unless --user names another one.`;

type Services = Parameters<Parameters<typeof withServices>[1]>[0];

function usage(problem: string): number {
  console.error(`cozy app-password: ${problem}\n\n${APP_PASSWORD_USAGE}`);
  return EXIT.usage;
}

/** "2026-01-15 09:00" in the box's own time zone, as the person at the console reads clocks. */
function formatTime(epochMs: number | null): string {
  if (epochMs === null) return "never";
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  const pad = (cell: string, width: number) => cell + " ".repeat(width - [...cell].length);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!))).join("  ")).join("\n");
}

async function create({ appPasswords }: Services, userName: string | null, name: string): Promise<number> {
  const user = await appPasswords.personFor(userName);
  const created = await appPasswords.create(user.id, name);
  console.log(created.password);
  console.error(
    `App password "${created.name}" created for ${user.name} (id ${created.id}). It is shown only this once:\n` +
      `enter it as the password for WebDAV, with the user name ${user.name}.`,
  );
  return EXIT.ok;
}

async function list({ appPasswords }: Services, userName: string | null): Promise<number> {
  const user = await appPasswords.personFor(userName);
  const rows = await appPasswords.list(user.id);
  if (rows.length === 0) {
    console.log(`${user.name} has no app passwords.`);
    return EXIT.ok;
  }
  const header = ["ID", "NAME", "CREATED", "LAST USED"];
  console.log(table([header, ...rows.map((row) => [String(row.id), row.name, formatTime(row.createdAt), formatTime(row.lastUsedAt)])]));
  return EXIT.ok;
}

async function revoke({ appPasswords }: Services, userName: string | null, id: number): Promise<number> {
  const user = await appPasswords.personFor(userName);
  await appPasswords.revoke(user.id, id);
  console.log(`App password ${id} of ${user.name} is revoked; devices using it are refused from now on.`);
  return EXIT.ok;
}

export async function appPassword(config: Config, flags: Flags, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const unknown = Object.keys(flags).filter((flag) => flag !== "user");
  if (unknown.length > 0) return usage(`unknown option --${unknown[0]}`);
  if (flags.user === true || flags.user === "") return usage("--user needs a name");
  const userName = typeof flags.user === "string" ? flags.user : null;
  const want = action === "list" ? 0 : 1;
  if (action !== "create" && action !== "list" && action !== "revoke") {
    return usage(action ? `unknown action "${action}"` : "say what to do");
  }
  if (rest.length !== want) return usage(want === 0 ? `${action} takes no argument` : `${action} needs exactly one ${action === "create" ? "NAME" : "ID"}`);
  const argument = rest[0] ?? "";
  if (action === "revoke" && !/^[1-9][0-9]{0,14}$/.test(argument)) return usage(`"${argument}" is not an app password id (see cozy app-password list)`);
  try {
    return await withServices(config, (services) => {
      if (action === "create") return create(services, userName, argument);
      if (action === "list") return list(services, userName);
      return revoke(services, userName, Number(argument));
    });
  } catch (error) {
    return explain(error, `app-password ${action}`);
  }
}
