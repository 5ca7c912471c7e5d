// The "SSH" switch in Settings (owner only). On: one public key, the owner's,
// for one dedicated account, and sshd told to accept keys only. Off: the key
// is gone first (no new login even if stopping sshd failed), then sshd stops.
// The key file lives outside any home folder, owned by root, so no process
// of the appliance (nor the admin account itself) can add a key to it.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { HelperConfig } from "../config";
import { mustRun } from "./exec";
import { checkPublicKey } from "./validate";

export function sshdConfigText(config: HelperConfig): string {
  return [
    "# Written by CozyBox's privileged helper (Settings -> SSH): keys only, one account.",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin no",
    "PubkeyAuthentication yes",
    `AllowUsers ${config.sshUser}`,
    `AuthorizedKeysFile ${config.sshKeysFile}`,
    "",
  ].join("\n");
}

/** Written next to the target then renamed: sshd never reads half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o644 });
  await rename(temporary, path);
}

export async function sshEnable(args: Record<string, string>, config: HelperConfig): Promise<undefined> {
  const key = checkPublicKey(args.publicKey ?? "");
  await writeAtomically(config.sshKeysFile, `${key}\n`);
  await writeAtomically(config.sshdConfigFile, sshdConfigText(config));
  await mustRun("systemctl", ["enable", "ssh.service"]);
  await mustRun("systemctl", ["reload-or-restart", "ssh.service"]);
  return undefined;
}

export async function sshDisable(_args: Record<string, string>, config: HelperConfig): Promise<undefined> {
  await rm(config.sshKeysFile, { force: true });
  await mustRun("systemctl", ["disable", "--now", "ssh.service"]);
  return undefined;
}

/** The key that opens SSH, or "" when SSH is off. */
export async function sshStatus(_args: Record<string, string>, config: HelperConfig): Promise<string> {
  const text = await readFile(config.sshKeysFile, "utf8").catch(() => "");
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
