// The box's name on the network and its power: host name (hostnamectl, and
// avahi over D-Bus so cozy.local follows at once), avahi's name as it really
// is after a collision (cozy-2.local), reboot and power off.
import { mustRun, runProgram } from "./exec";
import { checkHostLabel, HelperRefusal } from "./validate";

const AVAHI = ["--system", "call", "org.freedesktop.Avahi", "/", "org.freedesktop.Avahi.Server"] as const;
const FQDN_ANSWER = /^s "([a-z0-9.-]{1,253})"$/i;

export async function setHostname(args: Record<string, string>): Promise<undefined> {
  const name = checkHostLabel(args.name ?? "");
  await mustRun("hostnamectl", ["set-hostname", name]);
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
