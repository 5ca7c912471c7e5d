// App passwords: per-device passwords for WebDAV and SMB. The box
// generates them, shows each once, keeps only an argon2id hash, and lets the
// person revoke them one by one. The main passphrase never opens those doors
// and an app password never opens the web sign-in, so a password saved in a
// phone's WebDAV client cannot be used to change settings or passphrases.
// No Elysia here: the routes, the CLI and WebDAV's Basic auth all call this.
import { createHash, randomBytes } from "node:crypto";
import { AppError, ConflictError, NotFoundError, TooManyAttemptsError, ValidationError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import { NAME_MAX } from "./auth.model";
import type { AuthRepository } from "./auth.repository";
import type { UserRow } from "./auth.schema";
import type { AppPasswordListing, AppPasswordRepository } from "./app-passwords.repository";
import type { LoginThrottle } from "./login-throttle";
import type { PassphraseHasher } from "./passphrase-hasher";

export const APP_PASSWORD_NAME_MAX = 64;
/** Each wrong Basic attempt costs one argon2 check per app password of the person: keep the count small. */
export const APP_PASSWORDS_MAX = 50;

// 32 symbols without the look-alikes 0/o and 1/l: 5 random bits per character,
// drawn without bias from one byte each (256 is a multiple of 32). Four groups
// of five make 20 characters, 100 bits: far beyond guessing, even offline.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const GROUPS = 4;
const GROUP_LENGTH = 5;
const CANONICAL = /^[a-z0-9]{20}$/;

// Writing last-used on every WebDAV request would wear the SD card for no gain.
const LAST_USED_INTERVAL_MS = 60_000;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 1_000;

export interface AppPasswordDeps {
  repository: AppPasswordRepository;
  users: AuthRepository;
  hasher: PassphraseHasher;
  /** The sign-in throttle, shared with the web sign-in (one global budget for both doors). */
  throttle: LoginThrottle;
  clock: Clock;
  /** Samba's side of SMB passwords (the privileged helper); absent or unavailable off the image. */
  samba?: SambaAccounts;
}

/**
 * Samba keeps ONE unsalted NT hash per account, and the main passphrase must
 * never become one. So each SMB password ("Connect a computer") is its own
 * Samba account, made for that one computer and named "<person>-<id>"
 * (shown to the person with the password): revoking a lost laptop removes
 * its account alone, and the person's other computers keep working. The same
 * password also opens WebDAV under the person's own name, like any app password.
 */
export interface SambaAccounts {
  readonly available: boolean;
  /** Creates (or replaces the password of) `account`, which opens the files of the person `personKey`. */
  set(account: string, personKey: string, password: string): Promise<void>;
  remove(account: string): Promise<void>;
}

/** "alice-7": a valid Unix/Samba account name (^[a-z][a-z0-9_-]{0,31}$) from the person's name and the password's id. */
export function smbAccountName(nameKey: string, id: number): string {
  let slug = nameKey.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z]+/, "");
  slug = (slug || "user").slice(0, 20).replace(/-+$/, "");
  return `${slug || "user"}-${id}`;
}

export class SmbUnavailableError extends AppError {
  constructor() {
    super(503, "only_on_image", "Connecting a computer over SMB works only on the CozyBox image (Samba is not on this machine).");
  }
}

export interface CreatedAppPassword {
  id: number;
  name: string;
  /** The Samba account to sign in with, for an SMB password; null otherwise. */
  smbAccount: string | null;
  /** The only time the password exists outside the person's device. */
  password: string;
  createdAt: number;
}

export function generateAppPassword(): string {
  const chars = [...randomBytes(GROUPS * GROUP_LENGTH)].map((byte) => ALPHABET[byte & 31]).join("");
  return Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH)).join("-");
}

/** What gets hashed: people may type it in capitals, with or without the dashes. Null when it cannot be one. */
export function canonicalAppPassword(typed: string): string | null {
  if (typed.length > 64) return null;
  const canonical = typed.toLowerCase().replace(/[\s-]/g, "");
  return CANONICAL.test(canonical) ? canonical : null;
}

export function normalizeAppPasswordName(raw: string): string {
  const name = raw.normalize("NFC").trim();
  const length = [...name].length;
  if (length === 0 || length > APP_PASSWORD_NAME_MAX) {
    throw new ValidationError("name", `The name must be 1 to ${APP_PASSWORD_NAME_MAX} characters long.`);
  }
  if (/\p{Cc}/u.test(name)) throw new ValidationError("name", "The name must not contain control characters.");
  return name;
}

const foldName = (name: string) => name.toLocaleLowerCase("und");

/**
 * Successful verifications, remembered for a minute. WebDAV clients send the
 * Basic credentials again on EVERY request (a folder listing in Finder is
 * dozens of them), and argon2id is deliberately slow and memory-hungry (a
 * fraction of a second and 19 MiB on a Pi, two at a time): hashing per
 * request would make WebDAV unusable. Keys are SHA-256 of name and password,
 * so the cache holds no password; only correct pairs get in, and a miss goes
 * through the throttle as usual.
 */
class VerifiedCache {
  private readonly entries = new Map<string, { appPasswordId: number; expiresAt: number }>();

  static keyOf(nameKey: string, canonical: string): string {
    // Length-prefixed so that no two (name, password) pairs share a key.
    return createHash("sha256").update(`${nameKey.length}:${nameKey}:${canonical}`).digest("hex");
  }

  get(key: string, now: number): number | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.appPasswordId;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, appPasswordId: number, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { appPasswordId, expiresAt: now + CACHE_TTL_MS });
    while (this.entries.size > CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  forget(appPasswordId: number): void {
    for (const [key, entry] of this.entries) if (entry.appPasswordId === appPasswordId) this.entries.delete(key);
  }
}

export class AppPasswordService {
  private readonly cache = new VerifiedCache();
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AppPasswordDeps) {}

  async create(userId: number, rawName: string, options: { smb?: boolean } = {}): Promise<CreatedAppPassword> {
    const name = normalizeAppPasswordName(rawName);
    if (options.smb && !this.deps.samba?.available) throw new SmbUnavailableError();
    // Checked here first (with full Unicode case folding) so a refusal costs no hashing;
    // insertGuarded checks again atomically against simultaneous creations.
    const existing = await this.deps.repository.list(userId);
    if (existing.length >= APP_PASSWORDS_MAX) throw this.tooMany();
    if (existing.some((row) => foldName(row.name) === foldName(name))) throw this.nameTaken(name);
    const password = generateAppPassword();
    const passwordHash = await this.deps.hasher.hash(canonicalAppPassword(password) ?? password);
    const createdAt = this.deps.clock.now();
    const outcome = await this.deps.repository.insertGuarded({ userId, name, passwordHash, createdAt }, APP_PASSWORDS_MAX);
    if ("refused" in outcome) throw outcome.refused === "too_many" ? this.tooMany() : this.nameTaken(name);
    const { id } = outcome.inserted;
    const smbAccount = options.smb ? await this.attachSamba(userId, id, password) : null;
    return { id, name, smbAccount, password, createdAt };
  }

  /** Makes the Samba account; if Samba refuses, the app password is taken back (a password that opens nothing must not be listed). */
  private async attachSamba(userId: number, id: number, password: string): Promise<string> {
    const samba = this.deps.samba;
    const user = await this.deps.users.findUserById(userId);
    const account = user ? smbAccountName(user.nameKey, id) : null;
    try {
      if (!samba || !user || !account) throw new NotFoundError("No such person.");
      await this.deps.repository.setSmbAccount(id, account);
      // As shown, dashes included: Samba compares exactly what the computer sends.
      await samba.set(account, user.nameKey, password);
      return account;
    } catch (error) {
      await this.deps.repository.delete(userId, id);
      throw error;
    }
  }

  /** Never the hashes. */
  async list(userId: number): Promise<AppPasswordListing[]> {
    return this.deps.repository.list(userId);
  }

  /** An SMB password's Samba account goes first: if Samba cannot remove it, the password stays listed (it still works). */
  async revoke(userId: number, id: number): Promise<void> {
    const found = await this.deps.repository.findOwned(userId, id);
    if (!found) throw new NotFoundError("No such app password.");
    if (found.smbAccount) {
      if (!this.deps.samba?.available) throw new SmbUnavailableError();
      await this.deps.samba.remove(found.smbAccount);
    }
    if (!(await this.deps.repository.delete(userId, id))) throw new NotFoundError("No such app password.");
    this.cache.forget(id);
  }

  /**
   * WebDAV's Basic auth: the person (name matched case-insensitively) whose
   * app password this is, or null. Throttled per client address like the web
   * sign-in; a locked-out client gets TooManyAttemptsError before any hashing.
   */
  async verifyBasic(userName: string, password: string, clientIp: string): Promise<UserRow | null> {
    const nameKey = userName.normalize("NFC").trim().toLowerCase();
    const canonical = canonicalAppPassword(password);
    const key = canonical ? VerifiedCache.keyOf(nameKey, canonical) : null;
    // A cache hit is not a guess (only correct pairs are cached), so it skips the throttle:
    // a device keeps working while someone else on its address is locked out.
    const cached = key ? await this.fromCache(key) : null;
    if (cached) return cached;
    // Its own key in the shared throttle: a success over WebDAV must not wipe
    // the failures counted against the web sign-in from that address, nor the reverse.
    const attempt = this.deps.throttle.begin(`webdav:${clientIp}`);
    if (attempt.retryAfterSeconds > 0) throw new TooManyAttemptsError(attempt.retryAfterSeconds);
    if (!key || !canonical || nameKey.length > NAME_MAX) return null;
    const match = await this.findMatch(nameKey, canonical);
    if (!match) return null;
    attempt.succeeded();
    this.cache.set(key, match.appPassword.id, this.deps.clock.now());
    await this.touchIfStale(match.appPassword);
    return match.user;
  }

  /** The person named (case-insensitively), or the owner when no name is given; for the CLI. */
  async personFor(rawName: string | null): Promise<UserRow> {
    const users = this.deps.users;
    const user = rawName === null ? await users.findOwner() : await users.findUserByNameKey(rawName.normalize("NFC").trim().toLowerCase());
    if (!user) throw new NotFoundError(rawName === null ? "No owner exists yet: run setup first." : `No user named "${rawName}".`);
    return user;
  }

  private async fromCache(key: string): Promise<UserRow | null> {
    const id = this.cache.get(key, this.deps.clock.now());
    if (id === undefined) return null;
    // One indexed read per request (cheap, unlike argon2) so that a revocation
    // made by another process, such as `cozy app-password revoke`, takes effect at once.
    const found = await this.deps.repository.findWithUser(id);
    if (!found) {
      this.cache.forget(id);
      return null;
    }
    await this.touchIfStale(found.appPassword);
    return found.user;
  }

  private async findMatch(nameKey: string, canonical: string) {
    const user = await this.deps.users.findUserByNameKey(nameKey);
    const rows = user ? await this.deps.repository.listForVerification(user.id, APP_PASSWORDS_MAX) : [];
    if (!user || rows.length === 0) {
      // Hash anyway so that timing does not tell which names exist.
      await this.deps.hasher.verify(canonical, await this.getDummyHash());
      return null;
    }
    for (const appPassword of rows) {
      if (await this.deps.hasher.verify(canonical, appPassword.passwordHash)) return { user, appPassword };
    }
    return null;
  }

  private async touchIfStale(appPassword: Pick<AppPasswordListing, "id" | "lastUsedAt">): Promise<void> {
    const now = this.deps.clock.now();
    if (appPassword.lastUsedAt !== null && now - appPassword.lastUsedAt < LAST_USED_INTERVAL_MS) return;
    await this.deps.repository.touch(appPassword.id, now);
  }

  private tooMany(): ConflictError {
    return new ConflictError("too_many", `A person can have at most ${APP_PASSWORDS_MAX} app passwords; revoke some first.`);
  }

  private nameTaken(name: string): ConflictError {
    return new ConflictError("name_taken", `An app password named "${name}" already exists.`);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(randomBytes(16).toString("hex"));
    return this.dummyHash;
  }
}
