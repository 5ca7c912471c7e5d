// Hostile and broken files through the real pipeline: each ends in a clear
// state (the item says why, the job failed once with its reason), nothing is
// retried in a loop, and the service keeps answering.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { spawnTool, type ToolRunner } from "../../appliance/src/media";
import { startMediaBox, type MediaBox } from "../fixtures/media/client";
import { pdf, photoWithExif, pngBomb } from "../fixtures/media/generate";

/** The real runner, except that pdftotext is replaced by a program that hangs (a PDF built to make it loop). */
const hangingPdftotext: ToolRunner = (run) => (run.command === "pdftotext" ? spawnTool({ ...run, command: "sleep", args: ["600"] }) : spawnTool(run));

let box: MediaBox;
beforeAll(async () => {
  box = await startMediaBox({ media: { tools: hangingPdftotext, toolTimeoutMs: 2_000 } });
  await box.mkdir("/Bad");
}, 60_000);
afterAll(() => box.box.dispose());

async function failuresOf(subject: string) {
  const { failures } = await box.api<{ failures: { subject: string; reason: string; attempts: number }[] }>("/api/jobs/failures?kind=media.analyze");
  return failures.filter((failure) => failure.subject === subject);
}

async function expectFailedOnce(path: string, reason: string) {
  const item = await box.item(path);
  expect(item).toMatchObject({ thumbsState: "failed" });
  expect(item?.thumbsError).toContain(reason);
  const failures = await failuresOf(`file:${item?.fileId}`);
  expect(failures).toHaveLength(1);
  expect(failures[0]?.attempts).toBe(1);
  expect(failures[0]?.reason).toContain(reason);
  const thumbnail = await box.get(`/api/media/thumbnail?path=${encodeURIComponent(path)}`);
  expect(thumbnail.status).toBe(409);
  const body = (await thumbnail.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("thumbnail_failed");
  expect(body.error.message).toContain(reason);
}

describe("broken images", () => {
  test("a truncated JPEG fails once, with 'truncated'", async () => {
    const whole = await photoWithExif();
    await box.upload("/Bad/cut.jpg", whole.subarray(0, Math.floor(whole.length / 2)));
    await box.idle();
    await expectFailedOnce("/Bad/cut.jpg", "truncated");
  });

  test("a 0-byte photo fails once, 'empty'", async () => {
    await box.put("/Bad/empty.jpg", "");
    await box.idle();
    await expectFailedOnce("/Bad/empty.jpg", "empty");
  });

  test("a 50,000 × 50,000 PNG bomb is refused before decoding, and the service stays up", async () => {
    await box.upload("/Bad/bomb.png", pngBomb());
    await box.idle();
    await expectFailedOnce("/Bad/bomb.png", "too large");
    expect((await box.get("/api/files/?path=/Bad")).status).toBe(200);
  }, 60_000);
});

describe("a PDF that makes pdftotext hang", () => {
  test("pdftotext is killed at its deadline, the job fails once with the reason, the box keeps answering", async () => {
    const { id } = await box.upload("/Bad/loop.pdf", pdf("never extracted"));
    await box.idle();
    const failures = await failuresOf(`file:${id}`);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.attempts).toBe(1);
    expect(failures[0]?.reason).toContain("pdftotext did not finish");
    const results = await box.api<{ results: unknown[] }>("/api/search?q=extracted");
    expect(results.results).toHaveLength(0);
    expect((await box.get("/api/media/duplicates")).status).toBe(200);
    // The hanging program was killed, not left behind.
    const sleepers = Bun.spawnSync(["pgrep", "-f", "bin/sleep 600$"]).stdout.toString().trim();
    expect(sleepers).toBe("");
  }, 60_000);
});

describe("a broken PDF", () => {
  test("fails once with the reason, and its thumbnail answers 409 with it instead of 'pending' forever", async () => {
    const { id } = await box.upload("/Bad/broken.pdf", "%PDF-1.4\nthis is not a PDF body at all");
    await box.idle();
    const failures = await failuresOf(`file:${id}`);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toContain("The PDF could not be read");
    const thumbnail = await box.get(`/api/media/thumbnail?id=${id}`);
    expect(thumbnail.status).toBe(409);
    expect(((await thumbnail.json()) as { error: { message: string } }).error.message).toContain("The PDF could not be read");
  });
});

describe("a file deleted while its job waits", () => {
  test("the job ends quietly: no failure, no thumbnails left, no item", async () => {
    const { id } = await box.upload("/Bad/fleeting.jpg", await photoWithExif(800, 600));
    expect((await box.dav("DELETE", "/dav/Bad/fleeting.jpg")).status).toBe(204);
    await box.idle();
    expect(await failuresOf(`file:${id}`)).toHaveLength(0);
    const folder = join(box.box.dataDir, "cache", "thumbs", (id % 256).toString(16).padStart(2, "0"));
    const left = existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(`${id}-`)) : [];
    expect(left).toEqual([]);
  });
});
