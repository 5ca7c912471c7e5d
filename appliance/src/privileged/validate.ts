// Strict checks on every argument that reaches a root command. The helper
// runs programs without a shell, but a user name still becomes a Unix account,
// a key line still lands in sshd's key file, a password still goes to
// smbpasswd's standard input line by line: each must be exactly what it
// claims to be, and nothing else.
import { COMMAND_ARGS, isPrivilegedCommand, type PrivilegedRequest } from "./protocol";

export class HelperRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HelperRefusal";
  }
}

/** A Samba account, which is also a Unix account name (useradd's own portable rule, 32 at most). */
export const SAMBA_USER_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
/** A person's folder under <data>/files: the appliance's lower-cased user name (auth's NAME_PATTERN). */
export const PERSON_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;
/** One RFC 1123 label, lower case: the static host name, which avahi publishes as <name>.local. */
export const HOST_LABEL_PATTERN = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** App passwords are [a-z0-9-]; anything printable without spaces is accepted, nothing that could end smbpasswd's line. */
export const SAMBA_PASSWORD_PATTERN = /^[\x21-\x7e]{12,128}$/;

const KEY_TYPES = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"] as const;
const KEY_LINE = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: ([\x20-\x7e]{0,200}))?$/;
const MAX_KEY_LINE = 8 * 1024;

export function parseRequest(line: string): PrivilegedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new HelperRefusal("bad_request", "The request is not one line of JSON.");
  }
  if (!isPlainObject(parsed)) throw new HelperRefusal("bad_request", "The request must be a JSON object.");
  const extra = Object.keys(parsed).filter((key) => key !== "command" && key !== "args");
  if (extra.length > 0) throw new HelperRefusal("bad_request", `Unknown request field "${extra[0]}".`);
  const { command, args = {} } = parsed;
  if (!isPrivilegedCommand(command)) throw new HelperRefusal("unknown_command", "No such command.");
  if (!isPlainObject(args)) throw new HelperRefusal("bad_arguments", "args must be a JSON object.");
  return { command, args: checkArgNames(COMMAND_ARGS[command], args) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkArgNames(expected: readonly string[], args: Record<string, unknown>): Record<string, string> {
  const names = Object.keys(args);
  const unknown = names.find((name) => !expected.includes(name));
  if (unknown !== undefined) throw new HelperRefusal("bad_arguments", `Unknown argument "${unknown.slice(0, 40)}".`);
  const checked: Record<string, string> = {};
  for (const name of expected) {
    const value = args[name];
    if (typeof value !== "string") throw new HelperRefusal("bad_arguments", `Argument "${name}" must be a string.`);
    checked[name] = value;
  }
  return checked;
}

function mustMatch(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new HelperRefusal("bad_arguments", `Invalid ${what}.`);
  return value;
}

export const checkSambaUser = (value: string) => mustMatch(value, SAMBA_USER_PATTERN, "user name");
export const checkPersonKey = (value: string) => mustMatch(value, PERSON_KEY_PATTERN, "person");
export const checkHostLabel = (value: string) => mustMatch(value, HOST_LABEL_PATTERN, "host name");
export const checkSambaPassword = (value: string) => mustMatch(value, SAMBA_PASSWORD_PATTERN, "password");

/**
 * One public key line, `type base64 [comment]`, with no options before it
 * (a `command=` or `from=` prefix is refused, not interpreted), whose blob
 * really is a key of the type it names. Returns the line as it will be written.
 */
export function checkPublicKey(raw: string): string {
  const line = raw.trim();
  if (line.length > MAX_KEY_LINE) throw new HelperRefusal("bad_arguments", "The public key is too long.");
  const match = KEY_LINE.exec(line);
  const type = match?.[1];
  if (!match || !type || !(KEY_TYPES as readonly string[]).includes(type)) {
    throw new HelperRefusal("bad_arguments", "Not a public key line (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa).");
  }
  if (blobKeyType(match[2] ?? "") !== type) throw new HelperRefusal("bad_arguments", "The key's data does not match its type.");
  return match[3] ? `${type} ${match[2]} ${match[3].trim()}` : `${type} ${match[2]}`;
}

/** The key type recorded inside the base64 blob (an SSH string: 4-byte length, then the name). */
function blobKeyType(base64: string): string | null {
  const blob = Buffer.from(base64, "base64");
  if (blob.length < 4 + 7) return null;
  const length = blob.readUInt32BE(0);
  if (length > 64 || 4 + length > blob.length) return null;
  return blob.subarray(4, 4 + length).toString("latin1");
}
