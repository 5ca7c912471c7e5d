// The admin commands. Each returns an exit code; output goes to stdout for
// results and stderr for errors.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openServices } from "../bootstrap";
import type { Config } from "../config";
import { AppError } from "../shared/errors";
import { VERSION } from "../shared/version";
import { askSecret } from "./prompt";

export const EXIT = { ok: 0, failure: 1, usage: 2, refused: 3 } as const;

export type Flags = Record<string, string | true>;

export async function withServices<T>(config: Config, work: (services: Awaited<ReturnType<typeof openServices>>) => Promise<T>) {
  const services = await openServices(config);
  try {
    return await work(services);
  } finally {
    services.database.close();
  }
}

async function serviceReachable(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/system/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function status(config: Config): Promise<number> {
  const initialised = existsSync(join(config.dataDir, "cozy.db"));
  const owner = initialised ? await withServices(config, ({ auth }) => auth.ownerName()) : null;
  const reachable = await serviceReachable(config.port);
  console.log(`version:      ${VERSION}`);
  console.log(`data folder:  ${config.dataDir}`);
  console.log(`owner:        ${owner ? owner : "not set up yet"}`);
  console.log(`service:      ${reachable ? `running at http://localhost:${config.port}` : `not reachable on port ${config.port}`}`);
  return EXIT.ok;
}

export async function setup(config: Config, flags: Flags): Promise<number> {
  const name = flags.name;
  const file = flags["passphrase-file"];
  if (typeof name !== "string" || typeof file !== "string") {
    console.error("usage: cozy setup --name NAME --passphrase-file FILE");
    return EXIT.usage;
  }
  if (!existsSync(file)) {
    console.error(`cozy setup: cannot read the passphrase file ${file}`);
    return EXIT.usage;
  }
  // One trailing newline is the file's, not the passphrase's.
  const passphrase = (await Bun.file(file).text()).replace(/\r?\n$/, "");
  const user = await withServices(config, ({ auth }) => auth.createOwner(name, passphrase));
  console.log(`The owner ${user.name} is set up. Sign in at http://localhost:${config.port}`);
  return EXIT.ok;
}

export async function resetPassphrase(config: Config, flags: Flags): Promise<number> {
  const name = typeof flags.name === "string" ? flags.name : null;
  const first = await askSecret("New passphrase: ");
  const second = await askSecret("Type it again: ");
  if (first !== second) {
    console.error("cozy reset-passphrase: the two passphrases differ; nothing was changed.");
    return EXIT.refused;
  }
  const user = await withServices(config, ({ auth }) => auth.resetPassphrase(name, first));
  console.log(`The passphrase of ${user.name} is changed and every session is signed out.`);
  return EXIT.ok;
}

export function explain(error: unknown, command: string): number {
  if (error instanceof AppError) {
    console.error(`cozy ${command}: ${error.message}`);
    return EXIT.refused;
  }
  console.error(`cozy ${command}: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.failure;
}
