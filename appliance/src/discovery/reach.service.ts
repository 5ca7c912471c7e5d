// The names and addresses the box can be reached at, for the Setup and
// System pages: its mDNS name (avahi's real one after a collision, e.g.
// cozy-2.local, asked of the privileged helper), its host name, and its LAN
// addresses for the devices that cannot resolve .local.
import { hostname, networkInterfaces } from "node:os";
import type { MdnsMode } from "../config";
import type { Privileged } from "../privileged";
import type { Clock } from "../shared/ports";

/** The SMB share smb.conf defines on the image (see /work/notes/issue6-contracts.md). */
export const SMB_SHARE = "cozy";
/** avahi's name changes only on a collision or a rename: asking root for it once a minute is plenty. */
const MDNS_NAME_TTL_MS = 60_000;

export interface ReachAddress {
  address: string;
  family: "IPv4" | "IPv6";
}

export interface ReachInfo {
  /** e.g. "cozy.local" or, after a collision, "cozy-2.local"; null when nothing advertises the box. */
  mdnsName: string | null;
  /** The mDNS name is not <hostname>.local: another device had it first. */
  mdnsRenamed: boolean;
  hostname: string;
  port: number;
  addresses: ReachAddress[];
  smb: { available: boolean; share: string };
}

export interface ReachDeps {
  mdns: MdnsMode;
  privileged: Privileged;
  clock: Clock;
  /** The port the server really listens on (known once it started). */
  port: () => number;
  /** The embedded responder's host name, when it runs. */
  advertisedName: () => string | null;
}

/** LAN addresses: not loopback, not IPv6 link-local (fe80::, which needs an interface to be typed). */
export function lanAddresses(): ReachAddress[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && !info.address.toLowerCase().startsWith("fe80:"))
    .map((info) => ({ address: info!.address, family: info!.family }));
}

export class ReachService {
  private cached: { name: string | null; at: number } | null = null;

  constructor(private readonly deps: ReachDeps) {}

  async info(): Promise<ReachInfo> {
    const machine = hostname().split(".")[0]!.toLowerCase();
    const mdnsName = await this.mdnsName(machine);
    return {
      mdnsName,
      mdnsRenamed: mdnsName !== null && mdnsName !== `${machine}.local`,
      hostname: machine,
      port: this.deps.port(),
      addresses: lanAddresses(),
      smb: { available: this.deps.privileged.available, share: SMB_SHARE },
    };
  }

  private async mdnsName(machine: string): Promise<string | null> {
    const { mdns, privileged } = this.deps;
    // With the helper (the image), avahi publishes the box whatever COZY_MDNS says: the name is avahi's own,
    // or while avahi is not answering (still starting) its usual one, asked again next time.
    if (privileged.available) return (await this.avahiName()) ?? `${machine}.local`;
    if (mdns === "embedded") return this.deps.advertisedName();
    return mdns === "avahi" ? `${machine}.local` : null;
  }

  private async avahiName(): Promise<string | null> {
    const { privileged, clock } = this.deps;
    if (this.cached && clock.now() - this.cached.at < MDNS_NAME_TTL_MS) return this.cached.name;
    const name = (await privileged.run("mdns-hostname").catch(() => null)) ?? null;
    if (name) this.cached = { name, at: clock.now() };
    return name;
  }
}
