// GET /api/system/reach: what Setup and System show about where the box
// answers. Public (Setup shows it before any account exists). On the image
// the mDNS name is avahi's own, asked of the privileged helper, so a second
// CozyBox on the network says "cozy-2.local" (the helper's busctl stand-in
// answers as avahi does after a collision; see test/helpers/privileged.ts).
import { afterAll, describe, expect, test } from "bun:test";
import { hostname, networkInterfaces } from "node:os";
import { PrivilegedClient } from "../../appliance/src/privileged";
import { startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { makeHelperSandbox, startSocketHelper } from "../helpers/privileged";

const machine = hostname().split(".")[0]!.toLowerCase();
const started: TestAppliance[] = [];
afterAll(async () => {
  for (const box of started) await box.dispose();
});

async function reachOf(env: Record<string, string>, privileged?: PrivilegedClient) {
  const box = await startTestAppliance({ env, privileged });
  started.push(box);
  const response = await fetch(`${box.base}/api/system/reach`);
  expect(response.status).toBe(200);
  return { box, reach: await response.json() };
}

describe("anonymous, before Setup", () => {
  test("names the host, the real port and every LAN address of this machine (no loopback, no link-local)", async () => {
    const { box, reach } = await reachOf({ COZY_MDNS: "off" });
    expect(reach.hostname).toBe(machine);
    expect(reach.port).toBe(box.port);
    const expected = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal && !info.address.startsWith("fe80:"))
      .map((info) => info!.address);
    expect(reach.addresses.map((a: { address: string }) => a.address).sort()).toEqual(expected.sort());
    expect(reach.mdnsName).toBeNull();
    expect(reach.smb).toEqual({ available: false, share: "cozy" });
  });

  test("a developer's box without avahi nor the embedded responder running (tests do not advertise) names no mDNS name", async () => {
    const { reach } = await reachOf({ COZY_MDNS: "embedded" });
    expect(reach.mdnsName).toBeNull();
    expect(reach.mdnsRenamed).toBe(false);
  });

  test("COZY_MDNS must be embedded, avahi or off", async () => {
    await expect(startTestAppliance({ env: { COZY_MDNS: "bonjour" } })).rejects.toThrow("COZY_MDNS");
  });
});

describe("on the image (avahi + the privileged helper)", () => {
  // Whether the image says COZY_MDNS=avahi or off (the appliance advertises nothing either way), avahi's name is shown.
  test.each(["avahi", "off"])("COZY_MDNS=%s: the name is avahi's, and a collision rename is flagged for the Setup page", async (mode) => {
    const sandbox = makeHelperSandbox();
    const helper = await startSocketHelper(sandbox);
    try {
      const { reach } = await reachOf({ COZY_MDNS: mode }, new PrivilegedClient(helper.socketPath));
      expect(reach.mdnsName).toBe("cozy-2.local");
      expect(reach.mdnsRenamed).toBe(true);
      expect(reach.smb.available).toBe(true);
    } finally {
      await helper.stop();
      sandbox.dispose();
    }
  });

  test("avahi not answering yet: the usual <hostname>.local, not an error", async () => {
    const { reach } = await reachOf({ COZY_MDNS: "avahi" }, new PrivilegedClient("/nonexistent/privileged.sock"));
    expect(reach.mdnsName).toBe(`${machine}.local`);
    expect(reach.mdnsRenamed).toBe(false);
  });
});
