// Boots the CozyBox SD card image in QEMU (aarch64 `virt` board, TCG) the way a Pi boots it:
// the kernel, initramfs and command line come from the image's own boot partition (slot A), the
// disk is the released image (decompressed from image/out, checksum checked), the network is the
// tap device of the test segment that test/image/run.sh sets up, and a root shell on a virtio
// console (systemd's debug shell, enabled only by this test's kernel command line) lets the test
// look inside.
import { type Subprocess, spawn, spawnSync } from "bun";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "../..");
export const VM_ADDRESS = "10.77.0.50";
export const VM_MAC = "52:54:00:c0:2b:01";
const RUN_DIR = process.env.COZY_IMAGE_RUN_DIR ?? "/tmp/cozy-image-test";
const CACHE = join(process.env.COZY_IMAGE_CACHE ?? "/var/cache/cozybox-image", "test");

export function sh(cmd: string[], input?: string, env: Record<string, string> = {}): { code: number; out: string } {
  const result = spawnSync(cmd, {
    stdin: input === undefined ? "ignore" : Buffer.from(input),
    stderr: "pipe",
    env: { ...process.env, ...env },
  });
  return { code: result.exitCode ?? -1, out: result.stdout.toString() + result.stderr.toString() };
}

function mustRun(cmd: string[]): string {
  const { code, out } = sh(cmd);
  if (code !== 0) throw new Error(`${cmd.join(" ")} failed (${code}): ${out}`);
  return out;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}

/** The released image, checksum checked and decompressed once per checksum into the cache. */
export async function releasedImage(): Promise<string> {
  // A developer iterating on the tests can point at the raw image build-image.sh leaves in the cache.
  if (process.env.COZY_IMAGE_RAW) return process.env.COZY_IMAGE_RAW;
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
  const xz = join(ROOT, `image/out/cozybox-${version}-rpi-arm64.img.xz`);
  if (!existsSync(xz)) throw new Error(`${xz} is missing: run make image first`);
  const expected = readFileSync(`${xz}.sha256`, "utf8").split(/\s+/)[0];
  const actual = await sha256Of(xz);
  if (actual !== expected) throw new Error(`${xz}: sha256 ${actual} is not the published ${expected}`);
  mkdirSync(CACHE, { recursive: true });
  const raw = join(CACHE, `${expected.slice(0, 16)}.img`);
  if (!existsSync(raw)) {
    for (const old of readdirSync(CACHE).filter((f) => f.endsWith(".img"))) rmSync(join(CACHE, old));
    mustRun(["sh", "-c", `xz -d -T2 -c '${xz}' | cp --sparse=always /dev/stdin '${raw}.partial' && mv '${raw}.partial' '${raw}'`]);
  }
  return raw;
}

/** A fresh copy of the image on a bigger "SD card" (so first boot has room to grow the data partition). */
export function freshCard(image: string, name: string, extraGiB = 2): string {
  const card = join(RUN_DIR, `${name}.img`);
  mustRun(["cp", "--sparse=always", image, card]);
  mustRun(["truncate", "-s", `+${extraGiB}G`, card]);
  return card;
}

/** The boot partition's slot-a kernel, initramfs and command line, read with mtools (no mount). */
export function slotA(card: string): { kernel: string; initrd: string; cmdline: string } {
  const table = JSON.parse(mustRun(["sfdisk", "-J", card])).partitiontable;
  const offset = table.partitions[0].start * 512;
  const out = join(RUN_DIR, "slot-a");
  mkdirSync(out, { recursive: true });
  for (const file of ["vmlinuz", "initrd.img", "cmdline.txt"]) {
    mustRun(["mcopy", "-o", "-n", "-i", `${card}@@${offset}`, `::slot-a/${file}`, join(out, file)]);
  }
  return {
    kernel: join(out, "vmlinuz"),
    initrd: join(out, "initrd.img"),
    cmdline: readFileSync(join(out, "cmdline.txt"), "utf8").trim(),
  };
}

export class Vm {
  readonly consoleLog: string;
  private readonly shellSocket: string;
  private process: Subprocess | null = null;
  private shellConn: Socket | null = null;
  private shellBuffer = "";
  private commandCount = 0;
  startedAt = 0;

  constructor(
    readonly card: string,
    readonly name: string,
  ) {
    this.consoleLog = join(RUN_DIR, `${name}.console.log`);
    this.shellSocket = join(RUN_DIR, `${name}.shell.sock`);
  }

  start(): void {
    const boot = slotA(this.card);
    // The Pi's serial consoles become QEMU's PL011 (ttyAMA0); everything else is the slot's own line.
    const cmdline = boot.cmdline.replace(/console=\S+\s*/g, "");
    rmSync(this.consoleLog, { force: true });
    this.startedAt = performance.now();
    this.process = spawn(
      [
        "qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a72", "-smp", "2", "-m", "2048",
        "-display", "none", "-monitor", "none", "-serial", `file:${this.consoleLog}`,
        "-kernel", boot.kernel, "-initrd", boot.initrd,
        "-append", `console=ttyAMA0 ${cmdline} systemd.debug_shell`,
        "-drive", `file=${this.card},format=raw,if=none,id=card,cache=writeback,discard=unmap`,
        "-device", "virtio-blk-pci,drive=card",
        "-netdev", "tap,id=lan,ifname=tap0,script=no,downscript=no",
        "-device", `virtio-net-pci,netdev=lan,mac=${VM_MAC}`,
        "-device", "virtio-rng-pci",
        "-device", "virtio-serial-pci",
        "-chardev", `socket,id=shell,path=${this.shellSocket},server=on,wait=off`,
        "-device", "virtconsole,chardev=shell",
      ],
      { stdout: "ignore", stderr: "inherit" },
    );
  }

  /** Pulls the power: no shutdown, whatever the guest was writing. */
  async kill(): Promise<void> {
    this.shellConn?.destroy();
    this.shellConn = null;
    if (!this.process) return;
    this.process.kill("SIGKILL");
    await this.process.exited;
    this.process = null;
  }

  /** Waits for QEMU to end by itself (the guest powered off); false if it still runs at the deadline. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    const exited = this.process?.exited;
    if (!exited) return true;
    const ended = await Promise.race([exited.then(() => true), Bun.sleep(timeoutMs).then(() => false)]);
    if (ended) this.process = null;
    return ended;
  }

  /** The console shell does not survive a reboot: the next command opens it again. */
  forgetShell(): void {
    this.shellConn?.destroy();
    this.shellConn = null;
  }

  console(): string {
    return existsSync(this.consoleLog) ? readFileSync(this.consoleLog, "utf8") : "";
  }

  async waitForConsole(pattern: RegExp, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (pattern.test(this.console())) return performance.now() - this.startedAt;
      if (this.process?.exitCode !== null && this.process?.exitCode !== undefined) throw new Error(`QEMU exited (${this.process.exitCode})`);
      await Bun.sleep(500);
    }
    throw new Error(`no ${pattern} on the console within ${timeoutMs / 1000}s; console ends with:\n${this.console().slice(-3000)}`);
  }

  /** Milliseconds from power-on until the appliance's health check answers. */
  async waitForHealth(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://${VM_ADDRESS}/api/system/health`, { signal: AbortSignal.timeout(3000) });
        if (res.ok) return performance.now() - this.startedAt;
      } catch {}
      await Bun.sleep(1000);
    }
    throw new Error(`no health answer within ${timeoutMs / 1000}s; console ends with:\n${this.console().slice(-3000)}`);
  }

  private async openShell(timeoutMs: number): Promise<Socket> {
    if (this.shellConn) return this.shellConn;
    const deadline = Date.now() + timeoutMs;
    const conn = await new Promise<Socket>((resolve, reject) => {
      const c = connect(this.shellSocket, () => resolve(c));
      c.once("error", reject);
    });
    conn.setEncoding("utf8");
    conn.on("data", (data: string) => (this.shellBuffer += data.replaceAll("\r", "")));
    this.shellConn = conn;
    // The debug shell appears once udev has seen the virtio console; poke it until it answers.
    while (Date.now() < deadline) {
      conn.write("\nstty -echo 2>/dev/null; echo __RE\"\"ADY__\n");
      await Bun.sleep(2000);
      if (this.shellBuffer.includes("__READY__")) return conn;
    }
    throw new Error("the debug shell never answered on the virtio console");
  }

  /** Runs a command as root inside the VM; answers its exit code and combined output. */
  async run(command: string, timeoutMs = 120_000): Promise<{ code: number; out: string }> {
    const conn = await this.openShell(timeoutMs);
    const id = ++this.commandCount;
    this.shellBuffer = "";
    conn.write(`echo __B""EGIN_${id}__; ( ${command} ) </dev/null 2>&1; echo "__E""ND_${id}__ $?"\n`);
    const end = new RegExp(`__END_${id}__ (\\d+)`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = end.exec(this.shellBuffer);
      if (match) {
        const begin = this.shellBuffer.indexOf(`__BEGIN_${id}__\n`);
        const out = this.shellBuffer.slice(begin + `__BEGIN_${id}__\n`.length, match.index);
        return { code: Number(match[1]), out };
      }
      await Bun.sleep(100);
    }
    throw new Error(`command timed out in the VM: ${command}`);
  }
}
