// rclone (Debian's) against /dav/: a tree of 1,000 files of mixed sizes
// (0 bytes to 50 MB, deep folders, Unicode and spaces in names) goes up, comes
// back down identical, `rclone check --download` finds no difference, and a
// second `rclone sync` transfers nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonRequest, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const hasRclone = Bun.which("rclone") !== null;
let box: TestAppliance;
let work: string;

async function rclone(...args: string[]): Promise<{ code: number; output: string }> {
  const child = Bun.spawn(["rclone", "--config", join(work, "rclone.conf"), ...args], { stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, output: stdout + stderr };
}

/** Deterministic pseudo-random bytes (incompressible enough, and reproducible). */
function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const FOLDERS = ["", "Photos 2024", "Photos 2024/Été à Nice", "Documents/Factures/2025/Électricité", "deep/a/b/c/d/e/f/g", "日本語 フォルダ", "spaces  and  tabs"];

function sizeOf(index: number): number {
  if (index === 0) return 50 * 1024 * 1024;
  if (index % 250 === 1) return 5 * 1024 * 1024 + index;
  if (index % 10 === 0) return 0;
  return (index * 7919) % 200_000;
}

function writeTree(root: string): void {
  for (let i = 0; i < 1000; i++) {
    const folder = join(root, FOLDERS[i % FOLDERS.length]!);
    mkdirSync(folder, { recursive: true });
    const name = i % 3 === 0 ? `fichier n°${i} (copie).bin` : i % 3 === 1 ? `file ${i}.dat` : `ファイル-${i}.txt`;
    writeFileSync(join(folder, name), bytesOf(sizeOf(i), i));
  }
}

beforeAll(async () => {
  if (!hasRclone) return;
  work = mkdtempSync(join(tmpdir(), "cozy-rclone-"));
  box = await startTestAppliance();
  const cookie = await setupOwner(box.base);
  const created = await fetch(`${box.base}/api/auth/app-passwords`, jsonRequest("POST", { name: "rclone test" }, { cookie }));
  const { password } = (await created.json()) as { password: string };
  const obscured = (await rclone("obscure", password)).output.trim();
  writeFileSync(join(work, "rclone.conf"), `[cozy]\ntype = webdav\nurl = ${box.base}/dav/\nvendor = other\nuser = Alice\npass = ${obscured}\n`);
  writeTree(join(work, "up"));
});

afterAll(async () => {
  if (!hasRclone) return;
  await box.dispose();
  rmSync(work, { recursive: true, force: true });
});

test.skipIf(!hasRclone)("1,000 files go up and come back identical; a second sync transfers nothing", async () => {
  const up = await rclone("copy", join(work, "up"), "cozy:", "--transfers", "4");
  expect(up.code).toBe(0);
  const down = await rclone("copy", "cozy:", join(work, "down"), "--transfers", "4");
  expect(down.code).toBe(0);
  const diff = Bun.spawnSync(["diff", "-r", join(work, "up"), join(work, "down")]);
  expect(diff.stdout.toString() + diff.stderr.toString()).toBe("");
  expect(diff.exitCode).toBe(0);
  const check = await rclone("check", join(work, "up"), "cozy:", "--download");
  expect(check.output).toContain("0 differences found");
  expect(check.output).toContain("1000 matching files");
  const again = await rclone("sync", join(work, "up"), "cozy:", "-v", "--stats-one-line");
  expect(again.code).toBe(0);
  expect(again.output).not.toMatch(/Copied \(|Updated|Deleted/);
}, 600_000);
