// Runs the privileged helper as the separate program it is (as systemd does,
// one process per request), with the system programs that would CHANGE THIS
// MACHINE (create or delete Unix accounts, set Samba passwords, rename the
// host, start sshd, reboot) replaced by recording stand-ins on PATH.
// Read-only programs (getent) stay the real ones.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const HELPER_ENTRY = resolve(import.meta.dir, "../../appliance/src/privileged/helper.ts");

/** Programs replaced, and why each would otherwise change the machine running the tests. */
const RECORDED = {
  groupadd: "creates a Unix group",
  useradd: "creates a Unix account",
  userdel: "deletes a Unix account",
  smbpasswd: "writes Samba's password database",
  smbcontrol: "reloads this machine's Samba",
  hostnamectl: "renames this machine",
  systemctl: "starts sshd, reboots, powers off",
  // Also stands in for avahi's D-Bus API, which no avahi answers here: SetHostName would rename this machine on the LAN.
  busctl: "talks to avahi (SetHostName renames this machine on the LAN)",
} as const;

export interface HelperSandbox {
  root: string;
  filesDir: string;
  smbRootsDir: string;
  sshKeysFile: string;
  sshdConfigFile: string;
  smbSharesFile: string;
  hostsFile: string;
  env: Record<string, string>;
  /** Each recorded call as "program [arg] [arg]...", in order. */
  calls(): string[];
  /** What smbpasswd read on its standard input, if it ran. */
  smbpasswdInput(): string | null;
  dispose(): void;
}

function recorder(record: string): string {
  return [
    "#!/bin/sh",
    'name=$(basename "$0")',
    `{ printf '%s' "$name"; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'; } >> '${record}'`,
    `if [ "$name" = smbpasswd ]; then cat > '${record}.stdin'; fi`,
    // avahi after a name collision: the box's second CozyBox on this network.
    `if [ "$name" = busctl ] && [ "$6" = GetHostNameFqdn ]; then echo 's "cozy-2.local"'; fi`,
    "exit 0",
    "",
  ].join("\n");
}

export function makeHelperSandbox(extraEnv: Record<string, string> = {}): HelperSandbox {
  const root = mkdtempSync(join(tmpdir(), "cozy-privileged-"));
  const bin = join(root, "bin");
  const record = join(root, "calls.log");
  mkdirSync(bin);
  for (const program of Object.keys(RECORDED)) {
    writeFileSync(join(bin, program), recorder(record));
    chmodSync(join(bin, program), 0o755);
  }
  const dataDir = join(root, "data");
  mkdirSync(join(dataDir, "files", "alice"), { recursive: true });
  const sandbox = {
    root,
    filesDir: join(dataDir, "files"),
    smbRootsDir: join(root, "smb"),
    sshKeysFile: join(root, "etc/cozy/ssh/authorized_keys"),
    sshdConfigFile: join(root, "etc/ssh/sshd_config.d/cozy.conf"),
    smbSharesFile: join(root, "samba/shares.conf"),
    hostsFile: join(root, "etc/hosts"),
  };
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(sandbox.hostsFile, "127.0.0.1\tlocalhost\n127.0.1.1\tcozy\n\n::1\tlocalhost ip6-localhost\n");
  const env = {
    PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin`,
    COZY_DATA_DIR: dataDir,
    COZY_SMB_ROOTS_DIR: sandbox.smbRootsDir,
    COZY_SSH_KEYS_FILE: sandbox.sshKeysFile,
    COZY_SSHD_CONFIG_FILE: sandbox.sshdConfigFile,
    COZY_SMB_SHARES_FILE: sandbox.smbSharesFile,
    COZY_HOSTS_FILE: sandbox.hostsFile,
    ...extraEnv,
  };
  const read = (path: string) => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return null;
    }
  };
  return {
    ...sandbox,
    env,
    calls: () => (read(record) ?? "").split("\n").filter(Boolean),
    smbpasswdInput: () => read(`${record}.stdin`),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface HelperRun {
  answer: { ok: boolean; output?: string; error?: { code: string; message: string } };
  raw: string;
  exitCode: number;
}

/** One request, as bytes written to the helper's standard input. */
export async function runHelper(input: string | Uint8Array, env: Record<string, string>): Promise<HelperRun> {
  const child = Bun.spawn([process.execPath, HELPER_ENTRY], { stdin: new Blob([input as BlobPart]), stdout: "pipe", stderr: "pipe", env });
  const [raw, , exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { answer: JSON.parse(raw.trim() || "{}"), raw, exitCode };
}

export function request(command: string, args?: Record<string, unknown>): string {
  return `${JSON.stringify(args === undefined ? { command } : { command, args })}\n`;
}

/** An SSH public key line of the given type with a structurally valid blob (type string, then key bytes). */
export function publicKeyLine(type = "ssh-ed25519", comment = "alice@laptop", blobType = type): string {
  const name = Buffer.from(blobType);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  const keyBytes = Buffer.alloc(36, 7);
  keyBytes.writeUInt32BE(32);
  const blob = Buffer.concat([length, name, keyBytes]).toString("base64");
  return comment ? `${type} ${blob} ${comment}` : `${type} ${blob}`;
}

export interface SocketHelper {
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * The helper behind a real Unix socket, started per connection the way
 * systemd does on the image (cozy-privileged.socket, Accept=yes,
 * StandardInput=socket): systemd's own systemd-socket-activate, --inetd.
 */
export async function startSocketHelper(sandbox: HelperSandbox): Promise<SocketHelper> {
  const socketPath = join(sandbox.root, "privileged.sock");
  const setenv = Object.entries(sandbox.env).flatMap(([name, value]) => ["-E", `${name}=${value}`]);
  const child = Bun.spawn(["systemd-socket-activate", "-l", socketPath, "--accept", "--inetd", ...setenv, process.execPath, HELPER_ENTRY], {
    stdout: "ignore",
    stderr: "pipe",
  });
  const reader = child.stderr.getReader();
  let said = "";
  while (!said.includes("Listening on")) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`systemd-socket-activate did not start: ${said}`);
    said += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  void child.stderr.pipeTo(new WritableStream());
  return {
    socketPath,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

/** The helper behind a real socket, in its own sandbox; `stop` ends both. */
export interface SandboxedHelper {
  sandbox: HelperSandbox;
  helper: SocketHelper;
  stop(): Promise<void>;
}

export async function startSandboxedHelper(): Promise<SandboxedHelper> {
  const sandbox = makeHelperSandbox();
  const helper = await startSocketHelper(sandbox);
  return {
    sandbox,
    helper,
    async stop() {
      await helper.stop();
      sandbox.dispose();
    },
  };
}
