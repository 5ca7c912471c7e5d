// Settings -> System -> Restart / Shut down over HTTP, through the real helper
// behind a real socket (systemctl is a recording stand-in: the real one would
// restart this machine; the image tests restart the real thing in QEMU).
// Owner only; a member gets 403, an anonymous caller 401; anything but the
// two actions 422; off the image 503, and nothing is run.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ANSWER_FIRST_MS } from "../../appliance/src/privileged/power.service";
import { jsonRequest, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { startHelperBox, type HelperBox } from "../helpers/helper-box";

let setting: HelperBox;
let offImage: TestAppliance;

beforeAll(async () => {
  setting = await startHelperBox();
  offImage = await startTestAppliance();
});
afterAll(async () => {
  await setting?.dispose();
  await offImage?.dispose();
});

const power = (base: string, cookie: string, body?: unknown) =>
  fetch(`${base}/api/system/power`, body === undefined ? { headers: { cookie } } : jsonRequest("POST", body, { cookie }));

/** Waits for the helper to have run what the answer promised, a moment after it. */
async function callsAfterTheAnswer(): Promise<string[]> {
  await Bun.sleep(ANSWER_FIRST_MS + 1500);
  return setting.sandbox.calls();
}

describe("the owner", () => {
  test("the status says it works here and gives this boot's id", async () => {
    const response = await power(setting.box.base, setting.owner);
    expect(response.status).toBe(200);
    const status = await response.json();
    expect(status.available).toBe(true);
    expect(status.bootId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("restart is answered 202 first, then systemctl reboot runs as root", async () => {
    const response = await power(setting.box.base, setting.owner, { action: "restart" });
    expect(response.status).toBe(202);
    expect((await response.json()).action).toBe("restart");
    expect(await callsAfterTheAnswer()).toContain("systemctl [reboot]");
  });

  test("shut down runs systemctl poweroff", async () => {
    const response = await power(setting.box.base, setting.owner, { action: "shutdown" });
    expect(response.status).toBe(202);
    expect(await callsAfterTheAnswer()).toContain("systemctl [poweroff]");
  });

  test("anything but restart or shutdown is 422, and nothing runs", async () => {
    const before = setting.sandbox.calls().length;
    for (const body of [{ action: "halt" }, { action: "restart; rm -rf /" }, { action: "restart", extra: 1 }, {}, { action: ["restart"] }]) {
      const response = await power(setting.box.base, setting.owner, body);
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBeString();
    }
    const malformed = await fetch(`${setting.box.base}/api/system/power`, { method: "POST", headers: { cookie: setting.owner, "content-type": "application/json" }, body: "{not json" });
    expect([400, 422]).toContain(malformed.status);
    const huge = await fetch(`${setting.box.base}/api/system/power`, { method: "POST", headers: { cookie: setting.owner, "content-type": "application/json" }, body: JSON.stringify({ action: "restart", pad: "x".repeat(64 * 1024) }) });
    expect(huge.status).toBe(413);
    expect((await callsAfterTheAnswer()).length).toBe(before);
  });
});

describe("anyone else", () => {
  test("a member gets 403 for the status and the actions, and nothing runs", async () => {
    const before = setting.sandbox.calls().length;
    expect((await power(setting.box.base, setting.member)).status).toBe(403);
    const refused = await power(setting.box.base, setting.member, { action: "shutdown" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("owner_only");
    expect((await callsAfterTheAnswer()).length).toBe(before);
  });

  test("without signing in: 401", async () => {
    expect((await fetch(`${setting.box.base}/api/system/power`)).status).toBe(401);
    expect((await fetch(`${setting.box.base}/api/system/power`, jsonRequest("POST", { action: "restart" }))).status).toBe(401);
  });
});

describe("off the image (make run)", () => {
  test("the status says unavailable, and a request is 503 only_on_image", async () => {
    const cookie = await setupOwner(offImage.base);
    expect((await (await power(offImage.base, cookie)).json()).available).toBe(false);
    const response = await power(offImage.base, cookie, { action: "restart" });
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("only_on_image");
  });
});
