// make image-bench: the image's sizes, and in QEMU (aarch64 virt, TCG: far slower than a Pi, so
// compare the two times with each other, not with a Pi) the time from power-on to the appliance's
// health answer beside the time to systemd's multi-user.target, for the first boot and a regular
// one; then the idle system's memory after Setup (goal: 250 MB at most) and the appliance's RSS.
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BoxClient } from "./box";
import { freshCard, releasedImage, ROOT, Vm } from "./vm";

const BOOT_TIMEOUT = 20 * 60_000;
const MB = 1024 * 1024;
const seconds = (ms: number) => Math.round(ms / 100) / 10;

async function boot(vm: Vm): Promise<{ multiUser: number; health: number }> {
  vm.start();
  const health = await vm.waitForHealth(BOOT_TIMEOUT);
  // systemd's own clock: when multi-user.target became active, in microseconds since the kernel started.
  const reached = await vm.run(
    "until [ \"$(systemctl show -p ActiveEnterTimestampMonotonic --value multi-user.target)\" != 0 ]; do sleep 1; done; systemctl show -p ActiveEnterTimestampMonotonic --value multi-user.target",
    BOOT_TIMEOUT,
  );
  return { multiUser: seconds(Number(reached.out.trim()) / 1000), health: seconds(health) };
}

const image = await releasedImage();
const xz = join(ROOT, `image/out/cozybox-${JSON.parse(await Bun.file(join(ROOT, "package.json")).text()).version}-rpi-arm64.img.xz`);
const card = freshCard(image, "bench", 4);

const first = new Vm(card, "bench-first");
const firstBoot = await boot(first);
const box = new BoxClient();
await box.json("POST", "/api/auth/setup", { name: "bench", passphrase: "bench passphrase 1234" });
await first.run("systemctl poweroff --no-block");
await Bun.sleep(20_000);
await first.kill();

const regular = new Vm(card, "bench-regular");
const regularBoot = await boot(regular);
const analyze = (await regular.run("systemd-analyze time; systemd-analyze blame | head -8")).out.trim();
await Bun.sleep(60_000); // idle: the start-up scan and the first jobs are done
const meminfo = (await regular.run("free -b | awk '/^Mem:/ { print $3 }'")).out.trim();
const pid = (await regular.run("systemctl show -p MainPID --value cozy.service")).out.trim();
const rss = (await regular.run(`awk '/^VmRSS:/ { print $2 }' /proc/${pid}/status`)).out.trim();
const rootUsed = (await regular.run("df -B1 --output=used / | tail -1")).out.trim();
await regular.kill();

const results = {
  imageCompressedMB: Math.round(statSync(xz).size / MB),
  imageRawMB: Math.round(statSync(image).size / MB),
  rootInstalledMB: Math.round(Number(rootUsed) / MB),
  firstBoot: { powerOnToMultiUserS: firstBoot.multiUser, powerOnToHealthS: firstBoot.health },
  regularBoot: { powerOnToMultiUserS: regularBoot.multiUser, powerOnToHealthS: regularBoot.health },
  idleUsedMemoryMB: Math.round(Number(meminfo) / MB),
  idleMemoryGoalMB: 250,
  applianceRssMB: Math.round(Number(rss) / 1024),
};
console.log(analyze);
console.log(`image: ${results.imageCompressedMB} MB compressed (.img.xz), ${results.imageRawMB} MB raw, root file system ${results.rootInstalledMB} MB installed`);
for (const [name, b] of [["first boot", firstBoot], ["regular boot", regularBoot]] as const) {
  console.log(`${name}: power-on -> /api/system/health ${b.health} s, beside power-on -> multi-user.target ${b.multiUser} s (ratio ${(b.health / b.multiUser).toFixed(2)})`);
}
console.log(`idle after Setup: ${results.idleUsedMemoryMB} MB used of the system's memory (goal <= 250 MB), appliance RSS ${results.applianceRssMB} MB`);
writeFileSync(join(ROOT, "image/out/bench-results.json"), `${JSON.stringify(results, null, 2)}\n`);
