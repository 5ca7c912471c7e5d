// Settings -> System -> Restart / Shut down (owner only). A Raspberry Pi has
// no power button: without this, the only way to restart the box is to pull
// its plug, which is exactly what an SD card should be spared.
//
// The answer (202) goes out before the helper is asked, so the person's page
// learns the request was taken before the service is stopped by systemd; the
// page then watches the boot id to see the box come back.
import { readFile } from "node:fs/promises";
import type { UserRow } from "../auth";
import type { Logger } from "../shared/logger";
import { ForbiddenError } from "../shared/errors";
import { PrivilegedUnavailableError, type Privileged } from "./client";

export type PowerAction = "restart" | "shutdown";

export interface PowerStatus {
  /** A privileged helper runs here (the CozyBox image): restart and shut down work. */
  available: boolean;
  /** Changes at every boot of the machine: the page knows the box restarted when it changes. */
  bootId: string;
}

export interface PowerRequest {
  action: PowerAction;
  /** When the box is asked to act (ms since the epoch): a moment after this answer. */
  at: number;
}

/** Time for the 202 to reach the page before systemd stops the service. */
export const ANSWER_FIRST_MS = 500;
const BOOT_ID_FILE = "/proc/sys/kernel/random/boot_id";

function ownerOnly(user: UserRow): void {
  if (user.role !== "owner") throw new ForbiddenError("owner_only", "Only the box's owner can restart it or shut it down.");
}

export class PowerService {
  constructor(
    private readonly privileged: Privileged,
    private readonly logger: Logger,
    private readonly bootIdFile = BOOT_ID_FILE,
  ) {}

  async status(user: UserRow): Promise<PowerStatus> {
    ownerOnly(user);
    const bootId = (await readFile(this.bootIdFile, "utf8").catch(() => "unknown")).trim();
    return { available: this.privileged.available, bootId };
  }

  /** Takes the request and acts a moment later; off the image, 503 at once. */
  request(user: UserRow, action: PowerAction): PowerRequest {
    ownerOnly(user);
    if (!this.privileged.available) throw new PrivilegedUnavailableError();
    const command = action === "restart" ? "reboot" : "poweroff";
    this.logger.info("power action requested", { action, userId: user.id });
    setTimeout(() => {
      this.privileged.run(command).catch((error: unknown) => this.logger.error("power action failed", { action, error: String(error) }));
    }, ANSWER_FIRST_MS);
    return { action, at: Date.now() + ANSWER_FIRST_MS };
  }
}
