// The only reader of process.env. Everything the service can be told from
// outside is validated here once, at start, and handed around frozen.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Config {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Extra host names (besides localhost, cozy.local and the box's own addresses) that may be used to reach the box. */
  readonly publicHostnames: readonly string[];
  readonly logLevel: LogLevel;
  /** Trust X-Forwarded-For / X-Forwarded-Proto: only behind a reverse proxy of your own. */
  readonly trustProxy: boolean;
  readonly sessionIdleDays: number;
  readonly sessionMaxDays: number;
  /** Trash items older than this are deleted for good. */
  readonly trashDays: number;
  /** Earlier versions kept per file, and the least time between two of them. */
  readonly versionsMax: number;
  readonly versionsMinMinutes: number;
  /** The largest single upload. */
  readonly maxUploadBytes: number;
  /** Heavy background jobs (thumbnails) pause from this SoC temperature until it is 5 °C cooler. */
  readonly jobsMaxTempC: number;
  /** The privileged helper's socket (root actions: Samba passwords, SSH, host name, reboot); null off the image. */
  readonly privilegedSocket: string | null;
  /**
   * Who advertises the box on the LAN: "embedded" (the appliance's own mDNS
   * responder, for make run), "avahi" (the image: avahi-daemon does it, the
   * appliance stays quiet) or "off".
   */
  readonly mdns: MdnsMode;
  /** The instance name the embedded responder advertises (_http._tcp). */
  readonly mdnsName: string;
  /** Network interfaces the embedded responder uses; empty: every one it finds. */
  readonly mdnsInterfaces: readonly string[];
}

export type MdnsMode = "embedded" | "avahi" | "off";

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** The folder holding package.json: the same from appliance/src, the bundle in appliance/dist, or its chunks. */
function findProjectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "appliance/drizzle"))) return dir;
  }
  return resolve(from, "../..");
}

const PROJECT_ROOT = findProjectRoot(import.meta.dir);
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];
const HOSTNAME_PATTERN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function readLogLevel(env: Env): LogLevel {
  const raw = (env.COZY_LOG_LEVEL ?? "info").trim().toLowerCase();
  if (!LOG_LEVELS.includes(raw as LogLevel)) {
    throw new ConfigError("COZY_LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}, got "${env.COZY_LOG_LEVEL}"`);
  }
  return raw as LogLevel;
}

function readHostnames(env: Env): string[] {
  const raw = env.COZY_PUBLIC_HOSTNAMES ?? "";
  const names = raw
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!HOSTNAME_PATTERN.test(name)) throw new ConfigError("COZY_PUBLIC_HOSTNAMES", `has an invalid host name "${name}"`);
  }
  return names;
}

function readHost(env: Env): string {
  const host = (env.COZY_HOST ?? "0.0.0.0").trim();
  if (!/^[0-9a-zA-Z.:-]+$/.test(host)) throw new ConfigError("COZY_HOST", `must be an address or host name, got "${host}"`);
  return host;
}

function readDataDir(env: Env): string {
  const raw = env.COZY_DATA_DIR?.trim();
  if (raw === undefined || raw === "") return resolve(PROJECT_ROOT, ".data");
  if (raw.includes("\0")) throw new ConfigError("COZY_DATA_DIR", "must not contain a NUL character");
  return resolve(raw);
}

function readPrivilegedSocket(env: Env): string | null {
  const raw = env.COZY_PRIVILEGED_SOCKET?.trim();
  if (raw === undefined || raw === "") return null;
  if (!raw.startsWith("/") || raw.includes("\0")) throw new ConfigError("COZY_PRIVILEGED_SOCKET", `must be an absolute path, got "${raw}"`);
  return raw;
}

/** Unset: avahi when its daemon runs here (two responders would fight over the port), else the embedded one. */
function readMdns(env: Env): MdnsMode {
  const raw = env.COZY_MDNS?.trim().toLowerCase();
  if (raw === undefined || raw === "") return existsSync("/run/avahi-daemon/pid") ? "avahi" : "embedded";
  if (["off", "0", "false", "no"].includes(raw)) return "off";
  if (raw === "avahi" || raw === "embedded") return raw;
  throw new ConfigError("COZY_MDNS", `must be embedded, avahi or off, got "${env.COZY_MDNS}"`);
}

function readMdnsName(env: Env): string {
  const name = (env.COZY_MDNS_NAME ?? "CozyBox").trim();
  // A DNS-SD instance name is free text, up to 63 bytes of UTF-8, without control characters.
  if (!name || Buffer.byteLength(name) > 63 || /\p{Cc}/u.test(name)) {
    throw new ConfigError("COZY_MDNS_NAME", "must be 1 to 63 bytes of text without control characters");
  }
  return name;
}

function readInterfaces(env: Env): string[] {
  const names = (env.COZY_MDNS_INTERFACES ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(name)) throw new ConfigError("COZY_MDNS_INTERFACES", `has an invalid interface name "${name}"`);
  }
  return names;
}

export function loadConfig(env: Env = process.env): Config {
  const sessionIdleDays = readInteger(env, "COZY_SESSION_IDLE_DAYS", 14, 1, 365);
  const sessionMaxDays = readInteger(env, "COZY_SESSION_MAX_DAYS", 90, 1, 3650);
  if (sessionMaxDays < sessionIdleDays) {
    throw new ConfigError("COZY_SESSION_MAX_DAYS", `must be at least COZY_SESSION_IDLE_DAYS (${sessionIdleDays})`);
  }
  return Object.freeze({
    dataDir: readDataDir(env),
    port: readInteger(env, "COZY_PORT", 8080, 0, 65535),
    host: readHost(env),
    publicHostnames: Object.freeze(readHostnames(env)),
    logLevel: readLogLevel(env),
    trustProxy: readBoolean(env, "COZY_TRUST_PROXY", false),
    sessionIdleDays,
    sessionMaxDays,
    trashDays: readInteger(env, "COZY_TRASH_DAYS", 30, 1, 3650),
    versionsMax: readInteger(env, "COZY_VERSIONS_MAX", 10, 0, 1000),
    versionsMinMinutes: readInteger(env, "COZY_VERSIONS_MIN_MINUTES", 15, 0, 10_080),
    maxUploadBytes: readInteger(env, "COZY_MAX_UPLOAD_GB", 64, 1, 16_384) * 1024 ** 3,
    jobsMaxTempC: readInteger(env, "COZY_JOBS_MAX_TEMP_C", 80, 40, 110),
    privilegedSocket: readPrivilegedSocket(env),
    mdns: readMdns(env),
    mdnsName: readMdnsName(env),
    mdnsInterfaces: Object.freeze(readInterfaces(env)),
  });
}

/** The privileged helper's own settings (a separate program, run as root by systemd; see privileged/helper.ts). */
export interface HelperConfig {
  /** <data>/files: one folder per person, which their Samba accounts open. */
  readonly filesDir: string;
  /** Root-owned folder of links <samba account> -> <data>/files/<person>: smb.conf's share path is <this>/%U. */
  readonly smbRootsDir: string;
  /** The Unix group of the accounts the helper made for Samba: the only accounts it will change or remove. */
  readonly smbGroup: string;
  /** The share section the helper writes, included by the image's smb.conf. */
  readonly smbSharesFile: string;
  /** Who Samba acts as on the files: the appliance's own user, owner of <data>/files. */
  readonly smbForceUser: string;
  /** The one account SSH lets in (with the owner's key only). */
  readonly sshUser: string;
  readonly sshKeysFile: string;
  readonly sshdConfigFile: string;
  /** Its 127.0.1.1 line names the host (Debian's convention), kept in step by set-hostname. */
  readonly hostsFile: string;
}

function readAbsolutePath(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!raw.startsWith("/") || raw.includes("\0")) throw new ConfigError(name, `must be an absolute path, got "${raw}"`);
  return raw;
}

function readAccountName(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(raw)) throw new ConfigError(name, `must be a Unix account or group name, got "${raw}"`);
  return raw;
}

export function loadHelperConfig(env: Env = process.env): HelperConfig {
  return Object.freeze({
    filesDir: join(readDataDir(env), "files"),
    smbRootsDir: readAbsolutePath(env, "COZY_SMB_ROOTS_DIR", "/var/lib/cozy/smb"),
    smbGroup: readAccountName(env, "COZY_SMB_GROUP", "cozy-smb"),
    smbSharesFile: readAbsolutePath(env, "COZY_SMB_SHARES_FILE", "/var/lib/cozy/samba/shares.conf"),
    smbForceUser: readAccountName(env, "COZY_SMB_FORCE_USER", "cozy"),
    sshUser: readAccountName(env, "COZY_SSH_USER", "cozy-admin"),
    sshKeysFile: readAbsolutePath(env, "COZY_SSH_KEYS_FILE", "/etc/cozy/ssh/authorized_keys"),
    sshdConfigFile: readAbsolutePath(env, "COZY_SSHD_CONFIG_FILE", "/etc/ssh/sshd_config.d/cozy.conf"),
    hostsFile: readAbsolutePath(env, "COZY_HOSTS_FILE", "/etc/hosts"),
  });
}

/** Folder of the built web UI; not configurable: it ships with the code. */
export const WEB_DIST_DIR = resolve(PROJECT_ROOT, "web/dist");
export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, "appliance/drizzle");
