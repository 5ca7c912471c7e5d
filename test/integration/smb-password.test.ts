// Settings -> Connect a computer: an SMB password is an app password that is
// also its own Samba account, made (and removed on revocation) through the
// real privileged helper behind a real socket. Programs that would change
// this machine (useradd, smbpasswd, userdel...) are recording stand-ins (see
// test/helpers/privileged.ts); the QEMU image test signs in with smbclient.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readlinkSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PrivilegedClient } from "../../appliance/src/privileged";
import { addMember, jsonRequest, makeDataDir, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { makeHelperSandbox, startSocketHelper, type HelperSandbox, type SocketHelper } from "../helpers/privileged";

let box: TestAppliance;
let sandbox: HelperSandbox;
let helper: SocketHelper;
let cookie = "";

beforeAll(async () => {
  const dataDir = makeDataDir();
  sandbox = makeHelperSandbox({ COZY_DATA_DIR: dataDir });
  helper = await startSocketHelper(sandbox);
  box = await startTestAppliance({ dataDir, privileged: new PrivilegedClient(helper.socketPath) });
  cookie = await setupOwner(box.base);
});
afterAll(async () => {
  await box?.dispose();
  await helper?.stop();
  sandbox?.dispose();
});

const create = (body: unknown, who = cookie) => fetch(`${box.base}/api/auth/app-passwords`, jsonRequest("POST", body, { cookie: who }));
const list = async (who = cookie) =>
  ((await (await fetch(`${box.base}/api/auth/app-passwords`, { headers: { cookie: who } })).json()) as { appPasswords: Array<Record<string, unknown>> })
    .appPasswords;

describe("creating a password for a computer", () => {
  let created: { id: number; password: string; smbAccount: string };

  test("answers the Samba account and the password once; Samba got the password on stdin only", async () => {
    const response = await create({ name: "Alice's MacBook", smb: true });
    expect(response.status).toBe(201);
    created = await response.json();
    expect(created.smbAccount).toBe(`alice-${created.id}`);
    const account = created.smbAccount;
    expect(sandbox.calls()).toEqual([
      "groupadd [--system] [cozy-smb]",
      `useradd [--system] [--gid] [cozy-smb] [--no-create-home] [--home-dir] [/nonexistent] [--shell] [/usr/sbin/nologin] [--comment] [CozyBox SMB] [${account}]`,
      `smbpasswd [-s] [-a] [${account}]`,
      "smbcontrol [smbd] [reload-config]",
    ]);
    // Exactly as shown, dashes included: that is what the computer will send.
    expect(sandbox.smbpasswdInput()).toBe(`${created.password}\n${created.password}\n`);
    expect(readlinkSync(join(sandbox.smbRootsDir, account))).toBe(join(box.dataDir, "files", "alice"));
  });

  test("the list shows which Samba account each password is, never the password", async () => {
    const [item] = await list();
    expect(item).toMatchObject({ id: created.id, name: "Alice's MacBook", smbAccount: created.smbAccount });
    expect(JSON.stringify(item)).not.toContain(created.password);
  });

  test("the same password opens WebDAV under the person's own name", async () => {
    const basic = `Basic ${Buffer.from(`${OWNER.name}:${created.password}`).toString("base64")}`;
    const response = await fetch(`${box.base}/dav/`, { method: "PROPFIND", headers: { authorization: basic, depth: "0" } });
    expect(response.status).toBe(207);
  });

  test("a WebDAV-only password makes no Samba account", async () => {
    const before = sandbox.calls().length;
    const response = await create({ name: "Phone" });
    expect(response.status).toBe(201);
    expect((await response.json()).smbAccount).toBeNull();
    expect(sandbox.calls().length).toBe(before);
  });

  test("revoking it removes that Samba account and its share link; WebDAV refuses it too", async () => {
    const before = sandbox.calls().length;
    const response = await fetch(`${box.base}/api/auth/app-passwords/${created.id}`, { method: "DELETE", headers: { cookie } });
    expect(response.status).toBe(204);
    // The stand-in useradd made no real account, so the helper finds none to userdel: Samba's entry and the link go.
    expect(sandbox.calls().slice(before)).toEqual([`smbpasswd [-x] [${created.smbAccount}]`]);
    expect(existsSync(join(sandbox.smbRootsDir, created.smbAccount))).toBe(false);
    expect((await list()).map((item) => item.id)).not.toContain(created.id);
    const basic = `Basic ${Buffer.from(`${OWNER.name}:${created.password}`).toString("base64")}`;
    const dav = await fetch(`${box.base}/dav/`, { method: "PROPFIND", headers: { authorization: basic, depth: "0" } });
    expect(dav.status).toBe(401);
  });

  test("a household member's computer opens the member's own files", async () => {
    const member = await addMember(box);
    const response = await create({ name: "Bob's PC", smb: true }, member);
    expect(response.status).toBe(201);
    const { smbAccount } = await response.json();
    expect(smbAccount).toMatch(/^bob-\d+$/);
    expect(readlinkSync(join(sandbox.smbRootsDir, smbAccount))).toBe(join(box.dataDir, "files", "bob"));
  });
});

describe("bad input and refusals", () => {
  test("smb must be a boolean; unknown fields are refused", async () => {
    expect((await create({ name: "Mac", smb: "yes" })).status).toBe(422);
    expect((await create({ name: "Mac", smb: true, account: "root" })).status).toBe(422);
  });

  test("when Samba refuses, no password is kept that would open nothing", async () => {
    // A helper whose data folder has no person folders: it refuses with no_such_person.
    const emptyData = makeDataDir();
    const elsewhere = makeHelperSandbox({ COZY_DATA_DIR: emptyData });
    const refusing = await startSocketHelper(elsewhere);
    const other = await startTestAppliance({ privileged: new PrivilegedClient(refusing.socketPath) });
    try {
      const owner = await setupOwner(other.base);
      const response = await fetch(`${other.base}/api/auth/app-passwords`, jsonRequest("POST", { name: "Mac", smb: true }, { cookie: owner }));
      expect(response.status).toBe(502);
      expect((await response.json()).error.code).toBe("system_refused");
      const listed = await (await fetch(`${other.base}/api/auth/app-passwords`, { headers: { cookie: owner } })).json();
      expect(listed.appPasswords).toEqual([]);
    } finally {
      await other.dispose();
      await refusing.stop();
      elsewhere.dispose();
      rmSync(emptyData, { recursive: true, force: true });
    }
  });

  test("off the image (no helper): 503 only on the CozyBox image, and WebDAV passwords still work", async () => {
    const dev = await startTestAppliance();
    try {
      const owner = await setupOwner(dev.base);
      const smb = await fetch(`${dev.base}/api/auth/app-passwords`, jsonRequest("POST", { name: "Mac", smb: true }, { cookie: owner }));
      expect(smb.status).toBe(503);
      const body = await smb.json();
      expect(body.error.code).toBe("only_on_image");
      expect(body.error.message).toContain("only on the CozyBox image");
      const dav = await fetch(`${dev.base}/api/auth/app-passwords`, jsonRequest("POST", { name: "Mac" }, { cookie: owner }));
      expect(dav.status).toBe(201);
    } finally {
      await dev.dispose();
    }
  });
});
