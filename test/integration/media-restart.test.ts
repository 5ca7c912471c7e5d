// After a restart the pipeline catches up by itself: photos without media
// details (added while it was not there, or a lost database row) are analysed
// again, and thumbnails of files that are gone are swept away.
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { login, makeDataDir, sessionCookieOf, setupOwner, startTestAppliance } from "../helpers/appliance";
import { photoWithExif } from "../fixtures/media/generate";

const dataDir = makeDataDir("cozy-media-restart-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("missing media items are rebuilt and orphaned thumbnails removed at start", async () => {
  const first = await startTestAppliance({ dataDir });
  const cookie = await setupOwner(first.base);
  const upload = await fetch(`${first.base}/api/files/content?path=/camera.jpg`, { method: "PUT", body: (await photoWithExif(800, 600)) as BodyInit, headers: { cookie } });
  const { id } = (await upload.json()) as { id: number };
  await first.jobs.idle();
  // Lost while the service was down: the media row, and a thumbnail left by a file deleted long ago.
  await first.database.client.execute("delete from media_items");
  await first.stop();
  const orphanFolder = join(dataDir, "cache", "thumbs", "ff");
  mkdirSync(orphanFolder, { recursive: true });
  writeFileSync(join(orphanFolder, `99999-${"c".repeat(16)}-small.webp`), "orphan");

  const second = await startTestAppliance({ dataDir });
  try {
    await second.jobs.idle();
    const again = sessionCookieOf(await login(second.base)) ?? "";
    const response = await fetch(`${second.base}/api/media/items?id=${id}`, { headers: { cookie: again } });
    const { item } = (await response.json()) as { item: { thumbsState: string; make: string } | null };
    expect(item).toMatchObject({ thumbsState: "ready", make: "Testcam" });
    expect(await Bun.file(join(orphanFolder, `99999-${"c".repeat(16)}-small.webp`)).exists()).toBe(false);
  } finally {
    await second.stop();
  }
}, 60_000);
