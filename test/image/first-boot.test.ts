// First boot survives a power cut: QEMU is killed while cozy-firstboot is at work, the card boots
// again, and first boot completes (data partition grown to the card, identity, secrets, services).
// The card carries an `ssh` file with a public key on its boot partition, as a headless person
// would put it there: the key is installed, SSH starts, and it takes keys only, never a password.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshCard, releasedImage, sh, VM_ADDRESS, Vm } from "./vm";

const BOOT_TIMEOUT = 20 * 60_000;
const RUN_DIR = process.env.COZY_IMAGE_RUN_DIR ?? "/tmp";
const KEY = join(RUN_DIR, "owner_ed25519");
let card: string;
let second: Vm;
let firstConsole = "";

function putOnBootPartition(image: string, name: string, content: string): void {
  const table = JSON.parse(sh(["sfdisk", "-J", image]).out).partitiontable;
  const local = join(RUN_DIR, name);
  writeFileSync(local, content);
  const copied = sh(["mcopy", "-o", "-i", `${image}@@${table.partitions[0].start * 512}`, local, `::${name}`]);
  if (copied.code !== 0) throw new Error(copied.out);
}

beforeAll(async () => {
  card = freshCard(await releasedImage(), "first-boot");
  sh(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "owner@laptop", "-f", KEY]);
  putOnBootPartition(card, "ssh", readFileSync(`${KEY}.pub`, "utf8"));

  const first = new Vm(card, "first-boot-cut");
  first.start();
  // The first step's line: the data partition has just been grown; the others are still to come.
  await first.waitForConsole(/cozy-firstboot: data partition grown/, BOOT_TIMEOUT);
  await first.kill();
  firstConsole = first.console();

  second = new Vm(card, "first-boot-again");
  second.start();
  await second.waitForHealth(BOOT_TIMEOUT);
}, 2 * BOOT_TIMEOUT + 120_000);

afterAll(async () => {
  await second?.kill();
});

describe("first boot, interrupted by a power cut", () => {
  test("the first attempt was cut before first boot finished", () => {
    expect(firstConsole).toContain("cozy-firstboot: data partition grown");
    expect(firstConsole).not.toContain("cozy-firstboot: done");
  });

  test("the second boot completes it: marker, grown data, machine-id, secrets, hostname, services", async () => {
    expect((await second.run("test -s /etc/cozy/firstboot-done")).code).toBe(0);
    expect((await second.run("journalctl -b -u cozy-firstboot.service")).out).toContain("cozy-firstboot: done");
    const dataBytes = Number((await second.run("df -B1 --output=size /var/lib/cozy | tail -1")).out.trim());
    expect(dataBytes).toBeGreaterThan(2 * 1024 ** 3); // 256 MiB in the image, grown into the card's extra 2 GiB
    expect((await second.run("cat /etc/machine-id")).out.trim()).toMatch(/^[0-9a-f]{32}$/);
    expect((await second.run("hostname")).out.trim()).toBe("cozy");
    expect((await second.run("stat -c '%U %a %s' /var/lib/cozy/secret.key")).out.trim()).toBe("cozy 600 64");
    expect((await second.run("net getlocalsid")).out).toContain("S-1-5-21-");
    for (const unit of ["cozy.service", "smbd.service", "avahi-daemon.service", "wsdd.service", "cozy-privileged.socket"]) {
      expect(`${unit} ${(await second.run(`systemctl is-enabled ${unit}`)).out.trim()}`).toBe(`${unit} enabled`);
    }
  });

  test("the ssh file's key opens SSH for cozy-admin; root and passwords are refused", async () => {
    // cozy-ssh-from-boot.service runs once the system is up; health may answer before it is done.
    await second.run("for i in $(seq 90); do test -e /boot/firmware/ssh.done && break; sleep 2; done", 240_000);
    expect((await second.run("cat /etc/cozy/ssh/authorized_keys")).out).toContain("owner@laptop");
    expect((await second.run("ls /boot/firmware")).out).toContain("ssh.done");
    const sshOptions = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR"];
    const withKey = sh(["ssh", ...sshOptions, "-o", "BatchMode=yes", "-i", KEY, `cozy-admin@${VM_ADDRESS}`, "id -un"]);
    expect(withKey.out.trim().split("\n")).toContain("cozy-admin");
    const asRoot = sh(["ssh", ...sshOptions, "-o", "BatchMode=yes", "-i", KEY, `root@${VM_ADDRESS}`, "true"]);
    expect(asRoot.code).not.toBe(0);
    const withPassword = sh([
      "ssh", ...sshOptions, "-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no",
      "-o", "PreferredAuthentications=password,keyboard-interactive", `cozy-admin@${VM_ADDRESS}`, "true",
    ]);
    expect(withPassword.code).not.toBe(0);
    expect(withPassword.out).toContain("Permission denied (publickey)");
  });
});
