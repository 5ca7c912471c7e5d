// The media pipeline end to end, with real sharp, libheif, ffmpeg and poppler:
// files arrive through the REST API and through WebDAV, the queue runs, and the
// person gets upright, metadata-free thumbnails, photo details and findable text.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { difference, startMediaBox, type MediaBox } from "../fixtures/media/client";
import { pdf, photoWithExif, pngWithAlpha, video } from "../fixtures/media/generate";

const CORPUS = join(import.meta.dir, "../../../shared/corpus/images");
let box: MediaBox;
let scratch: string;

beforeAll(async () => {
  box = await startMediaBox();
  scratch = mkdtempSync(join(tmpdir(), "cozy-media-it-"));
  await video(join(scratch, "clip.mp4"), 320, 240);
  await box.mkdir("/Photos");
  await box.mkdir("/Docs");
  // Through the REST API…
  await box.upload("/Photos/camera.jpg", await photoWithExif(1600, 1200));
  await box.upload("/Photos/iphone.heic", readFileSync(join(CORPUS, "heic/IMG_5195.HEIC")));
  await box.upload("/Docs/report.pdf", pdf("Quarterly zanzibarite figures"));
  // …and through WebDAV, as a phone or a desktop would.
  await box.put("/Photos/logo.png", await pngWithAlpha(600, 400));
  await box.put("/Photos/clip.mp4", readFileSync(join(scratch, "clip.mp4")));
  await box.put("/Docs/notes.txt", "shopping list: quinoa, persimmon, walnuts");
  // Every kind through the other door as well.
  await box.mkdir("/Both");
  for (const [name, bytes] of await everyKind()) {
    await box.upload(`/Both/rest-${name}`, bytes);
    await box.put(`/Both/dav-${name}`, bytes);
  }
  await box.idle();
}, 120_000);

async function everyKind(): Promise<[string, Uint8Array | string][]> {
  return [
    ["a.jpg", await photoWithExif(1600, 1200)],
    ["b.heic", readFileSync(join(CORPUS, "heic/IMG_5195.HEIC"))],
    ["c.png", await pngWithAlpha(600, 400)],
    ["d.mp4", readFileSync(join(scratch, "clip.mp4"))],
    ["e.pdf", pdf("Bothdoors document")],
    ["f.txt", "bothdoors text"],
  ];
}

afterAll(async () => {
  await box.box.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe("photos", () => {
  test("a camera JPEG: its date taken with offset, camera, exposure and GPS, and thumbnails of the right size", async () => {
    const item = await box.item("/Photos/camera.jpg");
    expect(item).toMatchObject({ kind: "image", dateSource: "exif", takenAtOffsetMinutes: 120, make: "Testcam", model: "Model 7", width: 1600, height: 1200, thumbsState: "ready" });
    expect(item?.takenAt).toBe(Date.UTC(2023, 6, 14, 16, 30, 5));
    expect(item?.latitude).toBeCloseTo(48.8567, 3);
    expect(item?.thumbhash).toBeTruthy();
    const small = await box.thumbnail("/Photos/camera.jpg", "small");
    expect(small.response.status).toBe(200);
    expect(small.response.headers.get("content-type")).toBe("image/webp");
    expect([small.meta?.width, small.meta?.height]).toEqual([341, 256]);
    const preview = await box.thumbnail("/Photos/camera.jpg", "preview");
    expect([preview.meta?.width, preview.meta?.height]).toEqual([1440, 1080]);
    expect(preview.response.headers.get("content-type")).toBe("image/jpeg");
    expect(preview.meta?.format).toBe("jpeg");
  });

  test("thumbnails carry no EXIF or GPS, even though the original has both", async () => {
    for (const path of ["/Photos/camera.jpg", "/Photos/iphone.heic"]) {
      for (const size of ["small", "preview"] as const) {
        const { meta, bytes } = await box.thumbnail(path, size);
        expect({ path, size, exif: meta?.exif, xmp: meta?.xmp }).toEqual({ path, size, exif: undefined, xmp: undefined });
        expect(bytes.includes(Buffer.from("Testcam"))).toBe(false);
        expect(bytes.includes(Buffer.from("iPhone"))).toBe(false);
      }
    }
  });

  test("the iPhone HEIC gives an upright portrait thumbnail and its EXIF date", async () => {
    const item = await box.item("/Photos/iphone.heic");
    expect(item).toMatchObject({ kind: "image", dateSource: "exif", takenAtOffsetMinutes: -300, model: "iPhone 11 Pro Max", thumbsState: "ready" });
    expect(item?.takenAt).toBe(Date.UTC(2021, 3, 11, 20, 47, 53));
    const { meta } = await box.thumbnail("/Photos/iphone.heic");
    expect(meta?.width).toBe(256);
    expect(meta?.height ?? 0).toBeGreaterThan(256);
    expect((item?.height ?? 0) > (item?.width ?? 0)).toBe(true);
  });

  test("a PNG uploaded over WebDAV keeps its transparency", async () => {
    const { meta } = await box.thumbnail("/Photos/logo.png");
    expect([meta?.width, meta?.height]).toEqual([384, 256]);
    expect(meta?.hasAlpha).toBe(true);
    const item = await box.item("/Photos/logo.png");
    expect(item).toMatchObject({ dateSource: "mtime", make: null });
  });
});

describe("video, PDF and text", () => {
  test("a video: duration, dimensions, creation date and a poster frame", async () => {
    const item = await box.item("/Photos/clip.mp4");
    expect(item).toMatchObject({ kind: "video", durationMs: 3000, width: 320, height: 240, dateSource: "video", thumbsState: "ready" });
    expect(item?.takenAt).toBe(Date.UTC(2022, 2, 4, 5, 6, 7));
    const { meta } = await box.thumbnail("/Photos/clip.mp4");
    expect([meta?.width, meta?.height]).toEqual([320, 240]);
  });

  test("a PDF: its first page as a thumbnail, its words findable (and no photo item)", async () => {
    const { meta } = await box.thumbnail("/Docs/report.pdf", "preview");
    expect(meta?.height).toBe(1440);
    expect(meta?.width).toBeGreaterThan(1000);
    expect(await box.item("/Docs/report.pdf")).toBeNull();
    const results = await box.api<{ results: { path: string | null }[] }>("/api/search?q=zanzibarite");
    expect(results.results.map((result) => result.path)).toEqual(["/Docs/report.pdf"]);
  });

  test("a word only inside a PDF finds it; after a move it is found at its new path; after a delete, not at all", async () => {
    type Found = { results: { path: string | null }[] };
    const found = async () => (await box.api<Found>("/api/search?q=quokkaville")).results.map((result) => result.path);
    await box.upload("/Docs/lease.pdf", pdf("Signed lease for the quokkaville flat"));
    await box.idle();
    expect(await found()).toEqual(["/Docs/lease.pdf"]);

    const moved = await box.dav("MOVE", "/dav/Docs/lease.pdf", { headers: { destination: `${box.box.base}/dav/Photos/lease-2024.pdf` } });
    expect(moved.status).toBe(201);
    await box.box.search.flush();
    expect(await found()).toEqual(["/Photos/lease-2024.pdf"]);

    expect((await box.dav("DELETE", "/dav/Photos/lease-2024.pdf")).status).toBe(204);
    await box.box.search.flush();
    expect(await found()).toEqual([]);
  });

  test("a text file's words are findable; it has no thumbnail", async () => {
    const results = await box.api<{ results: { path: string | null }[] }>("/api/search?q=persimmon");
    expect(results.results.map((result) => result.path)).toEqual(["/Docs/notes.txt"]);
    expect((await box.thumbnail("/Docs/notes.txt")).response.status).toBe(404);
  });

  test("photo metadata words are findable too (the camera)", async () => {
    const results = await box.api<{ results: { path: string | null }[] }>("/api/search?q=Testcam");
    expect(results.results.map((result) => result.path)).toContain("/Photos/camera.jpg");
  });
});

describe("both doors", () => {
  test("each kind gets the same thumbnails and details whether it came through REST or WebDAV", async () => {
    for (const [name] of await everyKind()) {
      const [rest, dav] = [await box.thumbnail(`/Both/rest-${name}`), await box.thumbnail(`/Both/dav-${name}`)];
      expect({ name, status: [rest.response.status, dav.response.status] }).toEqual({ name, status: name.endsWith(".txt") ? [404, 404] : [200, 200] });
      expect({ name, size: [dav.meta?.width, dav.meta?.height] }).toEqual({ name, size: [rest.meta?.width, rest.meta?.height] });
      const [restItem, davItem] = [await box.item(`/Both/rest-${name}`), await box.item(`/Both/dav-${name}`)];
      const same = (item: typeof davItem) => ({ kind: item?.kind ?? null, dateSource: item?.dateSource ?? null, taken: item?.dateSource === "mtime" ? null : (item?.takenAt ?? null) });
      expect({ name, ...same(davItem) }).toEqual({ name, ...same(restItem) });
    }
    const found = await box.api<{ results: { path: string | null }[] }>("/api/search?q=bothdoors");
    expect(found.results.map((result) => result.path).sort()).toEqual(["/Both/dav-e.pdf", "/Both/dav-f.txt", "/Both/rest-e.pdf", "/Both/rest-f.txt"]);
  });
});

describe("caching", () => {
  test("the URL the API hands out is cacheable forever; If-None-Match gives 304; a URL without v is revalidated", async () => {
    const item = await box.item("/Photos/camera.jpg");
    const first = await box.get(item?.thumbnailUrl ?? "");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const again = await box.get(item?.thumbnailUrl ?? "", { "if-none-match": etag });
    expect(again.status).toBe(304);
    const bare = await box.get(`/api/media/thumbnail?id=${item?.fileId}`);
    expect(bare.headers.get("cache-control")).toBe("private, no-cache");
  });

  test("changing the file changes the URL", async () => {
    const before = await box.item("/Photos/logo.png");
    await box.put("/Photos/logo.png", await pngWithAlpha(300, 600));
    await box.idle();
    const after = await box.item("/Photos/logo.png");
    expect(after?.thumbnailUrl).not.toBe(before?.thumbnailUrl);
    const { meta } = await box.thumbnail("/Photos/logo.png");
    expect([meta?.width, meta?.height]).toEqual([256, 512]);
  });

  test("a thumbnail missing from the cache is made again on request, not a 404", async () => {
    rmSync(join(box.box.dataDir, "cache", "thumbs"), { recursive: true, force: true });
    const response = await box.get("/api/media/thumbnail?path=/Photos/camera.jpg&size=preview");
    expect([200, 202]).toContain(response.status);
    if (response.status === 202) {
      expect(response.headers.get("retry-after")).toBeTruthy();
      expect(((await response.json()) as { thumbhash: string | null }).thumbhash).toBeTruthy();
      await box.idle();
    }
    const { meta } = await box.thumbnail("/Photos/camera.jpg", "preview");
    expect(meta?.width).toBe(1440);
  });
});

describe("orientation", () => {
  test("all 8 EXIF orientations uploaded over WebDAV come out upright", async () => {
    await box.mkdir("/Orientation");
    for (let orientation = 1; orientation <= 8; orientation++) {
      await box.put(`/Orientation/Landscape_${orientation}.jpg`, readFileSync(join(CORPUS, `orientation/Landscape_${orientation}.jpg`)));
    }
    await box.idle();
    const reference = join(CORPUS, "orientation/Landscape_0.jpg");
    for (let orientation = 1; orientation <= 8; orientation++) {
      const { meta, bytes } = await box.thumbnail(`/Orientation/Landscape_${orientation}.jpg`);
      expect({ orientation, size: [meta?.width, meta?.height] }).toEqual({ orientation, size: [384, 256] });
      expect({ orientation, upright: (await difference(bytes, reference)) < 12 }).toEqual({ orientation, upright: true });
    }
  }, 120_000);
});

describe("duplicates and deletion", () => {
  test("identical files are listed as a group, and none is deleted", async () => {
    await box.put("/Photos/camera-copy.jpg", readFileSync(join(box.box.dataDir, "files", readdirSync(join(box.box.dataDir, "files"))[0] ?? "", "Photos/camera.jpg")));
    const { groups } = await box.api<{ groups: { files: { path: string }[] }[] }>("/api/media/duplicates");
    const group = groups.map((each) => each.files.map((file) => file.path)).find((paths) => paths.includes("/Photos/camera.jpg"));
    expect(group).toContain("/Photos/camera-copy.jpg");
    expect(group).toContain("/Both/dav-a.jpg");
    expect((await box.item("/Photos/camera.jpg"))?.fileId).toBeGreaterThan(0);
  });

  test("deleting a photo removes its thumbnails", async () => {
    await box.idle();
    const item = await box.item("/Photos/camera-copy.jpg");
    const thumbs = () => {
      const folder = join(box.box.dataDir, "cache", "thumbs", ((item?.fileId ?? 0) % 256).toString(16).padStart(2, "0"));
      return existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(`${item?.fileId}-`)) : [];
    };
    expect(thumbs()).toHaveLength(2);
    expect((await box.dav("DELETE", "/dav/Photos/camera-copy.jpg")).status).toBe(204);
    // Removed as the delete event arrives, without a job: wait for it (the test's timeout bounds the wait).
    while (thumbs().length > 0) await Bun.sleep(10);
    expect(thumbs()).toHaveLength(0);
    expect((await box.get(item?.thumbnailUrl ?? "")).status).toBe(404);
  });
});

describe("access", () => {
  test("signed out: 401; a file that is not the person's: 404; neither path nor id: 422", async () => {
    const item = await box.item("/Photos/camera.jpg");
    expect((await fetch(`${box.box.base}${item?.thumbnailUrl}`)).status).toBe(401);
    expect((await box.get("/api/media/thumbnail?id=987654")).status).toBe(404);
    expect((await box.get("/api/media/thumbnail?path=/nope.jpg")).status).toBe(404);
    expect((await box.get("/api/media/thumbnail")).status).toBe(422);
    expect((await box.get("/api/media/thumbnail?path=/Photos/camera.jpg&size=huge")).status).toBe(422);
    expect((await box.get("/api/media/thumbnail?path=/Photos")).status).toBe(409);
  });
});
