// A photo shows in the timeline the moment it arrives, before its job has
// run: dated by the file's mtime, drawn as a placeholder, then filled in
// with the real date once the queue gets to it. The queue is held back here
// the way a hot Pi holds it back: the SoC reads 90 °C until the test cools it.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { FileReader } from "../../appliance/src/shared/ports";
import { startMediaBox, type MediaBox } from "../fixtures/media/client";
import { photoWithExif } from "../fixtures/media/generate";

const sensor = { milliCelsius: "90000\n" };
const hotPi: FileReader = {
  readText: async (path) => (path === "/sys/class/thermal/thermal_zone0/temp" ? sensor.milliCelsius : null),
};

interface TimelineItem {
  fileId: number;
  path: string;
  dateSource: string;
  takenAt: number;
  thumbsState?: string;
}

let box: MediaBox;
beforeAll(async () => {
  box = await startMediaBox({ files: hotPi });
});
afterAll(async () => {
  await box?.box.dispose();
});

async function timeline(): Promise<TimelineItem[]> {
  const response = await box.get("/api/photos/timeline?limit=50");
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: TimelineItem[] }).items;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (done(value) || attempt > 300) return value;
    await Bun.sleep(100);
  }
}

test("an uploaded photo is in the timeline at once, dated by its mtime, and gets its camera date once the queue runs", async () => {
  await box.mkdir("/Photos");
  await box.upload("/Photos/beach.jpg", await photoWithExif());
  await box.upload("/notes.txt", new TextEncoder().encode("not a photo"));

  const waiting = await until(timeline, (items) => items.length > 0);
  expect(waiting.map((item) => item.path)).toEqual(["/Photos/beach.jpg"]);
  expect(waiting[0]).toMatchObject({ dateSource: "mtime" });
  const summary = (await (await box.get("/api/jobs/summary")).json()) as { thermalPaused: boolean };
  expect(summary.thermalPaused).toBe(true);

  sensor.milliCelsius = "45000\n";
  const analysed = await until(timeline, (items) => items[0]?.dateSource === "exif");
  expect(analysed[0]).toMatchObject({ path: "/Photos/beach.jpg", dateSource: "exif", takenAt: Date.parse("2023-07-14T18:30:05+02:00") });
}, 120_000);
