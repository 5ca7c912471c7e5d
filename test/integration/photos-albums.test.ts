// Albums over real HTTP: create, rename, cover, add and remove photos, delete
// (the photos stay), and every bad request refused with the right status.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { albums } from "../../appliance/src/photos/photos.schema";
import { DAY, JUNE_15, startPhotos, type PhotosBox } from "./photos-fixtures";

let box: PhotosBox;
const ids: number[] = [];

beforeAll(async () => {
  box = await startPhotos();
  for (let i = 0; i < 6; i += 1) ids.push((await box.photo(`/Camera/p${i}.bin`, { takenAt: JUNE_15 - i * DAY })).id);
}, 60_000);
afterAll(() => box.appliance.dispose());

describe("albums", () => {
  test("create with photos, list with count and cover, page through, rename, choose a cover, delete", async () => {
    const created = await box.call("POST", "/albums", { name: "  Summer  ", fileIds: [ids[3], ids[1], ids[1]] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Summer", count: 2, coverChosen: false });
    // Without a chosen cover, the newest photo is the cover.
    expect(created.body.cover.fileId).toBe(ids[1]);
    const id = created.body.id;

    const added = await box.call("POST", `/albums/${id}/items`, { fileIds: [ids[0], ids[1], ids[5]] });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: 2, album: { count: 4 } });
    const page1 = await box.call("GET", `/albums/${id}/items?limit=3`);
    const page2 = await box.call("GET", `/albums/${id}/items?limit=3&cursor=${page1.body.next}`);
    expect([...page1.body.items, ...page2.body.items].map((i: { fileId: number }) => i.fileId)).toEqual([0, 1, 3, 5].map((n) => ids[n]!));
    expect(page2.body.next).toBeNull();
    const summary = await box.call("GET", `/albums/${id}/summary`);
    expect(summary.body.total).toBe(4);

    const renamed = await box.call("PATCH", `/albums/${id}`, { name: "Summer 2024", coverFileId: ids[5] });
    expect(renamed.body).toMatchObject({ name: "Summer 2024", coverChosen: true, cover: { fileId: ids[5] } });
    const listed = await box.call("GET", "/albums");
    expect(listed.body.albums).toEqual([expect.objectContaining({ id, name: "Summer 2024", count: 4 })]);

    // Taking the cover out of the album goes back to the newest photo.
    const removed = await box.call("POST", `/albums/${id}/items/remove`, { fileIds: [ids[5], ids[0]] });
    expect(removed.body).toMatchObject({ removed: 2, album: { count: 2, coverChosen: false, cover: { fileId: ids[1] } } });

    expect((await box.call("DELETE", `/albums/${id}`)).status).toBe(204);
    expect((await box.call("GET", `/albums/${id}`)).status).toBe(404);
    // The photos are still in the Drive and the timeline.
    expect((await box.drive.stat("/Camera/p1.bin")).status).toBe(200);
    expect((await box.call("GET", "/summary")).body.total).toBe(6);
  });

  test("a photo deleted from the Drive leaves its albums", async () => {
    const extra = await box.photo("/Camera/gone.bin", { takenAt: JUNE_15 + DAY });
    const album = (await box.call("POST", "/albums", { name: "Short-lived", fileIds: [extra.id, ids[2]] })).body;
    expect(album.cover.fileId).toBe(extra.id);
    expect((await box.drive.remove("/Camera/gone.bin")).status).toBe(200);
    const after = (await box.call("GET", `/albums/${album.id}`)).body;
    expect(after).toMatchObject({ count: 1, cover: { fileId: ids[2] } });
  });

  test("unknown albums are 404, another person's or unknown photos 404, and nothing is half-done", async () => {
    const { fileId: theirs, userId: bob } = await box.stranger();
    const album = (await box.call("POST", "/albums", { name: "Mine" })).body;
    const now = Date.now();
    const [bobs] = await box.appliance.database.db.insert(albums).values({ userId: bob, name: "Bob's", createdAt: now, updatedAt: now }).returning();
    for (const [method, route, body] of [
      ["GET", "/albums/999999", undefined],
      ["PATCH", "/albums/999999", { name: "x" }],
      ["DELETE", "/albums/999999", undefined],
      ["POST", "/albums/999999/items", { fileIds: [ids[0]] }],
      ["GET", "/albums/999999/items", undefined],
      ["POST", `/albums/${album.id}/items`, { fileIds: [ids[0], theirs] }],
      ["POST", `/albums/${album.id}/items`, { fileIds: [123456789] }],
      ["PATCH", `/albums/${album.id}`, { coverFileId: theirs }],
      ["POST", "/albums", { name: "Stolen", fileIds: [theirs] }],
      // Another person's album is as unknown as one that does not exist.
      ["GET", `/albums/${bobs!.id}`, undefined],
      ["GET", `/albums/${bobs!.id}/items`, undefined],
      ["GET", `/albums/${bobs!.id}/summary`, undefined],
      ["PATCH", `/albums/${bobs!.id}`, { name: "Mine now" }],
      ["POST", `/albums/${bobs!.id}/items`, { fileIds: [ids[0]] }],
      ["DELETE", `/albums/${bobs!.id}`, undefined],
    ] as const) {
      const response = await box.call(method, route, body);
      expect({ method, route, status: response.status }).toEqual({ method, route, status: 404 });
      expect(response.body.error.code).toBe("not_found");
    }
    // The refused add left the album empty, and the refused create made no album.
    expect((await box.call("GET", `/albums/${album.id}`)).body.count).toBe(0);
    const names = (await box.call("GET", "/albums")).body.albums.map((a: { name: string }) => a.name);
    expect(names).not.toContain("Stolen");
    expect(names).not.toContain("Bob's");
  });

  test("bad names, ids and bodies are refused with 422, 400 or 415", async () => {
    const album = (await box.call("POST", "/albums", { name: "Checks", fileIds: [ids[0]] })).body;
    const refusals: Array<[string, string, unknown, number]> = [
      ["POST", "/albums", { name: "" }, 422],
      ["POST", "/albums", { name: "   " }, 422],
      ["POST", "/albums", { name: "x".repeat(101) }, 422],
      ["POST", "/albums", { name: "tab\there" }, 422],
      ["POST", "/albums", {}, 422],
      ["POST", "/albums", { name: 42 }, 422],
      ["POST", "/albums", { name: "ok", extra: true }, 422],
      ["POST", "/albums", { name: "ok", fileIds: [] }, 422],
      ["POST", "/albums", { name: "ok", fileIds: ["1"] }, 422],
      ["POST", "/albums", { name: "ok", fileIds: [0] }, 422],
      ["POST", "/albums", { name: "ok", fileIds: [1.5] }, 422],
      ["POST", "/albums", { name: "ok", fileIds: Array.from({ length: 1001 }, (_, i) => i + 1) }, 422],
      ["PATCH", `/albums/${album.id}`, { name: "" }, 422],
      ["PATCH", `/albums/${album.id}`, { coverFileId: ids[4] }, 422],
      ["PATCH", `/albums/${album.id}`, { coverFileId: "1" }, 422],
      ["GET", "/albums/abc", undefined, 422],
      ["GET", "/albums/0", undefined, 422],
      ["GET", "/albums/-3", undefined, 422],
      ["DELETE", "/albums/1.5", undefined, 422],
      ["POST", `/albums/${album.id}/items`, { fileIds: "all" }, 422],
      ["POST", `/albums/${album.id}/items/remove`, {}, 422],
    ];
    for (const [method, route, body, status] of refusals) {
      const response = await box.call(method, route, body);
      expect({ method, route, body, status: response.status }).toEqual({ method, route, body, status });
    }
    const notJson = await fetch(`${box.appliance.base}/api/photos/albums`, { method: "POST", body: "{", headers: { cookie: box.cookie, "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(`${box.appliance.base}/api/photos/albums`, { method: "POST", body: "name=x", headers: { cookie: box.cookie, "content-type": "text/plain" } });
    expect(wrongType.status).toBe(415);
    const huge = await fetch(`${box.appliance.base}/api/photos/albums`, {
      method: "POST", body: JSON.stringify({ name: "x".repeat(100_000) }), headers: { cookie: box.cookie, "content-type": "application/json" },
    });
    expect(huge.status).toBe(413);
    // A name of 100 characters (emoji count as one) is fine.
    expect((await box.call("POST", "/albums", { name: "📷".repeat(100) })).status).toBe(201);
  });

  test("signed-out requests get 401", async () => {
    expect((await box.call("GET", "/albums", undefined, null)).status).toBe(401);
    expect((await box.call("POST", "/albums", { name: "x" }, null)).status).toBe(401);
  });
});
