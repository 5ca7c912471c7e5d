// Settings -> SSH (owner only): on with one public key, or off. There is no
// SSH and no password anywhere until the owner turns it on here (or puts a
// key file named "ssh" on the boot partition before first boot).
import type { UserRow } from "../auth";
import { ForbiddenError, ValidationError } from "../shared/errors";
import type { Privileged } from "./client";
import { checkPublicKey, HelperRefusal } from "./validate";

export interface SshStatus {
  /** A privileged helper runs here (the CozyBox image). */
  available: boolean;
  enabled: boolean;
  /** The key that opens SSH (type, data, comment), when enabled. */
  key: string | null;
}

function ownerOnly(user: UserRow): void {
  if (user.role !== "owner") throw new ForbiddenError("owner_only", "Only the box's owner can turn SSH on or off.");
}

export class SshService {
  constructor(private readonly privileged: Privileged) {}

  async status(user: UserRow): Promise<SshStatus> {
    ownerOnly(user);
    if (!this.privileged.available) return { available: false, enabled: false, key: null };
    const key = (await this.privileged.run("ssh-status")) ?? "";
    return { available: true, enabled: key !== "", key: key || null };
  }

  /** Checked here too, so a pasted private key or a typo gets a 422 that says so, not a refusal from root. */
  async enable(user: UserRow, publicKey: string): Promise<SshStatus> {
    ownerOnly(user);
    if (/PRIVATE KEY/.test(publicKey)) {
      throw new ValidationError("publicKey", "That is a private key: never share it. Paste the PUBLIC key (the .pub file).");
    }
    let line: string;
    try {
      line = checkPublicKey(publicKey);
    } catch (error) {
      if (error instanceof HelperRefusal) throw new ValidationError("publicKey", error.message);
      throw error;
    }
    await this.privileged.run("ssh-enable", { publicKey: line });
    return this.status(user);
  }

  async disable(user: UserRow): Promise<SshStatus> {
    ownerOnly(user);
    await this.privileged.run("ssh-disable");
    return this.status(user);
  }
}
