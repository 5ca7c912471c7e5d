// The settings issue 6 added: the helper's socket, who advertises the box
// over mDNS, the helper's own paths; and the Samba account names derived
// from people's names.
import { describe, expect, test } from "bun:test";
import { smbAccountName } from "../../appliance/src/auth";
import { ConfigError, loadConfig, loadHelperConfig } from "../../appliance/src/config";
import { SAMBA_USER_PATTERN } from "../../appliance/src/privileged";
import { withHostLine } from "../../appliance/src/privileged/host-commands";

function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error("accepted");
}

describe("the appliance's settings", () => {
  test("no privileged socket by default (a developer's machine); an absolute path when set", () => {
    expect(loadConfig({}).privilegedSocket).toBeNull();
    expect(loadConfig({ COZY_PRIVILEGED_SOCKET: "/run/cozy/privileged.sock" }).privilegedSocket).toBe("/run/cozy/privileged.sock");
    expect(refusal(() => loadConfig({ COZY_PRIVILEGED_SOCKET: "run/cozy.sock" }))).toBe("COZY_PRIVILEGED_SOCKET");
  });

  test("COZY_MDNS: embedded, avahi, or off (and its usual spellings); anything else is refused", () => {
    expect(loadConfig({ COZY_MDNS: "embedded" }).mdns).toBe("embedded");
    expect(loadConfig({ COZY_MDNS: "AVAHI" }).mdns).toBe("avahi");
    for (const off of ["off", "0", "false", "no"]) expect(loadConfig({ COZY_MDNS: off }).mdns).toBe("off");
    expect(refusal(() => loadConfig({ COZY_MDNS: "bonjour" }))).toBe("COZY_MDNS");
  });

  test("the advertised instance name is free text up to 63 bytes, without control characters", () => {
    expect(loadConfig({}).mdnsName).toBe("CozyBox");
    expect(loadConfig({ COZY_MDNS_NAME: "Box à Émilie" }).mdnsName).toBe("Box à Émilie");
    expect(refusal(() => loadConfig({ COZY_MDNS_NAME: "é".repeat(32) }))).toBe("COZY_MDNS_NAME");
    expect(refusal(() => loadConfig({ COZY_MDNS_NAME: "a\nb" }))).toBe("COZY_MDNS_NAME");
  });

  test("COZY_MDNS_INTERFACES is a list of interface names", () => {
    expect(loadConfig({}).mdnsInterfaces).toEqual([]);
    expect(loadConfig({ COZY_MDNS_INTERFACES: "eth0, wlan0" }).mdnsInterfaces).toEqual(["eth0", "wlan0"]);
    expect(refusal(() => loadConfig({ COZY_MDNS_INTERFACES: "eth0;reboot" }))).toBe("COZY_MDNS_INTERFACES");
  });
});

describe("the privileged helper's settings", () => {
  test("defaults match the image's layout", () => {
    const config = loadHelperConfig({ COZY_DATA_DIR: "/var/lib/cozy/data" });
    expect(config).toEqual({
      filesDir: "/var/lib/cozy/data/files",
      smbRootsDir: "/var/lib/cozy/smb",
      smbGroup: "cozy-smb",
      smbSharesFile: "/var/lib/cozy/samba/shares.conf",
      smbForceUser: "cozy",
      sshUser: "cozy-admin",
      sshKeysFile: "/etc/cozy/ssh/authorized_keys",
      sshdConfigFile: "/etc/ssh/sshd_config.d/cozy.conf",
      hostsFile: "/etc/hosts",
    });
  });

  test("relative paths and odd account names are refused", () => {
    expect(refusal(() => loadHelperConfig({ COZY_SMB_ROOTS_DIR: "smb" }))).toBe("COZY_SMB_ROOTS_DIR");
    expect(refusal(() => loadHelperConfig({ COZY_SSH_USER: "root;id" }))).toBe("COZY_SSH_USER");
  });
});

describe("Samba account names", () => {
  test("person, dash, the password's id: always a valid Unix account name", () => {
    expect(smbAccountName("alice", 7)).toBe("alice-7");
    expect(smbAccountName("jean.pierre", 12)).toBe("jean-pierre-12");
    expect(smbAccountName("2pac", 3)).toBe("pac-3");
    expect(smbAccountName("007", 3)).toBe("user-3");
    expect(smbAccountName("a".repeat(32), 123_456_789)).toBe(`${"a".repeat(20)}-123456789`);
    for (const name of ["alice", "jean.pierre", "2pac", "007", "_x", "a-", "a".repeat(32), "x.y.z"]) {
      expect(smbAccountName(name, 999_999)).toMatch(SAMBA_USER_PATTERN);
    }
  });
});

describe("the hosts file after a rename", () => {
  test("the 127.0.1.1 line is replaced, or added when there is none; other lines stay", () => {
    expect(withHostLine("127.0.0.1\tlocalhost\n127.0.1.1\tcozy.home cozy\n", "den")).toBe("127.0.0.1\tlocalhost\n127.0.1.1\tden\n");
    expect(withHostLine("127.0.0.1\tlocalhost", "den")).toBe("127.0.0.1\tlocalhost\n127.0.1.1\tden\n");
    expect(withHostLine("127.0.0.1 localhost\n# 127.0.1.1 old\n", "den")).toBe("127.0.0.1 localhost\n# 127.0.1.1 old\n127.0.1.1\tden\n");
  });
});
