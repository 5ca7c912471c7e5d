// Photos settings over real HTTP: which Drive folders the timeline shows, the
// upload folder (made on demand, month by month), and hostile paths refused.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { JUNE_15, startPhotos, type PhotosBox } from "./photos-fixtures";

let box: PhotosBox;

beforeAll(async () => {
  box = await startPhotos();
  await box.photo("/Camera/a.bin", { takenAt: JUNE_15 });
  await box.photo("/Camera/Raw/b.bin", { takenAt: JUNE_15 - 1000 });
  await box.photo("/Camera 2/c.bin", { takenAt: JUNE_15 - 2000 });
  await box.photo("/Scans/50%_done/d.bin", { takenAt: JUNE_15 - 3000 });
  await box.photo("/Scans/50x_done/e.bin", { takenAt: JUNE_15 - 4000 });
}, 60_000);
afterAll(() => box.appliance.dispose());

const timelinePaths = async () => (await box.call("GET", "/timeline")).body.items.map((i: { path: string }) => i.path);

describe("settings", () => {
  test("defaults: every folder, uploads under Photos/Uploads/{year}/{month}", async () => {
    expect((await box.call("GET", "/settings")).body).toEqual({ folders: null, uploadFolder: "/Photos/Uploads/{year}/{month}" });
    expect(await timelinePaths()).toHaveLength(5);
  });

  test("chosen folders limit the timeline and its summary, subfolders included, look-alike names not", async () => {
    const saved = await box.call("PUT", "/settings", { folders: ["/Camera/", "/Scans/50%_done", "/Camera"], uploadFolder: "/Photos/Uploads/{year}/{month}" });
    expect(saved.status).toBe(200);
    expect(saved.body.folders).toEqual(["/Camera", "/Scans/50%_done"]);
    expect(await timelinePaths()).toEqual(["/Camera/a.bin", "/Camera/Raw/b.bin", "/Scans/50%_done/d.bin"]);
    expect((await box.call("GET", "/summary")).body.total).toBe(3);
    // The top of the Drive means everything again.
    expect((await box.call("PUT", "/settings", { folders: ["/Camera", "/"], uploadFolder: "/Phone" })).body.folders).toBeNull();
    expect(await timelinePaths()).toHaveLength(5);
  });

  test("hostile and wrong paths are refused, and the settings stay as they were", async () => {
    await box.call("PUT", "/settings", { folders: null, uploadFolder: "/Phone/{year}" });
    await box.drive.put("/plain.bin", "x");
    const refusals: Array<[unknown, number]> = [
      [{ folders: ["/../etc"], uploadFolder: "/Phone" }, 400],
      [{ folders: ["/Camera/../../etc"], uploadFolder: "/Phone" }, 400],
      [{ folders: null, uploadFolder: "/Photos/../../../etc" }, 400],
      [{ folders: null, uploadFolder: "../outside" }, 400],
      [{ folders: ["/Cam\u0000era"], uploadFolder: "/Phone" }, 400],
      [{ folders: ["/Nowhere"], uploadFolder: "/Phone" }, 422],
      [{ folders: ["/plain.bin"], uploadFolder: "/Phone" }, 422],
      [{ folders: [], uploadFolder: "/Phone" }, 422],
      [{ folders: null, uploadFolder: "/" }, 422],
      [{ folders: null, uploadFolder: "/plain.bin" }, 422],
      [{ folders: null, uploadFolder: "" }, 422],
      [{ folders: null }, 422],
      [{ folders: "/Camera", uploadFolder: "/Phone" }, 422],
      [{ folders: Array.from({ length: 51 }, (_, i) => `/F${i}`), uploadFolder: "/Phone" }, 422],
      [{ folders: null, uploadFolder: "/Phone", more: 1 }, 422],
    ];
    for (const [body, status] of refusals) {
      const response = await box.call("PUT", "/settings", body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(typeof response.body.error.message).toBe("string");
    }
    expect((await box.call("GET", "/settings")).body).toEqual({ folders: null, uploadFolder: "/Phone/{year}" });
  });

  test("the upload folder is made when needed, month by month", async () => {
    await box.call("PUT", "/settings", { folders: null, uploadFolder: "/Photos/Uploads/{year}/{month}" });
    const made = await box.call("POST", "/upload-folder", { month: "2025-03" });
    expect(made).toEqual({ status: 200, body: { path: "/Photos/Uploads/2025/03" } });
    expect((await box.drive.stat("/Photos/Uploads/2025/03")).status).toBe(200);
    // Asking again is fine (it is already there).
    expect((await box.call("POST", "/upload-folder", { month: "2025-03" })).body.path).toBe("/Photos/Uploads/2025/03");
    const now = await box.call("POST", "/upload-folder", {});
    const today = new Date();
    expect(now.body.path).toBe(`/Photos/Uploads/${today.getUTCFullYear()}/${String(today.getUTCMonth() + 1).padStart(2, "0")}`);
    for (const month of ["2025-13", "2025-3", "../..", "2025-03/../x"]) {
      expect((await box.call("POST", "/upload-folder", { month })).status).toBe(422);
    }
    // A file sitting where the folder should be: a clear conflict, nothing overwritten.
    await box.drive.put("/Photos/Uploads/2025/04", "a file");
    const blocked = await box.call("POST", "/upload-folder", { month: "2025-04" });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("not_a_folder");
  });

  test("signed-out requests get 401", async () => {
    expect((await box.call("GET", "/settings", undefined, null)).status).toBe(401);
    expect((await box.call("PUT", "/settings", { folders: null, uploadFolder: "/x" }, null)).status).toBe(401);
    expect((await box.call("POST", "/upload-folder", {}, null)).status).toBe(401);
  });
});
