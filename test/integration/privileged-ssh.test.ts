// Settings -> SSH over HTTP, through the real helper behind a real socket
// (systemctl is a recording stand-in: it would start sshd on this machine).
// Owner only; a member gets 403, an anonymous caller 401; a key that is not
// one public key line gets 422; off the image, 503 only on the CozyBox image.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { jsonRequest, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { startHelperBox, type HelperBox } from "../helpers/helper-box";
import { publicKeyLine, type HelperSandbox } from "../helpers/privileged";

let setting: HelperBox;
let box: TestAppliance;
let sandbox: HelperSandbox;
let owner = "";
let member = "";

beforeAll(async () => {
  setting = await startHelperBox();
  ({ box, sandbox, owner, member } = setting);
});
afterAll(async () => {
  await setting?.dispose();
});

const ssh = (method: string, cookie: string, body?: unknown) =>
  fetch(`${box.base}/api/system/ssh`, body === undefined ? { method, headers: { cookie } } : jsonRequest(method, body, { cookie }));

describe("the owner", () => {
  test("SSH starts off: no key, available on this (image-like) box", async () => {
    const response = await ssh("GET", owner);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ available: true, enabled: false, key: null });
  });

  test("turning it on with a public key installs that key only and enables sshd", async () => {
    const key = publicKeyLine("ssh-ed25519", "alice@laptop");
    const response = await ssh("PUT", owner, { publicKey: `${key}\n` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ available: true, enabled: true, key });
    expect(readFileSync(sandbox.sshKeysFile, "utf8")).toBe(`${key}\n`);
    expect(readFileSync(sandbox.sshdConfigFile, "utf8")).toContain("PasswordAuthentication no");
    expect(sandbox.calls()).toContain("systemctl [reload-or-restart] [ssh.service]");
  });

  test("turning it off removes the key and disables sshd", async () => {
    const response = await ssh("DELETE", owner);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ available: true, enabled: false, key: null });
    expect(existsSync(sandbox.sshKeysFile)).toBe(false);
    expect(sandbox.calls().at(-1)).toBe("systemctl [disable] [--now] [ssh.service]");
  });

  test("anything but one public key line is refused with 422 on publicKey, and nothing changes", async () => {
    const before = sandbox.calls().length;
    const privateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
    for (const publicKey of [privateKey, `${publicKeyLine()}\n${publicKeyLine("ssh-rsa")}`, `command="sh" ${publicKeyLine()}`, "hello", " "]) {
      const response = await ssh("PUT", owner, { publicKey });
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body.error.field).toBe("publicKey");
    }
    const pasted = await (await ssh("PUT", owner, { publicKey: privateKey })).json();
    expect(pasted.error.message).toContain("private key");
    expect(sandbox.calls().length).toBe(before);
    expect(existsSync(sandbox.sshKeysFile)).toBe(false);
  });

  test("malformed and oversized bodies are refused", async () => {
    expect((await ssh("PUT", owner, {})).status).toBe(422);
    expect((await ssh("PUT", owner, { publicKey: publicKeyLine(), user: "root" })).status).toBe(422);
    expect((await ssh("PUT", owner, { publicKey: 42 })).status).toBe(422);
    expect([413, 422]).toContain((await ssh("PUT", owner, { publicKey: `ssh-ed25519 ${"A".repeat(20_000)}` })).status);
    const notJson = await fetch(`${box.base}/api/system/ssh`, { method: "PUT", headers: { cookie: owner, "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
  });
});

describe("everyone else", () => {
  test("a household member gets 403 for reading, enabling and disabling", async () => {
    for (const [method, body] of [["GET"], ["PUT", { publicKey: publicKeyLine() }], ["DELETE"]] as const) {
      const response = await ssh(method, member, body);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("owner_only");
    }
    expect(existsSync(sandbox.sshKeysFile)).toBe(false);
  });

  test("an anonymous caller gets 401", async () => {
    for (const init of [{ method: "GET" }, jsonRequest("PUT", { publicKey: publicKeyLine() }), { method: "DELETE" }]) {
      expect((await fetch(`${box.base}/api/system/ssh`, init)).status).toBe(401);
    }
  });
});

describe("off the image (no helper)", () => {
  test("the status says unavailable; turning it on or off answers 503 only on the CozyBox image", async () => {
    const dev = await startTestAppliance();
    try {
      const cookie = await setupOwner(dev.base);
      const status = await fetch(`${dev.base}/api/system/ssh`, { headers: { cookie } });
      expect(await status.json()).toEqual({ available: false, enabled: false, key: null });
      for (const init of [jsonRequest("PUT", { publicKey: publicKeyLine() }, { cookie }), { method: "DELETE", headers: { cookie } }]) {
        const response = await fetch(`${dev.base}/api/system/ssh`, init);
        expect(response.status).toBe(503);
        expect((await response.json()).error).toMatchObject({ code: "only_on_image", message: expect.stringContaining("only on the CozyBox image") });
      }
    } finally {
      await dev.dispose();
    }
  });
});
