// Recovery: an index that lost documents (a box updated from a release
// without search, a power cut with events still queued) is repaired at start;
// a damaged full-text index is rebuilt by `cozy search rebuild`.
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../appliance/src/db/client";
import { login, makeDataDir, sessionCookieOf, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { DriveClient } from "../helpers/drive";

const CLI = join(import.meta.dir, "../../appliance/src/cli/cozy.ts");
const dataDir = makeDataDir("cozy-search-recovery-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withBox<T>(work: (box: TestAppliance, drive: DriveClient) => Promise<T>, first = false): Promise<T> {
  const box = await startTestAppliance({ dataDir });
  try {
    const cookie = first ? await setupOwner(box.base) : sessionCookieOf(await login(box.base));
    await box.search.flush();
    return await work(box, new DriveClient(box.base, cookie));
  } finally {
    await box.dispose();
  }
}

async function titles(box: TestAppliance, drive: DriveClient, q: string): Promise<string[]> {
  const response = await fetch(`${box.base}/api/search?q=${encodeURIComponent(q)}`, { headers: { cookie: drive.cookie ?? "" } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { title: string }[] }).results.map((result) => result.title).sort();
}

async function sql(statement: string): Promise<void> {
  const handle = await openDatabase(join(dataDir, "cozy.db"));
  try {
    await handle.client.execute(statement);
  } finally {
    handle.close();
  }
}

async function cozy(args: string[]) {
  const child = Bun.spawn([process.execPath, CLI, ...args], { env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: "1" }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

describe("search recovery", () => {
  test("files indexed before a restart are still found after it", async () => {
    await withBox(async (box, drive) => {
      expect((await drive.put("/devis-toiture.pdf", "x")).status).toBe(201);
      const file = (await (await drive.stat("/devis-toiture.pdf")).json()) as { id: number };
      const [owner] = await box.auth.people();
      await box.search.setFileDetails(owner!.id, file.id, { body: "charpente et zinguerie" });
      expect(await titles(box, drive, "zinguerie")).toEqual(["devis-toiture.pdf"]);
    }, true);
    await withBox(async (box, drive) => expect(await titles(box, drive, "devis")).toEqual(["devis-toiture.pdf"]));
  });

  test("documents lost while the box was off are re-indexed at start", async () => {
    await sql("DELETE FROM search_documents");
    await withBox(async (box, drive) => expect(await titles(box, drive, "toiture")).toEqual(["devis-toiture.pdf"]));
  });

  test("cozy search rebuild repairs emptied full-text indexes", async () => {
    // Extracted text is kept by the documents table, so the rebuild brings it back too.
    await withBox(async (box, drive) => {
      const file = (await (await drive.stat("/devis-toiture.pdf")).json()) as { id: number };
      const [owner] = await box.auth.people();
      await box.search.setFileDetails(owner!.id, file.id, { body: "charpente et zinguerie" });
    });
    await sql("INSERT INTO search_index (search_index) VALUES ('delete-all')");
    await sql("INSERT INTO search_names (search_names) VALUES ('delete-all')");
    await withBox(async (box, drive) => expect(await titles(box, drive, "devis")).toEqual([]));
    const result = await cozy(["search", "rebuild"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("rebuilt for everyone");
    await withBox(async (box, drive) => {
      expect(await titles(box, drive, "devis")).toEqual(["devis-toiture.pdf"]);
      expect(await titles(box, drive, "zinguerie")).toEqual(["devis-toiture.pdf"]);
    });
  });

  test("cozy search rebuild --user re-indexes one person", async () => {
    const result = await cozy(["search", "rebuild", "--user", "alice"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Alice");
  });

  test("cozy search refuses what it does not know, with its usage", async () => {
    for (const args of [["search"], ["search", "purge"], ["search", "rebuild", "extra"], ["search", "rebuild", "--force"], ["search", "rebuild", "--user"]]) {
      const result = await cozy(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("usage: cozy search rebuild");
    }
    const nobody = await cozy(["search", "rebuild", "--user", "mallory"]);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain("nobody is called mallory");
  });
});
