// The Photos timeline over real HTTP: keyset pages newest first that stay
// stable while photos arrive, a summary that lays out days, months and years,
// and one photo's details for the lightbox.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DAY, JUNE_15, startPhotos, type PhotosBox } from "./photos-fixtures";

let box: PhotosBox;
interface Item { fileId: number; path: string; takenAt: number; offset: number | null; dateSource: string; thumbs: string }
interface Page { items: Item[]; next: string | null }

async function allPages(limit: number, first?: string): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor = first;
  let pages = 0;
  for (;;) {
    const query = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await box.call<Page>("GET", `/timeline${query}`);
    expect(status).toBe(200);
    items.push(...body.items);
    pages += 1;
    if (!body.next) return { items, pages };
    cursor = body.next;
  }
}

beforeAll(async () => {
  box = await startPhotos();
  // Two days in June 2024 (three photos share one instant), one in May, one in 2023.
  await box.photo("/Camera/a.bin", { takenAt: JUNE_15 });
  await box.photo("/Camera/b.bin", { takenAt: JUNE_15 });
  await box.photo("/Camera/c.bin", { takenAt: JUNE_15 });
  await box.photo("/Camera/d.bin", { takenAt: JUNE_15 - DAY, dateSource: "mtime" });
  await box.photo("/Camera/e.bin", { takenAt: Date.UTC(2024, 4, 1, 9) });
  await box.photo("/Old/f.bin", { takenAt: Date.UTC(2023, 11, 31, 23, 30), takenAtOffsetMinutes: 120 });
  for (let i = 0; i < 14; i += 1) await box.photo(`/Burst/${i}.bin`, { takenAt: JUNE_15 - 2 * DAY + i * 1000, kind: i % 5 === 0 ? "video" : "image" });
}, 60_000);
afterAll(() => box.appliance.dispose());

describe("timeline", () => {
  test("pages run newest first by date taken then file id, with no photo twice or missing", async () => {
    const whole = await allPages(500);
    expect(whole.pages).toBe(1);
    expect(whole.items).toHaveLength(20);
    const sorted = [...whole.items].sort((x, y) => y.takenAt - x.takenAt || y.fileId - x.fileId);
    expect(whole.items.map((i) => i.fileId)).toEqual(sorted.map((i) => i.fileId));
    // Small pages that cut through the three photos of the same instant.
    const paged = await allPages(2);
    expect(paged.pages).toBe(10);
    expect(paged.items.map((i) => i.fileId)).toEqual(whole.items.map((i) => i.fileId));
    expect(whole.items[0]).toMatchObject({ path: "/Camera/c.bin", kind: "image", dateSource: "exif", thumbs: "pending", thumbhash: null });
  });

  test("a page after a cursor stays the same when newer and older photos arrive meanwhile", async () => {
    const first = await box.call<Page>("GET", "/timeline?limit=5");
    const before = await allPages(500, first.body.next!);
    const newer = await box.photo("/Camera/new.bin", { takenAt: JUNE_15 + DAY });
    const older = await box.photo("/Old/older.bin", { takenAt: Date.UTC(2020, 0, 1) });
    const after = await allPages(500, first.body.next!);
    expect(after.items.map((i) => i.fileId)).toEqual([...before.items.map((i) => i.fileId), older.id]);
    expect(after.items.some((i) => i.fileId === newer.id)).toBe(false);
    await box.drive.remove("/Camera/new.bin");
    await box.drive.remove("/Old/older.bin");
  });

  test("bad cursors and limits are refused with 422", async () => {
    for (const query of ["cursor=abc", "cursor=1_2_3", "cursor=1.5_2", `cursor=${"9".repeat(30)}_1`, "limit=0", "limit=501", "limit=ten", "tz=900"]) {
      const { status, body } = await box.call("GET", `/timeline?${query}`);
      expect({ query, status }).toEqual({ query, status: 422 });
      expect(body.error.code).toBe("validation_failed");
    }
  });

  test("signed-out requests get 401", async () => {
    expect((await box.call("GET", "/timeline", undefined, null)).status).toBe(401);
    expect((await box.call("GET", "/summary", undefined, null)).status).toBe(401);
  });
});

describe("summary", () => {
  test("counts per day, month and year, in timeline order, with a cursor to start each day", async () => {
    const { status, body } = await box.call("GET", "/summary");
    expect(status).toBe(200);
    expect(body.total).toBe(20);
    expect(body.groups.map((g: { day: string; count: number }) => [g.day, g.count])).toEqual([
      ["2024-06-15", 3],
      ["2024-06-14", 1],
      ["2024-06-13", 14],
      ["2024-05-01", 1],
      // 23:30 UTC on Dec 31 with a +02:00 camera offset is New Year's Day where it was taken.
      ["2024-01-01", 1],
    ]);
    expect(body.months).toEqual([{ month: "2024-06", count: 18 }, { month: "2024-05", count: 1 }, { month: "2024-01", count: 1 }]);
    expect(body.years).toEqual([{ year: 2024, count: 20 }]);
    const burst = body.groups[2];
    const page = await box.call<Page>("GET", `/timeline?limit=3&cursor=${burst.start}`);
    expect(page.body.items.map((i) => i.path)).toEqual(["/Burst/13.bin", "/Burst/12.bin", "/Burst/11.bin"]);
  });

  test("days that interleave across time zones come out as runs in the pages' own order", async () => {
    // Three photos a second apart in UTC: New York evening, Tokyo next morning, New York again.
    const instant = Date.UTC(2021, 2, 10, 23, 0);
    const a = await box.photo("/Trip/ny-1.bin", { takenAt: instant, takenAtOffsetMinutes: -300 });
    const b = await box.photo("/Trip/tokyo.bin", { takenAt: instant - 1000, takenAtOffsetMinutes: 540 });
    const c = await box.photo("/Trip/ny-2.bin", { takenAt: instant - 2000, takenAtOffsetMinutes: -300 });
    const { body } = await box.call("GET", "/summary");
    const runs = body.groups.filter((g: { day: string }) => g.day.startsWith("2021-03"));
    expect(runs.map((g: { day: string; count: number }) => [g.day, g.count])).toEqual([["2021-03-10", 1], ["2021-03-11", 1], ["2021-03-10", 1]]);
    for (const [run, photo] of [[runs[0], a], [runs[1], b], [runs[2], c]] as const) {
      const page = await box.call<Page>("GET", `/timeline?limit=1&cursor=${run.start}`);
      expect(page.body.items[0]!.fileId).toBe(photo.id);
    }
    for (const path of ["/Trip/ny-1.bin", "/Trip/tokyo.bin", "/Trip/ny-2.bin"]) await box.drive.remove(path);
  });

  test("a summary the browser already holds is answered 304 until a photo comes or goes", async () => {
    const url = `${box.appliance.base}/api/photos/summary?tz=60`;
    const first = await fetch(url, { headers: { cookie: box.cookie } });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const again = await fetch(url, { headers: { cookie: box.cookie, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Another time zone is another summary.
    expect((await fetch(`${box.appliance.base}/api/photos/summary?tz=0`, { headers: { cookie: box.cookie, "if-none-match": etag } })).status).toBe(200);
    await box.photo("/Camera/late.bin", { takenAt: JUNE_15 + 3 * DAY });
    const changed = await fetch(url, { headers: { cookie: box.cookie, "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await changed.json()).total).toBe(21);
    await box.drive.remove("/Camera/late.bin");
    const back = await fetch(url, { headers: { cookie: box.cookie } });
    expect((await back.json()).total).toBe(20);
    expect(back.headers.get("etag")).toBe(etag);
  });

  test("the viewer's time zone places photos whose camera gave none", async () => {
    // 12:00 UTC on June 15 is already June 16 at UTC+13.
    const { body } = await box.call("GET", "/summary?tz=780");
    expect(body.groups[0]).toMatchObject({ day: "2024-06-16", count: 3 });
    expect(body.groups.at(-1)).toMatchObject({ day: "2024-01-01", count: 1 });
  });
});

describe("one photo", () => {
  test("gives date and its source, camera, exposure, place as text, duplicates and albums", async () => {
    const same = new TextEncoder().encode("the very same bytes");
    const photo = await box.photo("/Trip/IMG_1.bin", {
      takenAt: Date.UTC(2019, 6, 14, 10), make: "Canon", model: "EOS R6", lens: "RF 24-105mm", exposureTime: 1 / 250, fNumber: 8, iso: 100,
      focalLength: 35, latitude: 48.85837, longitude: -2.294481, width: 6000, height: 4000,
    }, same);
    await box.drive.mkdir("/Backup");
    const copy = await box.drive.put("/Backup/IMG_1 copy.bin", same);
    expect(copy.status).toBe(201);
    const album = await box.call("POST", "/albums", { name: "Paris", fileIds: [photo.id] });
    const { status, body } = await box.call("GET", `/items/${photo.id}`);
    expect(status).toBe(200);
    expect(body.item).toMatchObject({ fileId: photo.id, path: "/Trip/IMG_1.bin", dateSource: "exif", width: 6000, height: 4000 });
    expect(body.camera).toEqual({ make: "Canon", model: "EOS R6", lens: "RF 24-105mm" });
    expect(body.exposure).toEqual({ exposureTime: 0.004, fNumber: 8, iso: 100, focalLength: 35 });
    expect(body.location.text).toBe("48.85837° N, 2.29448° W");
    expect(body.duplicates).toEqual([{ fileId: (await copy.json()).id, path: "/Backup/IMG_1 copy.bin" }]);
    expect(body.albums).toEqual([{ id: album.body.id, name: "Paris" }]);
    await box.call("DELETE", `/albums/${album.body.id}`);
  });

  test("another person's photo, an unknown one and a file that is no photo are 404; bad ids 422", async () => {
    const { fileId } = await box.stranger();
    const plain = await box.drive.put("/notes.bin", "not a photo");
    for (const id of [fileId, 999_999, (await plain.json()).id]) {
      const { status, body } = await box.call("GET", `/items/${id}`);
      expect({ id, status }).toEqual({ id, status: 404 });
      expect(body.error.code).toBe("not_found");
    }
    for (const id of ["0", "-1", "abc", "1.5", "1e400"]) expect((await box.call("GET", `/items/${id}`)).status).toBe(422);
    // The stranger's photo never shows in Alice's timeline either.
    expect((await allPages(500)).items.some((i) => i.fileId === fileId)).toBe(false);
  });
});
