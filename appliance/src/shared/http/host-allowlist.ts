import { hostname, networkInterfaces } from "node:os";

export interface HostAllowlist {
  allows(host: string): boolean;
}

/** "Cozy.Local:8080" -> "cozy.local", "[::1]:80" -> "::1". */
export function hostOfHeader(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]") === -1 ? undefined : value.indexOf("]"));
  const colon = value.lastIndexOf(":");
  return (colon === -1 ? value : value.slice(0, colon)).replace(/\.$/, "");
}

const REFRESH_MS = 30_000;

/**
 * localhost, cozy.local, the machine's own name (and name.local, which avahi
 * may have renamed to cozy-2.local), configured names, and every address the
 * machine has right now (re-read every 30 s, as DHCP may change them).
 */
export function createHostAllowlist(configured: readonly string[]): HostAllowlist {
  const fixed = new Set(["localhost", "127.0.0.1", "::1", "cozy.local", ...configured]);
  const machine = hostname().toLowerCase();
  fixed.add(machine);
  fixed.add(`${machine}.local`);
  let addresses = new Set<string>();
  let readAt = 0;
  const current = () => {
    if (Date.now() - readAt > REFRESH_MS) {
      addresses = new Set(
        Object.values(networkInterfaces())
          .flat()
          .map((info) => info?.address.toLowerCase().split("%")[0] ?? ""),
      );
      readAt = Date.now();
    }
    return addresses;
  };
  return {
    allows: (host) => host !== "" && (fixed.has(host) || /^cozy(-\d+)?\.local$/.test(host) || current().has(host)),
  };
}
