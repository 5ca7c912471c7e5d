// The released SD card image, booted in QEMU on a test network segment, used as a person would:
// Setup over HTTP, WebDAV, Samba with an app password (never the main passphrase), cozy.local
// and its services over real mDNS; and checked as a reviewer would: what listens, SSH off,
// the appliance's own user and what it can (not) do as root.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { avahi, basic, BoxClient, smb } from "./box";
import { freshCard, releasedImage, sh, VM_ADDRESS, Vm } from "./vm";

const OWNER = "alice";
const PASSPHRASE = "correct horse battery staple";
const BOOT_TIMEOUT = 20 * 60_000;
const box = new BoxClient();
let vm: Vm;
/** The WebDAV app password made by the WebDAV test. */
let davPassword = "";
/** The computer's Samba account made by the Samba test, for the macOS one. */
let smbLogin = { user: "", password: "" };

beforeAll(async () => {
  vm = new Vm(freshCard(await releasedImage(), "appliance"), "appliance");
  vm.start();
  await vm.waitForHealth(BOOT_TIMEOUT);
}, BOOT_TIMEOUT + 120_000);

afterAll(async () => {
  await vm?.kill();
});

describe("a person on the home network", () => {
  test("the router lists the box under the name cozy (DHCP host name)", () => {
    const leases = readFileSync(join(process.env.COZY_IMAGE_RUN_DIR ?? "", "dnsmasq.leases"), "utf8");
    expect(leases).toMatch(new RegExp(`${VM_ADDRESS} cozy `));
  });

  test("cozy.local resolves to the box over mDNS, and its services are browsable", () => {
    const resolved = avahi(["avahi-resolve", "-4", "-n", "cozy.local"]);
    expect(resolved.out).toContain(VM_ADDRESS);
    const browsed = avahi(["avahi-browse", "-rpt", "_http._tcp"]);
    const http = browsed.out.split("\n").find((line) => line.startsWith("=") && line.includes(VM_ADDRESS));
    expect(http).toBeDefined();
    expect(http).toContain(";80;");
    expect(http).toContain('"path=/"');
    for (const type of ["_webdav._tcp", "_smb._tcp", "_device-info._tcp"]) {
      expect(avahi(["avahi-browse", "-rpt", type]).out).toContain("cozy");
    }
  });

  test("the first visit lands on Setup, which creates the owner over HTTP", async () => {
    expect((await box.json<{ required: boolean }>("GET", "/api/auth/setup")).body.required).toBe(true);
    const page = await box.request("GET", "/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const setup = await box.json<{ user: { name: string } }>("POST", "/api/auth/setup", { name: OWNER, passphrase: PASSPHRASE });
    expect(setup.status).toBe(201);
    expect((await box.json<{ required: boolean }>("GET", "/api/auth/setup")).body.required).toBe(false);
  });

  test("WebDAV answers PROPFIND /dav/ with an app password, and refuses the main passphrase", async () => {
    const created = await box.json<{ password: string }>("POST", "/api/auth/app-passwords", { name: "image test WebDAV" });
    expect(created.status).toBe(201);
    const propfind = (password: string) =>
      fetch(`http://${VM_ADDRESS}/dav/`, { method: "PROPFIND", headers: { depth: "1", authorization: basic(OWNER, password) } });
    davPassword = created.body.password;
    const ok = await propfind(created.body.password);
    expect(ok.status).toBe(207);
    expect(await ok.text()).toContain("multistatus");
    expect((await propfind(PASSPHRASE)).status).toBe(401);
  });

  test("a 24 MB PUT over WebDAV (past 8 MB it goes to the card with O_DIRECT) comes back byte for byte, with its SHA-256", async () => {
    const bytes = new Uint8Array(24 * 1024 * 1024 + 1234).map((_, i) => (i * 131 + (i >> 11)) & 0xff);
    const authorization = basic(OWNER, davPassword);
    const put = await fetch(`http://${VM_ADDRESS}/dav/large.bin`, { method: "PUT", body: bytes, headers: { authorization }, signal: AbortSignal.timeout(300_000) });
    expect(put.status).toBe(201);
    const back = await fetch(`http://${VM_ADDRESS}/dav/large.bin`, { headers: { authorization }, signal: AbortSignal.timeout(300_000) });
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
    const stat = await box.json<{ sha256: string }>("GET", "/api/files/stat?path=/large.bin");
    expect(stat.body.sha256).toBe(new Bun.CryptoHasher("sha256").update(bytes).digest("hex"));
  }, 600_000);

  test("Samba: a computer's app password lists and writes the share, the main passphrase is refused, the file shows in Drive", async () => {
    // Settings -> Connect a computer: an app password flagged SMB, with its own Samba account name.
    const created = await box.json<{ password: string; smbAccount: string }>("POST", "/api/auth/app-passwords", {
      name: "image test SMB",
      smb: true,
    });
    expect(created.status).toBe(201);
    const { smbAccount, password } = created.body;
    expect(smbAccount).toMatch(/^alice-\d+$/);
    smbLogin = { user: smbAccount, password };
    const local = join(process.env.COZY_IMAGE_RUN_DIR ?? "/tmp", "from-smb.txt");
    await Bun.write(local, "written over SMB\n");
    const listing = smb("cozy", smbAccount, password, "ls");
    expect(listing.out).not.toContain("NT_STATUS");
    expect(listing.code).toBe(0);
    expect(smb("cozy", smbAccount, password, `put ${local} from-smb.txt`).code).toBe(0);
    for (const user of [OWNER, smbAccount]) {
      const refused = smb("cozy", user, PASSPHRASE, "ls");
      expect(refused.code).not.toBe(0);
      expect(refused.out).toContain("NT_STATUS_LOGON_FAILURE");
    }
    let names: string[] = [];
    for (let attempt = 0; attempt < 30 && !names.includes("from-smb.txt"); attempt++) {
      const list = await box.json<{ entries: { name: string }[] }>("GET", "/api/files?path=/");
      names = list.body.entries.map((entry) => entry.name);
      if (!names.includes("from-smb.txt")) await Bun.sleep(2000); // the Drive watcher picks it up
    }
    expect(names).toContain("from-smb.txt");
  });
});

describe("macOS over Samba", () => {
  test("a named stream (how Finder keeps tags and resource forks) stays with its file: no ._ file appears in Drive", async () => {
    const local = join(process.env.COZY_IMAGE_RUN_DIR ?? "/tmp", "finder-tags.bin");
    await Bun.write(local, "bplist00 tags\n");
    const { user, password } = smbLogin;
    const written = smb("cozy", user, password, `put ${local} "from-smb.txt:com.apple.metadata_kMDItemUserTags"`);
    expect(written.out).not.toContain("NT_STATUS");
    expect(written.code).toBe(0);
    const streams = smb("cozy", user, password, "allinfo from-smb.txt");
    expect(streams.out).toContain("com.apple.metadata_kMDItemUserTags");
    await Bun.sleep(3000); // what the Drive watcher would pick up
    const list = await box.json<{ entries: { name: string }[] }>("GET", "/api/files?path=/");
    expect(list.body.entries.map((entry) => entry.name).filter((name) => name.startsWith("._") || name.includes(":"))).toEqual([]);
    expect(await (await box.request("GET", "/api/files/content?path=/from-smb.txt")).text()).toBe("written over SMB\n");
  });
});

describe("what the box exposes and allows", () => {
  test("nothing listens beyond HTTP, SMB, mDNS and wsdd (loopback aside)", async () => {
    const { out } = await vm.run("ss -Hlntup");
    const exposed = new Set<string>();
    for (const line of out.trim().split("\n")) {
      const [proto, , , , local] = line.trim().split(/\s+/);
      if (!local || /^(127\.|\[::1\]|\[?::ffff:127\.)/.test(local) || /%lo:/.test(local)) continue;
      // avahi-daemon's and wsdd's own query sockets sit on random UDP ports: part of mDNS and wsdd.
      if (proto === "udp" && /"(avahi-daemon|python3)"/.test(line)) continue;
      exposed.add(`${proto}/${local.slice(local.lastIndexOf(":") + 1)}`);
    }
    const intended = new Set(["tcp/80", "tcp/445", "udp/5353", "tcp/5357", "udp/3702", "udp/68", "udp/546"]);
    expect([...exposed].filter((port) => !intended.has(port))).toEqual([]);
    expect(exposed.has("tcp/80")).toBe(true);
    expect(exposed.has("tcp/445")).toBe(true);
  });

  test("SSH is off: not enabled, nothing on port 22, so no password login is possible", async () => {
    expect((await vm.run("systemctl is-enabled ssh.service")).out.trim()).toBe("disabled");
    expect((await vm.run("systemctl is-active ssh.service")).out.trim()).not.toBe("active");
    const knock = sh(["timeout", "10", "bash", "-c", `exec 3<>/dev/tcp/${VM_ADDRESS}/22`]);
    expect(knock.code).not.toBe(0);
    expect((await vm.run("passwd -S root")).out).toMatch(/^root L /);
  });

  test("the appliance runs as its own unprivileged user, port 80 by one capability, no new privileges", async () => {
    const pid = (await vm.run("systemctl show -p MainPID --value cozy.service")).out.trim();
    expect(Number(pid)).toBeGreaterThan(1);
    const status = (await vm.run(`cat /proc/${pid}/status`)).out;
    const uid = (await vm.run("id -u cozy")).out.trim();
    expect(status).toMatch(new RegExp(`^Uid:\\s+${uid}\\s+${uid}\\s+${uid}\\s+${uid}$`, "m"));
    expect(Number(uid)).toBeGreaterThan(0);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    // Bit 10 is CAP_NET_BIND_SERVICE: the only capability it holds or could ever gain.
    expect(status).toMatch(/^CapEff:\s+0000000000000400$/m);
    expect(status).toMatch(/^CapBnd:\s+0000000000000400$/m);
    expect((await vm.run("getent passwd cozy")).out).toContain(":/usr/sbin/nologin");
  });

  test("as the appliance, only the helper's fixed commands run as root: no sudo, setuid is inert, other commands refused", async () => {
    expect((await vm.run("command -v sudo doas pkexec")).code).not.toBe(0);
    // The service's own restrictions, as its user: a setuid-root program cannot raise it to root.
    const asAppliance = "systemd-run --quiet --wait --pipe -p User=cozy -p NoNewPrivileges=yes -p CapabilityBoundingSet=CAP_NET_BIND_SERVICE";
    const su = await vm.run(`${asAppliance} /usr/bin/su -c id root`);
    expect(su.code).not.toBe(0);
    expect(su.out).not.toContain("uid=0");
    const ask = (request: string) =>
      vm.run(
        `${asAppliance} /opt/cozy/bin/bun -e 'const s = await Bun.connect({ unix: "/run/cozy/privileged.sock", socket: { data(_, d) { process.stdout.write(d) }, close() { process.exit(0) } } }); s.write(${JSON.stringify(request)} + "\\n")'`,
      );
    for (const request of [
      JSON.stringify({ command: "sh", args: { command: "id" } }),
      JSON.stringify({ command: "samba-set-password; id", args: {} }),
      "not json at all",
    ]) {
      const answer = await ask(request);
      expect(answer.out).toContain('"ok":false');
      expect(answer.out).not.toContain("uid=0");
    }
  });

  test("SD card care: journal in memory, noatime, zram swap, data on its own partition", async () => {
    expect((await vm.run("findmnt -no OPTIONS /")).out).toContain("noatime");
    expect((await vm.run("findmnt -no OPTIONS /var/lib/cozy")).out).toContain("noatime");
    expect((await vm.run("findmnt -no LABEL /var/lib/cozy")).out.trim()).toBe("cozydata");
    expect((await vm.run("test -d /var/log/journal && ls /var/log/journal | wc -l || echo 0")).out.trim()).toBe("0");
    expect((await vm.run("swapon --show=NAME --noheadings")).out).toContain("zram");
  });
});

// Last in this file: the box restarts, then goes off.
describe("Settings -> System: restart and shut down (the owner)", () => {
  const RESTART_TIMEOUT = 15 * 60_000;

  test("Restart: answered first, then the box comes back with a new boot id; the session and the files are still there", async () => {
    const before = await box.json<{ available: boolean; bootId: string }>("GET", "/api/system/power");
    expect(before.body.available).toBe(true);
    const asked = await box.json<{ action: string }>("POST", "/api/system/power", { action: "restart" });
    expect(asked.status).toBe(202);
    vm.forgetShell();
    let bootId = before.body.bootId;
    const deadline = Date.now() + RESTART_TIMEOUT;
    while (bootId === before.body.bootId && Date.now() < deadline) {
      await Bun.sleep(3000);
      bootId = await box.json<{ bootId: string }>("GET", "/api/system/power").then((answer) => answer.body?.bootId ?? bootId, () => bootId);
    }
    expect(bootId).not.toBe(before.body.bootId);
    const list = await box.json<{ entries: { name: string }[] }>("GET", "/api/files?path=/");
    expect(list.status).toBe(200);
    expect(list.body.entries.map((entry) => entry.name)).toContain("from-smb.txt");
  }, RESTART_TIMEOUT + 60_000);

  test("Shut down: answered first, then the machine powers off by itself (QEMU ends)", async () => {
    const asked = await box.json<{ action: string }>("POST", "/api/system/power", { action: "shutdown" });
    expect(asked.status).toBe(202);
    vm.forgetShell();
    expect(await vm.waitForExit(5 * 60_000)).toBe(true);
  }, 6 * 60_000);
});
