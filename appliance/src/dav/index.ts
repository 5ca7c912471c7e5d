// The WebDAV door of the Drive (RFC 4918, classes 1 and 2) at /dav/, the
// signed-in person's Drive root. Assembled here; bootstrap.ts mounts the
// handler on Bun's router for "/dav" and "/dav/*".
import type { AppPasswordService } from "../auth";
import type { Database } from "../db/client";
import type { FilesCapability } from "../files";
import type { HostAllowlist } from "../shared/http/host-allowlist";
import type { AnyMethodRoute } from "../shared/http/server";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { davHandler } from "./dav.handler";
import { DavLocks } from "./locks";
import { LocksRepository } from "./locks.repository";
import { PropertiesRepository } from "./properties.repository";

export { MAX_LOCK_SECONDS } from "./locks";
export { MAX_XML_BYTES } from "./dav.body";

export interface DavOptions {
  db: Database;
  files: FilesCapability;
  appPasswords: AppPasswordService;
  hosts: HostAllowlist;
  logger: Logger;
  clock: Clock;
}

export function createDav(options: DavOptions): { route: AnyMethodRoute; locks: DavLocks } {
  const locks = new DavLocks(new LocksRepository(options.db), options.clock);
  const services = { files: options.files.service, locks, properties: new PropertiesRepository(options.db) };
  // Whatever door deleted or moved an item (the web UI, REST, the disk), its WebDAV locks go with it.
  options.files.events.subscribe((event) => {
    if (event.type !== "deleted" && event.type !== "moved") return;
    const path = event.type === "moved" ? event.fromPath : event.path;
    void locks.removeSubtree(event.userId, path).catch((error) => options.logger.warn("dropping WebDAV locks failed", { error: String(error) }));
  });
  const handle = davHandler({ services, appPasswords: options.appPasswords, hosts: options.hosts, logger: options.logger });
  return { route: { anyMethod: handle }, locks };
}
