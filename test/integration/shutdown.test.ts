// SIGTERM: the service stops accepting, finishes what is in flight, closes
// the database and exits 0. Run as a real process, as systemd would.
import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { makeDataDir, OWNER } from "../helpers/appliance";

const ENTRY = join(import.meta.dir, "../../appliance/src/main.ts");
const dataDir = makeDataDir("cozy-shutdown-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

async function waitHealthy(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/api/system/health`).then((r) => r.ok).catch(() => false)) return;
    await Bun.sleep(50);
  }
  throw new Error("the service did not start");
}

test("SIGTERM lets a request in flight finish, then the process exits 0 and refuses new connections", async () => {
  const port = await freePort();
  const child = Bun.spawn([process.execPath, ENTRY], {
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: String(port), COZY_HOST: "127.0.0.1" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base);

  // A setup request whose body arrives slowly, over a raw socket: the signal
  // lands after the server has begun the request and before the body is complete.
  const body = JSON.stringify(OWNER);
  const head = [
    "POST /api/auth/setup HTTP/1.1",
    `Host: 127.0.0.1:${port}`,
    "Content-Type: application/json",
    `Content-Length: ${body.length}`,
    "Connection: close",
  ].join("\r\n");
  let received = "";
  const closed = Promise.withResolvers<void>();
  const socket = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    socket: {
      data(_socket, chunk) {
        received += new TextDecoder().decode(chunk);
      },
      close: () => closed.resolve(),
      error: (_socket, error) => closed.reject(error),
    },
  });
  socket.write(`${head}\r\n\r\n${body.slice(0, 10)}`);
  await Bun.sleep(300);
  child.kill("SIGTERM");
  await Bun.sleep(300);
  socket.write(body.slice(10));
  await closed.promise;

  expect(received).toStartWith("HTTP/1.1 201");
  expect(await child.exited).toBe(0);
  const log = await new Response(child.stdout).text();
  expect(log).toContain('"msg":"stopping"');
  expect(log).toContain('"msg":"stopped"');
  expect(await fetch(`${base}/api/system/health`).then(() => "answered").catch(() => "refused")).toBe("refused");
}, 30_000);
