// The privileged helper, run as the separate root program it is on the
// image: one JSON line in, one out. Hostile requests are refused with a code
// and run NOTHING; good ones run exactly the expected programs. Programs that
// would change this machine (useradd, userdel, smbpasswd, hostnamectl,
// systemctl, busctl->avahi) are recording stand-ins on PATH (see
// test/helpers/privileged.ts); getent and the file system are real.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { makeHelperSandbox, publicKeyLine, request, runHelper, type HelperSandbox } from "../helpers/privileged";

let box: HelperSandbox;
beforeEach(() => {
  box = makeHelperSandbox();
});
afterEach(() => box.dispose());

const PASSWORD = "abcde-fghij-kmnpq-rstuv";
const run = (input: string | Uint8Array) => runHelper(input, box.env);

async function expectRefused(input: string | Uint8Array, code: string): Promise<void> {
  const { answer, raw } = await run(input);
  expect(answer.ok).toBe(false);
  expect(answer.error?.code).toBe(code);
  expect(raw.trim().split("\n")).toHaveLength(1);
  expect(box.calls()).toEqual([]);
}

describe("requests that are not one of the fixed commands", () => {
  test("an unknown command is refused and runs nothing", async () => {
    await expectRefused(request("rm", { path: "/" }), "unknown_command");
    await expectRefused(request("samba-set-password;reboot"), "unknown_command");
    await expectRefused(request("__proto__"), "unknown_command");
  });

  test("malformed lines are refused: not JSON, not an object, extra fields", async () => {
    await expectRefused("reboot\n", "bad_request");
    await expectRefused("{\"command\":\"reboot\"\n", "bad_request");
    await expectRefused("[\"reboot\"]\n", "bad_request");
    await expectRefused("\"reboot\"\n", "bad_request");
    await expectRefused("null\n", "bad_request");
    await expectRefused(`${JSON.stringify({ command: "reboot", args: {}, sudo: true })}\n`, "bad_request");
  });

  test("extra, missing or non-string arguments are refused", async () => {
    await expectRefused(request("reboot", { delay: "0" }), "bad_arguments");
    await expectRefused(request("set-hostname", {}), "bad_arguments");
    await expectRefused(request("set-hostname", { name: ["cozy"] }), "bad_arguments");
    await expectRefused(request("samba-remove-user", { user: 7 }), "bad_arguments");
    await expectRefused(request("samba-set-password", { user: "alice-1", person: "alice" }), "bad_arguments");
    await expectRefused(request("samba-set-password", { user: "alice-1", person: "alice", password: PASSWORD, shell: "x" }), "bad_arguments");
    await expectRefused(request("reboot", ["now"] as unknown as Record<string, unknown>), "bad_arguments");
  });

  test("a line longer than the cap is refused before parsing", async () => {
    const huge = request("ssh-enable", { publicKey: `ssh-ed25519 ${"A".repeat(20_000)}` });
    await expectRefused(huge, "too_large");
    await expectRefused(new Uint8Array(1024 * 1024).fill(0x7b), "too_large");
  });

  test("only the first line is read: a second request in the same connection never runs", async () => {
    const { answer } = await run(`${request("ssh-status")}${request("reboot")}`);
    expect(answer).toEqual({ ok: true, output: "" });
    expect(box.calls()).toEqual([]);
  });
});

describe("arguments with shell metacharacters, traversal or the wrong shape", () => {
  const badUsers = ["alice;reboot", "$(reboot)", "`id`", "a b", "Alice", "-rf", "../etc", "a".repeat(33), "", "alice\nroot", "é"];

  test("bad Samba user names are refused by both Samba commands", async () => {
    for (const user of badUsers) {
      await expectRefused(request("samba-set-password", { user, person: "alice", password: PASSWORD }), "bad_arguments");
      await expectRefused(request("samba-remove-user", { user }), "bad_arguments");
    }
  });

  test("a person that is a path, or has no folder, is refused", async () => {
    for (const person of ["..", "../..", "alice/../../etc", "/etc", ".hidden", ""]) {
      await expectRefused(request("samba-set-password", { user: "alice-1", person, password: PASSWORD }), "bad_arguments");
    }
    await expectRefused(request("samba-set-password", { user: "bob-1", person: "bob", password: PASSWORD }), "no_such_person");
  });

  test("a password that could end smbpasswd's line (newline, control characters) or is too short is refused", async () => {
    for (const password of [`${PASSWORD}\nother-password-1`, `${PASSWORD}\r`, `${PASSWORD}\u0000`, "short", "has space inside it", "x".repeat(129)]) {
      await expectRefused(request("samba-set-password", { user: "alice-1", person: "alice", password }), "bad_arguments");
    }
  });

  test("host names must be one lower-case RFC 1123 label", async () => {
    for (const name of ["-cozy", "cozy-", "co zy", "cozy.local", "COZY", "x".repeat(64), "", "cozy;reboot", "$(id)"]) {
      await expectRefused(request("set-hostname", { name }), "bad_arguments");
    }
  });

  test("public keys: newline injection, options, unknown types, mismatched data are refused and nothing is written", async () => {
    const good = publicKeyLine();
    const hostile = [
      `${good}\n${publicKeyLine("ssh-rsa", "intruder")}`,
      `${good} comment\nssh-ed25519 AAAA`,
      `command="/bin/sh" ${good}`,
      `from="*" ${good}`,
      publicKeyLine("ssh-dss"),
      publicKeyLine("ssh-ed25519", "me", "ssh-rsa"),
      "ssh-ed25519 not-base64!!",
      "ssh-ed25519",
      "",
    ];
    for (const publicKey of hostile) await expectRefused(request("ssh-enable", { publicKey }), "bad_arguments");
    expect(existsSync(box.sshKeysFile)).toBe(false);
    expect(existsSync(box.sshdConfigFile)).toBe(false);
  });
});

describe("Samba accounts", () => {
  test("a new account: a no-login system user in the Samba group, the share link, the password on stdin only", async () => {
    const { answer } = await run(request("samba-set-password", { user: "alice-7", person: "alice", password: PASSWORD }));
    expect(answer).toEqual({ ok: true });
    // No cozy-smb group on the test machine: the helper makes it first.
    expect(box.calls()).toEqual([
      "groupadd [--system] [cozy-smb]",
      "useradd [--system] [--gid] [cozy-smb] [--no-create-home] [--home-dir] [/nonexistent] [--shell] [/usr/sbin/nologin] [--comment] [CozyBox SMB] [alice-7]",
      "smbpasswd [-s] [-a] [alice-7]",
      "smbcontrol [smbd] [reload-config]",
    ]);
    expect(box.calls().join("\n")).not.toContain(PASSWORD);
    expect(box.smbpasswdInput()).toBe(`${PASSWORD}\n${PASSWORD}\n`);
    expect(readlinkSync(join(box.smbRootsDir, "alice-7"))).toBe(join(box.filesDir, "alice"));
  });

  test("the one share: each account opens its own link, only the Samba group, as the appliance's user", async () => {
    await run(request("samba-set-password", { user: "alice-7", person: "alice", password: PASSWORD }));
    const shares = readFileSync(box.smbSharesFile, "utf8");
    expect(shares).toContain("[cozy]\n");
    expect(shares).toContain(`   path = ${box.smbRootsDir}/%U\n`);
    expect(shares).toContain("   valid users = @cozy-smb\n");
    expect(shares).toContain("   force user = cozy\n");
    expect(shares).toContain("   guest ok = no\n");
    // Unchanged on the next computer: no rewrite, no reload.
    const before = box.calls().length;
    await run(request("samba-set-password", { user: "alice-8", person: "alice", password: PASSWORD }));
    expect(box.calls().slice(before).some((call) => call.startsWith("smbcontrol"))).toBe(false);
  });

  test("system accounts (root, daemon, nobody) are never touched, whatever is asked", async () => {
    for (const user of ["root", "daemon", "nobody"]) {
      await expectRefused(request("samba-set-password", { user, person: "alice", password: PASSWORD }), "not_managed");
      await expectRefused(request("samba-remove-user", { user }), "not_managed");
    }
  });

  test("an account already in the Samba group gets its password replaced without a new user", async () => {
    // nobody's primary group is nogroup: with that as the Samba group, nobody is a "managed" account here.
    const managed = makeHelperSandbox({ COZY_SMB_GROUP: "nogroup" });
    try {
      const set = await runHelper(request("samba-set-password", { user: "nobody", person: "alice", password: PASSWORD }), managed.env);
      expect(set.answer).toEqual({ ok: true });
      expect(managed.calls()).toEqual(["smbpasswd [-s] [-a] [nobody]", "smbcontrol [smbd] [reload-config]"]);
      const removed = await runHelper(request("samba-remove-user", { user: "nobody" }), managed.env);
      expect(removed.answer).toEqual({ ok: true });
      expect(managed.calls().slice(2)).toEqual(["smbpasswd [-x] [nobody]", "userdel [nobody]"]);
      expect(existsSync(join(managed.smbRootsDir, "nobody"))).toBe(false);
    } finally {
      managed.dispose();
    }
  });

  test("removing an account that no longer exists succeeds (revocation is idempotent)", async () => {
    const { answer } = await run(request("samba-remove-user", { user: "alice-404" }));
    expect(answer).toEqual({ ok: true });
    expect(box.calls()).toEqual(["smbpasswd [-x] [alice-404]"]);
  });
});

describe("SSH", () => {
  test("on: the one key in a root-owned file, sshd keys-only for one account, sshd enabled and reloaded", async () => {
    const key = publicKeyLine("ssh-ed25519", "alice@laptop");
    expect((await run(request("ssh-enable", { publicKey: `  ${key}  ` }))).answer).toEqual({ ok: true });
    expect(readFileSync(box.sshKeysFile, "utf8")).toBe(`${key}\n`);
    const sshd = readFileSync(box.sshdConfigFile, "utf8");
    expect(sshd).toContain("PasswordAuthentication no\n");
    expect(sshd).toContain("KbdInteractiveAuthentication no\n");
    expect(sshd).toContain("PermitRootLogin no\n");
    expect(sshd).toContain("AllowUsers cozy-admin\n");
    expect(sshd).toContain(`AuthorizedKeysFile ${box.sshKeysFile}\n`);
    expect(box.calls()).toEqual(["systemctl [enable] [ssh.service]", "systemctl [reload-or-restart] [ssh.service]"]);
    expect((await run(request("ssh-status"))).answer).toEqual({ ok: true, output: key });
  });

  test("ECDSA and RSA keys are accepted too", async () => {
    for (const type of ["ecdsa-sha2-nistp256", "ssh-rsa"]) {
      expect((await run(request("ssh-enable", { publicKey: publicKeyLine(type, "") }))).answer).toEqual({ ok: true });
    }
  });

  test("off: the key is gone and sshd is disabled and stopped", async () => {
    await run(request("ssh-enable", { publicKey: publicKeyLine() }));
    expect((await run(request("ssh-disable"))).answer).toEqual({ ok: true });
    expect(existsSync(box.sshKeysFile)).toBe(false);
    expect(box.calls().at(-1)).toBe("systemctl [disable] [--now] [ssh.service]");
    expect((await run(request("ssh-status"))).answer).toEqual({ ok: true, output: "" });
  });
});

describe("host name and power", () => {
  test("set-hostname renames the host, its 127.0.1.1 line, and tells avahi", async () => {
    expect((await run(request("set-hostname", { name: "cozy-kitchen" }))).answer).toEqual({ ok: true });
    expect(readFileSync(box.hostsFile, "utf8")).toBe("127.0.0.1\tlocalhost\n127.0.1.1\tcozy-kitchen\n\n::1\tlocalhost ip6-localhost\n");
    expect(box.calls()).toEqual([
      "hostnamectl [set-hostname] [cozy-kitchen]",
      "busctl [--system] [call] [org.freedesktop.Avahi] [/] [org.freedesktop.Avahi.Server] [SetHostName] [s] [cozy-kitchen]",
    ]);
  });

  test("mdns-hostname answers avahi's name as it is after a collision", async () => {
    expect((await run(request("mdns-hostname"))).answer).toEqual({ ok: true, output: "cozy-2.local" });
  });

  test("reboot and poweroff go through systemd", async () => {
    expect((await run(request("reboot"))).answer).toEqual({ ok: true });
    expect((await run(request("poweroff", {}))).answer).toEqual({ ok: true });
    expect(box.calls()).toEqual(["systemctl [reboot]", "systemctl [poweroff]"]);
  });

  test("a missing system program is a clear refusal, not a crash", async () => {
    const { answer } = await runHelper(request("reboot"), { ...box.env, PATH: "/nonexistent" });
    expect(answer).toEqual({ ok: false, error: { code: "missing_program", message: "systemctl is not installed." } });
  });
});
