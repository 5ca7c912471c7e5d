// Each person sees only their own thumbnails, media details and duplicates,
// whatever id or path they try.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { addMember, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { photoWithExif } from "../fixtures/media/generate";

let box: TestAppliance;
let alice: string;
let bob: string;
let bobPhotoId: number;


async function upload(cookie: string, path: string, bytes: Uint8Array): Promise<number> {
  const response = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent(path)}`, { method: "PUT", body: bytes as BodyInit, headers: { cookie } });
  if (response.status !== 201) throw new Error(`upload: ${response.status}`);
  return ((await response.json()) as { id: number }).id;
}

const get = (cookie: string, route: string) => fetch(`${box.base}${route}`, { headers: { cookie } });

beforeAll(async () => {
  box = await startTestAppliance();
  alice = await setupOwner(box.base, OWNER);
  bob = await addMember(box);
  const photo = await photoWithExif(800, 600);
  await upload(alice, "/same.jpg", photo);
  bobPhotoId = await upload(bob, "/same.jpg", photo);
  await box.jobs.idle();
}, 60_000);
afterAll(() => box.dispose());

test("Bob's own thumbnail and details are his", async () => {
  expect((await get(bob, `/api/media/thumbnail?id=${bobPhotoId}`)).status).toBe(200);
  expect((await get(bob, "/api/media/items?path=/same.jpg")).status).toBe(200);
});

test("Alice gets 404 for Bob's file by id, for thumbnails and details alike", async () => {
  expect((await get(alice, `/api/media/thumbnail?id=${bobPhotoId}&size=preview`)).status).toBe(404);
  expect((await get(alice, `/api/media/items?id=${bobPhotoId}`)).status).toBe(404);
});

test("the same path means each person's own file", async () => {
  const mine = (await (await get(alice, "/api/media/items?path=/same.jpg")).json()) as { item: { fileId: number } };
  expect(mine.item.fileId).not.toBe(bobPhotoId);
});

test("identical content in two people's Drives is not a duplicate of either", async () => {
  for (const cookie of [alice, bob]) {
    const { groups } = (await (await get(cookie, "/api/media/duplicates")).json()) as { groups: unknown[] };
    expect(groups).toEqual([]);
  }
});
