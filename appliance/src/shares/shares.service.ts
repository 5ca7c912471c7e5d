// Share links: the owner's side (create, list, revoke) and the visitor's side
// (open, unlock with the password, browse and download). A visitor can only
// ever reach the shared item and what is inside it.
import { randomBytes } from "node:crypto";
import type { LoginThrottle, PassphraseHasher } from "../auth";
import type { FileRow, FilesService, Owner } from "../files";
import { isWithin, normalizePath } from "../files";
import { AppError, ConflictError, NotFoundError, TooManyAttemptsError, UnauthenticatedError, ValidationError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import type { SharesRepository } from "./shares.repository";
import type { ShareRow } from "./shares.schema";

export interface SharesDeps {
  repository: SharesRepository;
  files: FilesService;
  hasher: PassphraseHasher;
  throttle: LoginThrottle;
  clock: Clock;
  /** Finds the owner (id and folder key) of a share. */
  ownerOf(userId: number): Promise<Owner | null>;
}

export class ShareGoneError extends AppError {
  constructor() {
    super(410, "share_expired", "This link has expired.");
  }
}

export interface OpenShare {
  share: ShareRow;
  owner: Owner;
  item: FileRow;
}

export class SharesService {
  constructor(private readonly deps: SharesDeps) {}

  async create(owner: Owner, path: string, options: { password?: string; expiresAt?: number }): Promise<{ share: ShareRow; item: FileRow }> {
    const item = await this.deps.files.stat(owner, path);
    if (item.path === "/") throw new ConflictError("cannot_share_root", "Share a file or a folder, not the whole Drive.");
    if (options.expiresAt !== undefined && options.expiresAt <= this.deps.clock.now()) {
      throw new ValidationError("expiresAt", "The expiry date must be in the future.");
    }
    if (options.password !== undefined && [...options.password].length < 4) {
      throw new ValidationError("password", "A link password must be at least 4 characters long.");
    }
    const share = await this.deps.repository.insert({
      userId: owner.id,
      fileId: item.id,
      token: randomBytes(24).toString("base64url"),
      passwordHash: options.password ? await this.deps.hasher.hash(options.password) : null,
      expiresAt: options.expiresAt ?? null,
      createdAt: this.deps.clock.now(),
    });
    return { share, item };
  }

  async list(owner: Owner, path?: string): Promise<{ share: ShareRow; item: FileRow | null }[]> {
    const fileId = path === undefined ? undefined : (await this.deps.files.stat(owner, path)).id;
    const rows = await this.deps.repository.list(owner.id, fileId);
    return Promise.all(rows.map(async (share) => ({ share, item: await this.deps.files.statById(owner, share.fileId) })));
  }

  async revoke(owner: Owner, id: number): Promise<void> {
    if (!(await this.deps.repository.remove(owner.id, id))) throw new NotFoundError("No such share link.");
  }

  /** The share behind a token, checked for expiry; the password is checked separately. */
  async open(token: string): Promise<OpenShare> {
    const share = token.length <= 64 ? await this.deps.repository.byToken(token) : null;
    if (!share) throw new NotFoundError("No such link.");
    if (share.expiresAt !== null && share.expiresAt <= this.deps.clock.now()) throw new ShareGoneError();
    const owner = await this.deps.ownerOf(share.userId);
    const item = owner ? await this.deps.files.statById(owner, share.fileId) : null;
    if (!owner || !item) throw new NotFoundError("No such link.");
    return { share, owner, item };
  }

  /** Checks a visitor's password; returns the proof to keep in a cookie. */
  async unlock(opened: OpenShare, password: string, clientIp: string): Promise<string> {
    if (!opened.share.passwordHash) return this.proofOf(opened.share);
    // Counted per link and address: unlocking one link (whose password one knows)
    // must not wipe the count of wrong guesses on another.
    const attempt = this.deps.throttle.begin(`share:${opened.share.id}:${clientIp}`);
    if (attempt.retryAfterSeconds > 0) throw new TooManyAttemptsError(attempt.retryAfterSeconds);
    if (!(await this.deps.hasher.verify(password, opened.share.passwordHash))) {
      throw new UnauthenticatedError("Wrong password for this link.", "wrong_password");
    }
    attempt.succeeded();
    return this.proofOf(opened.share);
  }

  /** Proof of a successful unlock: derived from the password hash, so changing the link's password voids it. */
  proofOf(share: ShareRow): string {
    return new Bun.CryptoHasher("sha256").update(`${share.id}:${share.token}:${share.passwordHash ?? ""}`).digest("base64url");
  }

  requireUnlocked(opened: OpenShare, proof: string | null): void {
    if (opened.share.passwordHash && proof !== this.proofOf(opened.share)) {
      throw new UnauthenticatedError("This link needs its password.", "password_required");
    }
  }

  /** A folder's entries inside a link; errors never name the owner's paths. */
  listInside(opened: OpenShare, relative: string | undefined) {
    return hidePaths(() => this.deps.files.list(opened.owner, this.resolveInside(opened, relative)));
  }

  readInside(opened: OpenShare, relative: string | undefined) {
    return hidePaths(() => this.deps.files.openRead(opened.owner, this.resolveInside(opened, relative)));
  }

  zipInside(opened: OpenShare, relative: string | undefined) {
    return hidePaths(() => this.deps.files.zipEntries(opened.owner, this.resolveInside(opened, relative)));
  }

  /** A path inside the shared item ("/" = the item itself), as a path in the owner's Drive. */
  resolveInside(opened: OpenShare, relative: string | undefined): string {
    const inner = normalizePath(relative ?? "/");
    const full = inner === "/" ? opened.item.path : normalizePath(`${opened.item.path}/${inner}`);
    if (!isWithin(full, opened.item.path)) throw new NotFoundError("Not in this link.");
    return full;
  }
}

/**
 * Runs a file operation for a visitor and rewrites its errors: the file
 * service's messages quote full paths ("Nothing at /Holidays/x"), which
 * would reveal the owner's folders above the shared item.
 */
async function hidePaths<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError("Not in this link.");
    if (error instanceof ConflictError && error.code === "is_a_folder") throw new ConflictError(error.code, "That is a folder.");
    if (error instanceof ConflictError && error.code === "not_a_folder") throw new ConflictError(error.code, "That is a file, not a folder.");
    if (error instanceof AppError && error.status < 500) throw new AppError(error.status, error.code, "This request cannot be served for this link.");
    throw error;
  }
}
