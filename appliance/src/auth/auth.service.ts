// People, passphrases and sessions. No Elysia here: routes and the CLI both
// call this service.
import { randomBytes } from "node:crypto";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
} from "../shared/errors";
import type { Clock } from "../shared/ports";
import { NAME_MAX, PASSPHRASE_MAX, PASSPHRASE_MIN } from "./auth.model";
import type { AuthRepository } from "./auth.repository";
import type { SessionRow, UserRow } from "./auth.schema";
import type { LoginThrottle } from "./login-throttle";
import type { PassphraseHasher } from "./passphrase-hasher";

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface AuthDeps {
  repository: AuthRepository;
  hasher: PassphraseHasher;
  throttle: LoginThrottle;
  clock: Clock;
  policy: SessionPolicy;
  /** Creates the person's own folder (<data>/files/<user>/) when the person is created. */
  prepareUserSpace(user: UserRow): Promise<void>;
}

export interface Authenticated {
  user: UserRow;
  session: SessionRow;
}

export interface SignedIn extends Authenticated {
  /** The raw session token: goes into the cookie, never into the database or a log. */
  token: string;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Writing last-seen on every request would wear the SD card for no gain.
const TOUCH_INTERVAL_MS = 60_000;

export function normalizeName(raw: string): string {
  const name = raw.normalize("NFC").trim();
  if (name.length === 0 || name.length > NAME_MAX) {
    throw new ValidationError("name", `The name must be 1 to ${NAME_MAX} characters long.`);
  }
  if (!NAME_PATTERN.test(name)) {
    throw new ValidationError("name", "The name may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.");
  }
  return name;
}

export function checkPassphrase(passphrase: string, field: string, name?: string): void {
  const length = [...passphrase].length;
  if (length < PASSPHRASE_MIN) throw new ValidationError(field, `The passphrase must be at least ${PASSPHRASE_MIN} characters long.`);
  if (length > PASSPHRASE_MAX) throw new ValidationError(field, `The passphrase must be at most ${PASSPHRASE_MAX} characters long.`);
  if (name && passphrase.trim().toLowerCase() === name.toLowerCase()) {
    throw new ValidationError(field, "The passphrase must not be the name.");
  }
}

export function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}

export class AuthService {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  async isSetupRequired(): Promise<boolean> {
    return (await this.deps.repository.countUsers()) === 0;
  }

  /** Everyone of the household, for capabilities that work per person (file scans). */
  async people(): Promise<UserRow[]> {
    return this.deps.repository.listUsers();
  }

  async findPerson(id: number): Promise<UserRow | null> {
    return this.deps.repository.findUserById(id);
  }

  async ownerName(): Promise<string | null> {
    return (await this.deps.repository.findOwner())?.name ?? null;
  }

  /** Creates the owner. Works only while nobody exists. */
  async createOwner(rawName: string, passphrase: string): Promise<UserRow> {
    const name = normalizeName(rawName);
    checkPassphrase(passphrase, "passphrase", name);
    if (!(await this.isSetupRequired())) throw new ConflictError("setup_done", "Setup is already done.");
    const now = this.deps.clock.now();
    const user = await this.deps.repository.insertFirstUser({
      name,
      nameKey: name.toLowerCase(),
      role: "owner",
      passphraseHash: await this.deps.hasher.hash(passphrase),
      createdAt: now,
      passphraseChangedAt: now,
    });
    if (!user) throw new ConflictError("setup_done", "Setup is already done.");
    await this.deps.prepareUserSpace(user);
    return user;
  }

  async setup(rawName: string, passphrase: string, client: ClientInfo): Promise<SignedIn> {
    const user = await this.createOwner(rawName, passphrase);
    return this.openSession(user, client);
  }

  async login(rawName: string, passphrase: string, client: ClientInfo): Promise<SignedIn> {
    if (await this.isSetupRequired()) throw new ConflictError("setup_required", "Set up the box first.");
    const attempt = this.deps.throttle.begin(client.ip);
    if (attempt.retryAfterSeconds > 0) throw new TooManyAttemptsError(attempt.retryAfterSeconds);
    const user = await this.deps.repository.findUserByNameKey(rawName.normalize("NFC").trim().toLowerCase());
    // Verify against a dummy hash for unknown names so timing does not reveal which names exist.
    const ok = await this.deps.hasher.verify(passphrase, user?.passphraseHash ?? (await this.getDummyHash()));
    if (!user || !ok) throw new UnauthenticatedError("Wrong name or passphrase.", "invalid_credentials");
    attempt.succeeded();
    return this.openSession(user, client);
  }

  /** Resolves a session token to its person; null when unknown or expired. */
  async authenticate(token: string, client: ClientInfo): Promise<Authenticated | null> {
    if (!token || token.length > 128) return null;
    const found = await this.deps.repository.findSessionWithUser(hashToken(token));
    if (!found) return null;
    const now = this.deps.clock.now();
    const { session } = found;
    if (session.expiresAt <= now || session.lastSeenAt + this.deps.policy.idleMs <= now) {
      await this.deps.repository.deleteSession(session.id, session.userId);
      return null;
    }
    if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS || session.ip !== client.ip) {
      await this.deps.repository.touchSession(session.id, now, client.ip);
      found.session = { ...session, lastSeenAt: now, ip: client.ip };
    }
    return found;
  }

  async logout(session: SessionRow): Promise<void> {
    await this.deps.repository.deleteSession(session.id, session.userId);
  }

  async listSessions(userId: number): Promise<SessionRow[]> {
    return this.deps.repository.listSessions(userId);
  }

  async revokeSession(userId: number, sessionId: string): Promise<void> {
    if (!(await this.deps.repository.deleteSession(sessionId, userId))) throw new NotFoundError("No such session.");
  }

  /** "Sign out everywhere": ends every session of the person but the current one. */
  async logoutEverywhere(userId: number, keepSessionId: string): Promise<number> {
    return this.deps.repository.deleteOtherSessions(userId, keepSessionId);
  }

  async changePassphrase(auth: Authenticated, current: string, next: string): Promise<void> {
    checkPassphrase(next, "next", auth.user.name);
    const attempt = this.deps.throttle.begin(`passphrase:${auth.user.id}`);
    if (attempt.retryAfterSeconds > 0) throw new TooManyAttemptsError(attempt.retryAfterSeconds);
    if (!(await this.deps.hasher.verify(current, auth.user.passphraseHash))) {
      throw new ForbiddenError("wrong_passphrase", "The current passphrase is wrong.");
    }
    attempt.succeeded();
    await this.storePassphrase(auth.user.id, next);
    await this.deps.repository.deleteOtherSessions(auth.user.id, auth.session.id);
  }

  /** Recovery by someone at the box (CLI): sets a new passphrase and ends every session. */
  async resetPassphrase(rawName: string | null, next: string): Promise<UserRow> {
    const repo = this.deps.repository;
    const user = rawName === null ? await repo.findOwner() : await repo.findUserByNameKey(rawName.trim().toLowerCase());
    if (!user) throw new NotFoundError(rawName === null ? "No owner exists yet: run setup first." : "No such user.");
    checkPassphrase(next, "passphrase", user.name);
    await this.storePassphrase(user.id, next);
    await repo.deleteOtherSessions(user.id, null);
    return user;
  }

  async setLocale(userId: number, locale: "en" | "fr" | null): Promise<UserRow> {
    await this.deps.repository.updateUser(userId, { locale });
    const user = await this.deps.repository.findUserById(userId);
    if (!user) throw new NotFoundError("No such user.");
    return user;
  }

  async purgeExpiredSessions(): Promise<number> {
    const now = this.deps.clock.now();
    return this.deps.repository.deleteExpiredSessions(now, now - this.deps.policy.idleMs);
  }

  private async storePassphrase(userId: number, passphrase: string): Promise<void> {
    const passphraseHash = await this.deps.hasher.hash(passphrase);
    await this.deps.repository.updateUser(userId, { passphraseHash, passphraseChangedAt: this.deps.clock.now() });
  }

  private async openSession(user: UserRow, client: ClientInfo): Promise<SignedIn> {
    const now = this.deps.clock.now();
    const token = randomBytes(32).toString("base64url");
    const session: SessionRow = {
      id: randomBytes(12).toString("base64url"),
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.deps.policy.maxMs,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, 512),
    };
    await this.deps.repository.insertSession(session);
    return { user, session, token };
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(randomBytes(16).toString("hex"));
    return this.dummyHash;
  }
}
