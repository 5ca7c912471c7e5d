// PrivilegedClient against the real helper behind a real Unix socket, spawned
// per connection by systemd-socket-activate exactly as systemd does on the
// image. Programs that would change this machine are recording stand-ins
// (test/helpers/privileged.ts). Also: what the client does when there is no
// helper, when it never answers, and when it answers nonsense.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { PrivilegedClient, PrivilegedCommandError, PrivilegedTimeoutError, PrivilegedUnavailableError } from "../../appliance/src/privileged";
import { makeHelperSandbox, publicKeyLine, startSocketHelper, type HelperSandbox, type SocketHelper } from "../helpers/privileged";

let sandbox: HelperSandbox;
let helper: SocketHelper;

beforeAll(async () => {
  sandbox = makeHelperSandbox();
  helper = await startSocketHelper(sandbox);
});
afterAll(async () => {
  await helper?.stop();
  sandbox?.dispose();
});

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("through the socket", () => {
  test("a command's answer comes back: avahi's name after a collision, SSH key round trip", async () => {
    const client = new PrivilegedClient(helper.socketPath);
    expect(client.available).toBe(true);
    expect(await client.run("mdns-hostname")).toBe("cozy-2.local");
    const key = publicKeyLine();
    expect(await client.run("ssh-enable", { publicKey: key })).toBeUndefined();
    expect(await client.run("ssh-status")).toBe(key);
  });

  test("a refusal by the helper is a typed error carrying the helper's code and message", async () => {
    const error = await failureOf(new PrivilegedClient(helper.socketPath).run("samba-remove-user", { user: "root" }));
    expect(error).toBeInstanceOf(PrivilegedCommandError);
    expect((error as PrivilegedCommandError).status).toBe(502);
    expect((error as PrivilegedCommandError).helperCode).toBe("not_managed");
    expect((error as Error).message).toContain("system account");
  });

  test("several commands at once each get their own helper process and answer", async () => {
    const client = new PrivilegedClient(helper.socketPath);
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.run("mdns-hostname")));
    expect(answers).toEqual(Array(6).fill("cozy-2.local"));
  });
});

describe("without a working helper", () => {
  test("no socket configured (a developer's machine): 503 only_on_image, nothing attempted", async () => {
    const client = new PrivilegedClient(null);
    expect(client.available).toBe(false);
    const error = await failureOf(client.run("reboot"));
    expect(error).toBeInstanceOf(PrivilegedUnavailableError);
    expect((error as PrivilegedUnavailableError).status).toBe(503);
    expect((error as Error).message).toContain("only on the CozyBox image");
  });

  test("a socket path where nothing listens: 503, not a crash", async () => {
    const error = await failureOf(new PrivilegedClient(join(sandbox.root, "absent.sock")).run("ssh-status"));
    expect(error).toBeInstanceOf(PrivilegedUnavailableError);
  });

  test("a helper that never answers: a timeout error, and the connection is given up", async () => {
    const path = join(sandbox.root, "silent.sock");
    const silent = Bun.listen({ unix: path, socket: { data() {} } });
    try {
      const error = await failureOf(new PrivilegedClient(path, 300).run("ssh-status"));
      expect(error).toBeInstanceOf(PrivilegedTimeoutError);
      expect((error as PrivilegedTimeoutError).status).toBe(504);
    } finally {
      silent.stop(true);
    }
  });

  test("an answer that is not JSON, or a close without an answer, is a clear error", async () => {
    const path = join(sandbox.root, "liar.sock");
    let reply = "rm -rf /\n";
    const liar = Bun.listen({ unix: path, socket: { data: (socket) => (reply ? void socket.end(reply) : void socket.end()) } });
    try {
      expect(((await failureOf(new PrivilegedClient(path).run("ssh-status"))) as PrivilegedCommandError).helperCode).toBe("bad_answer");
      reply = "";
      expect(((await failureOf(new PrivilegedClient(path).run("ssh-status"))) as PrivilegedCommandError).helperCode).toBe("no_answer");
    } finally {
      liar.stop(true);
    }
  });
});
