// The embedded mDNS responder, for where no avahi runs (a developer's
// `make run`): it advertises the web UI as _http._tcp (port, path=/) under
// this machine's name. @homebridge/ciao is a well-kept, RFC 6762/6763
// compliant responder in TypeScript (probing, conflict renaming, goodbye
// packets on shutdown), so none is written here (DESIGN.md decision 8).
// On the image avahi-daemon publishes everything and this stays off.
import { hostname } from "node:os";
import ciao, { type CiaoService, type Responder } from "@homebridge/ciao";
import type { MdnsMode } from "../config";
import type { Logger } from "../shared/logger";

const STOP_GRACE_MS = 5_000;

export interface Advertiser {
  /** The host name the records point at, e.g. "devbox.local" (renamed by ciao after a conflict). */
  readonly hostname: string;
  stop(): Promise<void>;
}

export interface AdvertiseOptions {
  mode: MdnsMode;
  /** The DNS-SD instance name people see in a service browser. */
  instanceName: string;
  port: number;
  /** Only these interfaces (COZY_MDNS_INTERFACES); empty: all. */
  interfaces: readonly string[];
  logger: Logger;
}

/** A DNS label from the machine's name: what ciao will publish as <label>.local. */
export function hostLabel(name = hostname()): string {
  const label = name.split(".")[0]?.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return label || "cozybox";
}

/** Starts advertising in the background (probing takes a second or two): the service answers meanwhile. */
export function startAdvertising(options: AdvertiseOptions): Advertiser | null {
  if (options.mode !== "embedded") return null;
  const responder: Responder = ciao.getResponder(options.interfaces.length ? { interface: [...options.interfaces] } : undefined);
  const service: CiaoService = responder.createService({
    name: options.instanceName,
    type: "http",
    port: options.port,
    hostname: hostLabel(),
    txt: { path: "/" },
  });
  let current = `${hostLabel()}.local`;
  service.on("hostname-change", (renamed: string) => {
    current = renamed.replace(/\.$/, "");
    options.logger.info("mdns host name changed after a conflict", { hostname: current });
  });
  const advertised = service
    .advertise()
    .then(() => options.logger.info("mdns advertising", { service: `${options.instanceName}._http._tcp`, port: options.port }))
    .catch((error: unknown) => options.logger.warn("mdns advertising failed", { error: String(error) }));
  return {
    get hostname() {
      return current;
    },
    async stop() {
      // Goodbye packets: browsers on the LAN drop the box at once instead of after the records' TTL.
      // Bounded: a network gone odd must never keep the service from stopping.
      const goodbye = (async () => {
        await advertised;
        await service.end().catch(() => undefined);
        await responder.shutdown().catch(() => undefined);
      })();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([goodbye, new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    },
  };
}
