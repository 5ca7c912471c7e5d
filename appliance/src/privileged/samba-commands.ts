// Samba accounts for SMB app passwords. Samba keeps one unsalted NT hash per
// account, so the appliance never gives it the main passphrase: each
// "Connect a computer" password is its own Samba account (a Unix account
// with no login, no home, no shell, in one dedicated group), named like
// "alice-7" and shown to the person beside the password. Revoking one
// computer removes that account alone; the person's other computers go on.
// The account opens the person's own files through a link in smbRootsDir:
// the one share the helper writes says path = <smbRootsDir>/%U (%U: the
// account the computer signed in with), force user = the appliance's user.
import { lstat, mkdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { HelperConfig } from "../config";
import { mustRun, runProgram } from "./exec";
import { checkPersonKey, checkSambaPassword, checkSambaUser, HelperRefusal } from "./validate";

type AccountState = "absent" | "managed" | "foreign";

/** Numeric id of a passwd or group entry (its third field), or null when there is none. */
async function entryId(database: "passwd" | "group", name: string, field: number): Promise<string | null> {
  const result = await runProgram("getent", [database, name]);
  if (result.exitCode !== 0) return null;
  return result.stdout.trim().split(":")[field] ?? null;
}

/**
 * Whether the Unix account exists and was made by this helper (its primary
 * group is the Samba group). Any other account (root, cozy, a system
 * service) is "foreign": the helper never touches it, whatever it is asked.
 */
export async function accountState(user: string, group: string): Promise<AccountState> {
  const gid = await entryId("passwd", user, 3);
  if (gid === null) return "absent";
  const groupId = await entryId("group", group, 2);
  return groupId !== null && groupId === gid ? "managed" : "foreign";
}

function foreign(user: string): HelperRefusal {
  return new HelperRefusal("not_managed", `"${user}" is a system account, not a CozyBox SMB account.`);
}

/** The person's files folder, which must be a real folder (not a link planted to point elsewhere). */
async function personFolder(config: HelperConfig, person: string): Promise<string> {
  const folder = join(config.filesDir, person);
  const stats = await lstat(folder).catch(() => null);
  if (!stats?.isDirectory()) throw new HelperRefusal("no_such_person", `No files folder for "${person}".`);
  return folder;
}

/** <smbRootsDir>/<user> -> the person's folder, replaced in one rename so Samba never sees it missing. */
async function linkShareRoot(config: HelperConfig, user: string, folder: string): Promise<void> {
  await mkdir(config.smbRootsDir, { recursive: true, mode: 0o755 });
  const temporary = join(config.smbRootsDir, `.${user}.${process.pid}.tmp`);
  await rm(temporary, { force: true });
  await symlink(folder, temporary);
  await rename(temporary, join(config.smbRootsDir, user));
}

/** The share name the appliance's UI shows (discovery's SMB_SHARE). */
const SHARE = "cozy";

export function sharesConfText(config: HelperConfig): string {
  return [
    "# Written by CozyBox's privileged helper: one share; each computer's account opens its person's files.",
    `[${SHARE}]`,
    `   path = ${config.smbRootsDir}/%U`,
    `   valid users = @${config.smbGroup}`,
    `   force user = ${config.smbForceUser}`,
    `   force group = ${config.smbForceUser}`,
    "   read only = no",
    "   browseable = yes",
    "   guest ok = no",
    "   create mask = 0640",
    "   directory mask = 0750",
    "",
  ].join("\n");
}

/** Writes the share section when it is not already what it should be; true when it changed (smbd must reload). */
async function writeSharesConf(config: HelperConfig): Promise<boolean> {
  const text = sharesConfText(config);
  if ((await readFile(config.smbSharesFile, "utf8").catch(() => null)) === text) return false;
  await mkdir(dirname(config.smbSharesFile), { recursive: true, mode: 0o755 });
  const temporary = `${config.smbSharesFile}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o644 });
  await rename(temporary, config.smbSharesFile);
  return true;
}

async function createAccount(user: string, group: string): Promise<void> {
  if ((await entryId("group", group, 2)) === null) await mustRun("groupadd", ["--system", group]);
  const options = ["--system", "--gid", group, "--no-create-home", "--home-dir", "/nonexistent"];
  await mustRun("useradd", [...options, "--shell", "/usr/sbin/nologin", "--comment", "CozyBox SMB", user]);
}

export async function sambaSetPassword(args: Record<string, string>, config: HelperConfig): Promise<undefined> {
  const user = checkSambaUser(args.user ?? "");
  const person = checkPersonKey(args.person ?? "");
  const password = checkSambaPassword(args.password ?? "");
  const folder = await personFolder(config, person);
  const state = await accountState(user, config.smbGroup);
  if (state === "foreign") throw foreign(user);
  if (state === "absent") await createAccount(user, config.smbGroup);
  await linkShareRoot(config, user, folder);
  const reload = await writeSharesConf(config);
  // -s: read the new password twice from standard input; it never appears in argv (ps, /proc).
  await mustRun("smbpasswd", ["-s", "-a", user], { stdin: `${password}\n${password}\n` });
  // A running smbd picks the share up now; one that is not running reads it when it starts.
  if (reload) await runProgram("smbcontrol", ["smbd", "reload-config"]);
  return undefined;
}

export async function sambaRemoveUser(args: Record<string, string>, config: HelperConfig): Promise<undefined> {
  const user = checkSambaUser(args.user ?? "");
  const state = await accountState(user, config.smbGroup);
  if (state === "foreign") throw foreign(user);
  // First no new sign-in (the hash goes), then the computer's open connection, then the account itself.
  // smbpasswd -x fails when Samba has no such entry: removal is idempotent, so that is fine.
  await runProgram("smbpasswd", ["-x", user]);
  await endSessions(user);
  if (state === "managed") await mustRun("userdel", [user]);
  await rm(join(config.smbRootsDir, user), { force: true });
  return undefined;
}

/**
 * A revoked computer must lose the connection it has open, not only future
 * sign-ins: Samba checks the password once per session. Each client
 * connection is its own smbd process; only those of this account are ended,
 * and only processes that really are smbd.
 */
async function endSessions(user: string): Promise<void> {
  const listing = await runProgram("smbstatus", ["--processes", "--user", user]).catch(() => null);
  if (!listing || listing.exitCode !== 0) return;
  for (const line of listing.stdout.split("\n")) {
    const [pid, name] = line.trim().split(/\s+/);
    if (!pid || !/^\d+$/.test(pid) || name !== user) continue;
    const command = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "");
    if (command.trim() === "smbd") process.kill(Number(pid), "SIGTERM");
  }
}
