// The wire format between the appliance (unprivileged) and the privileged
// helper (root, one process per connection, started by systemd's socket
// activation with Accept=yes): ONE JSON line each way, then the connection
// closes. Shared by both sides so they cannot drift apart.

/** The fixed list: the helper refuses any other command. */
export const PRIVILEGED_COMMANDS = [
  "samba-set-password",
  "samba-remove-user",
  "set-hostname",
  "reboot",
  "poweroff",
  "ssh-enable",
  "ssh-disable",
  "ssh-status",
  "mdns-hostname",
] as const;
export type PrivilegedCommand = (typeof PRIVILEGED_COMMANDS)[number];

/** The argument names each command takes, all strings, all required, no others. */
export const COMMAND_ARGS: Readonly<Record<PrivilegedCommand, readonly string[]>> = {
  "samba-set-password": ["user", "person", "password"],
  "samba-remove-user": ["user"],
  "set-hostname": ["name"],
  reboot: [],
  poweroff: [],
  "ssh-enable": ["publicKey"],
  "ssh-disable": [],
  "ssh-status": [],
  "mdns-hostname": [],
};

export interface PrivilegedRequest {
  command: PrivilegedCommand;
  args: Record<string, string>;
}

export type PrivilegedAnswer = { ok: true; output?: string } | { ok: false; error: { code: string; message: string } };

/**
 * The longest request line, newline included. The largest legitimate one is
 * an RSA public key (a 16384-bit key is under 3 KiB in base64): anything
 * longer is refused before it is parsed.
 */
export const MAX_REQUEST_BYTES = 16 * 1024;
/** The longest answer the client accepts (mdns-hostname and ssh-status answer a line). */
export const MAX_ANSWER_BYTES = 16 * 1024;

export function isPrivilegedCommand(value: unknown): value is PrivilegedCommand {
  return typeof value === "string" && (PRIVILEGED_COMMANDS as readonly string[]).includes(value);
}
