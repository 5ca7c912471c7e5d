// Starts the real appliance (real HTTP on port 0, a real libsql file in a
// fresh temporary folder) for integration tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArgon2Hasher } from "../../appliance/src/auth";
import { users } from "../../appliance/src/auth/auth.schema";
import { startAppliance, type Appliance, type ApplianceOptions } from "../../appliance/src/bootstrap";
import { loadConfig } from "../../appliance/src/config";
import { createLogger, silentLogger, type Logger } from "../../appliance/src/shared/logger";

export interface TestAppliance extends Appliance {
  dataDir: string;
  base: string;
  /** Stops the server and removes the data folder. */
  dispose(): Promise<void>;
}

export function makeDataDir(prefix = "cozy-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestAppliance(
  options: ApplianceOptions & { dataDir?: string; env?: Record<string, string>; logger?: Logger } = {},
): Promise<TestAppliance> {
  const dataDir = options.dataDir ?? makeDataDir();
  const config = loadConfig({ COZY_DATA_DIR: dataDir, COZY_PORT: "0", COZY_HOST: "127.0.0.1", ...options.env });
  const appliance = await startAppliance(config, options.logger ?? silentLogger, options);
  const base = `http://127.0.0.1:${appliance.port}`;
  return {
    ...appliance,
    dataDir,
    base,
    async dispose() {
      await appliance.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { createLogger };

export const OWNER = { name: "Alice", passphrase: "correct horse battery staple" };

export function jsonRequest(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** The session cookie ("cozy_session=...") from a response, or null. */
export function sessionCookieOf(response: Response): string | null {
  const header = response.headers.get("set-cookie");
  const match = header ? /cozy_session=([^;]*)/.exec(header) : null;
  return match?.[1] ? `cozy_session=${match[1]}` : null;
}

/** Runs setup for OWNER and returns the owner's cookie. */
export async function setupOwner(base: string, owner = OWNER): Promise<string> {
  const response = await fetch(`${base}/api/auth/setup`, jsonRequest("POST", owner));
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error("setup set no cookie");
  return cookie;
}

export async function login(base: string, owner = OWNER, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/auth/login`, jsonRequest("POST", owner, headers));
}

export const MEMBER = { name: "Bob", passphrase: "another long passphrase" };

/**
 * A second person in the household. There is no API for members yet: they are
 * added the way a later "invite" will, then sign in over HTTP. Returns their cookie.
 */
export async function addMember(box: TestAppliance, person = MEMBER): Promise<string> {
  const now = Date.now();
  const passphraseHash = await createArgon2Hasher().hash(person.passphrase);
  const [row] = await box.database.db
    .insert(users)
    .values({ name: person.name, nameKey: person.name.toLowerCase(), role: "member", passphraseHash, createdAt: now, passphraseChangedAt: now })
    .returning();
  await box.files.service.prepare({ id: row!.id, key: row!.nameKey });
  const cookie = sessionCookieOf(await login(box.base, person));
  if (!cookie) throw new Error(`${person.name} could not sign in`);
  return cookie;
}
