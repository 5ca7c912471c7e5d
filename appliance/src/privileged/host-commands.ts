// The box's name on the network and its power: host name (hostnamectl, and
// avahi over D-Bus so cozy.local follows at once), avahi's name as it really
// is after a collision (cozy-2.local), reboot and power off.
import { readFile, rename, writeFile } from "node:fs/promises";
import type { HelperConfig } from "../config";
import { mustRun, runProgram } from "./exec";
import { checkHostLabel, HelperRefusal } from "./validate";

const AVAHI = ["--system", "call", "org.freedesktop.Avahi", "/", "org.freedesktop.Avahi.Server"] as const;
const FQDN_ANSWER = /^s "([a-z0-9.-]{1,253})"$/i;

/** Debian names the host on a 127.0.1.1 line; without it, programs that look the host name up (sudo) complain. */
export function withHostLine(hosts: string, name: string): string {
  const lines = hosts.split("\n");
  const at = lines.findIndex((line) => /^127\.0\.1\.1\s/.test(line));
  if (at === -1) return `${hosts.replace(/\n*$/, "\n")}127.0.1.1\t${name}\n`;
  lines[at] = `127.0.1.1\t${name}`;
  return lines.join("\n");
}

async function updateHostsFile(path: string, name: string): Promise<void> {
  const hosts = (await readFile(path, "utf8").catch(() => "127.0.0.1\tlocalhost\n")) || "127.0.0.1\tlocalhost\n";
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, withHostLine(hosts, name), { mode: 0o644 });
  await rename(temporary, path);
}

export async function setHostname(args: Record<string, string>, config: HelperConfig): Promise<undefined> {
  const name = checkHostLabel(args.name ?? "");
  await mustRun("hostnamectl", ["set-hostname", name]);
  await updateHostsFile(config.hostsFile, name);
  // avahi reads the host name only when it starts; without avahi running, that start will read the new one.
  await runProgram("busctl", [...AVAHI, "SetHostName", "s", name]).catch(() => undefined);
  return undefined;
}

/** busctl prints `s "cozy-2.local"`. */
export async function mdnsHostname(): Promise<string> {
  const answer = (await mustRun("busctl", [...AVAHI, "GetHostNameFqdn"])).trim();
  const name = FQDN_ANSWER.exec(answer)?.[1];
  if (!name) throw new HelperRefusal("command_failed", "avahi gave no host name.");
  return name.toLowerCase();
}

export async function reboot(): Promise<undefined> {
  await mustRun("systemctl", ["reboot"]);
  return undefined;
}

export async function poweroff(): Promise<undefined> {
  await mustRun("systemctl", ["poweroff"]);
  return undefined;
}
