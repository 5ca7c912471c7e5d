// How a person's paths are read: one spelling per path (NFC, single slashes),
// no spelling that climbs out of their folder, and free names for copies.
import { describe, expect, test } from "bun:test";
import { sep } from "node:path";
import { alternativeName, InvalidPathError, normalizePath, toDiskPath, validateName } from "../../appliance/src/files/paths";

const NFD_E = "e\u0301"; // "é" as macOS sends it
const NFC_E = "\u00e9";

function refusal(run: () => unknown): InvalidPathError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPathError);
    const refused = error as InvalidPathError;
    expect(refused.status).toBe(400);
    expect(refused.code).toBe("invalid_path");
    expect(refused.message.length).toBeGreaterThan(0);
    return refused;
  }
  throw new Error("expected the path to be refused");
}

describe("normalizePath: one spelling per path", () => {
  test("an NFD name (as macOS sends it) becomes NFC, so both spellings are the same file", () => {
    const fromMac = normalizePath(`/Photos/${NFD_E}t${NFD_E}.jpg`);
    expect(fromMac).toBe(`/Photos/${NFC_E}t${NFC_E}.jpg`);
    expect(fromMac).toBe(normalizePath(`/Photos/${NFC_E}t${NFC_E}.jpg`));
    expect(validateName(`caf${NFD_E}`)).toBe(`caf${NFC_E}`);
  });

  test('doubled and trailing slashes collapse: "//a//b/" is "/a/b"', () => {
    expect(normalizePath("//a//b/")).toBe("/a/b");
    expect(normalizePath("a/b")).toBe("/a/b");
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("///")).toBe("/");
  });

  test("names keep their spaces, dots inside, percent signs and other scripts", () => {
    expect(normalizePath("/Mes documents/rapport v1.2 (final) 100%.pdf")).toBe("/Mes documents/rapport v1.2 (final) 100%.pdf");
    expect(normalizePath("/写真/😀.png")).toBe("/写真/😀.png");
    expect(normalizePath("/.config/..hidden")).toBe("/.config/..hidden");
  });
});

describe("normalizePath: spellings that are refused", () => {
  for (const [what, raw] of [
    ['".." alone', ".."],
    ['".." at the start', "/../etc/passwd"],
    ['"a/../b"', "a/../b"],
    ['".." at the end', "/a/b/.."],
    ['"." alone', "."],
    ['"." inside', "/a/./b"],
    ["a backslash climbing out", "/a/..\\..\\etc"],
  ] as const) {
    test(`${what} is refused, not resolved`, () => {
      refusal(() => normalizePath(raw));
    });
  }

  test("a NUL character anywhere is refused", () => {
    refusal(() => normalizePath("/a\0b"));
    refusal(() => normalizePath("/notes.txt\0.jpg"));
    refusal(() => validateName("a\0"));
  });

  for (const code of [0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f]) {
    test(`control character U+${code.toString(16).padStart(4, "0")} in a name is refused`, () => {
      refusal(() => normalizePath(`/a${String.fromCharCode(code)}b.txt`));
    });
  }

  test("a name of 255 bytes is accepted, 256 bytes is refused", () => {
    expect(validateName("a".repeat(255))).toBe("a".repeat(255));
    refusal(() => validateName("a".repeat(256)));
    refusal(() => normalizePath(`/docs/${"a".repeat(256)}`));
  });

  test("multi-byte characters are counted in bytes, not characters", () => {
    // "é" is 2 bytes in UTF-8: 127 of them are 254 bytes, 128 are 256 bytes.
    expect(validateName(NFC_E.repeat(127))).toBe(NFC_E.repeat(127));
    refusal(() => validateName(NFC_E.repeat(128)));
    // 64 emoji are 64 × 4 = 256 bytes but only 128 UTF-16 units.
    refusal(() => validateName("😀".repeat(64)));
    expect(validateName("😀".repeat(63))).toBe("😀".repeat(63));
  });

  test("an NFD name is measured after NFC normalization", () => {
    // 128 NFD "é" are 384 bytes, but 256 bytes once composed: still too long.
    refusal(() => validateName(NFD_E.repeat(128)));
    // 127 NFD "é" are 381 bytes as sent, 254 once composed: accepted.
    expect(validateName(NFD_E.repeat(127))).toBe(NFC_E.repeat(127));
  });

  test("64 levels of folders are accepted, 65 are refused", () => {
    const deep = `/${Array.from({ length: 64 }, (_, i) => `d${i}`).join("/")}`;
    expect(normalizePath(deep)).toBe(deep);
    refusal(() => normalizePath(`${deep}/one-more`));
  });

  test("an empty name and a name with a slash are refused by validateName", () => {
    refusal(() => validateName(""));
    refusal(() => validateName("a/b"));
    refusal(() => validateName("a\\b"));
  });
});

describe("toDiskPath never leaves the person's folder", () => {
  const root = "/srv/cozy/files/alice";

  test("a normalized path lands inside the root", () => {
    expect(toDiskPath(root, "/")).toBe(root);
    expect(toDiskPath(root, "/Photos/a.jpg")).toBe(`${root}/Photos/a.jpg`);
    expect(toDiskPath(`${root}/`, "/b")).toBe(`${root}/b`);
  });

  for (const raw of ["/..", "/../..", "/../../etc/passwd", "../bob/secret.txt", "/a/../../bob", "/../alice-evil/x"]) {
    test(`the raw path ${JSON.stringify(raw)} is refused`, () => {
      refusal(() => toDiskPath(root, raw));
    });
  }

  test('a sibling folder that merely starts with the same letters ("alice2") is outside', () => {
    refusal(() => toDiskPath(root, "/../alice2/x"));
  });

  test("every path normalizePath accepts maps inside the root", () => {
    for (const raw of ["//a//b/", "/etc/passwd", "/.../x", "/..a/b..", `/${NFD_E}`, "/ /  /"]) {
      const disk = toDiskPath(root, normalizePath(raw));
      expect(disk === root || disk.startsWith(root + sep)).toBe(true);
    }
  });
});

describe("alternativeName: the name beside a taken one", () => {
  test('"report.pdf" → "report (2).pdf", then (3)…', () => {
    expect(alternativeName("report.pdf", 2)).toBe("report (2).pdf");
    expect(alternativeName("report.pdf", 3)).toBe("report (3).pdf");
  });

  test("a name without an extension gets the number at the end", () => {
    expect(alternativeName("README", 2)).toBe("README (2)");
    expect(alternativeName("Holidays 2024", 2)).toBe("Holidays 2024 (2)");
  });

  test('a dotfile keeps its leading dot: ".bashrc" → ".bashrc (2)"', () => {
    expect(alternativeName(".bashrc", 2)).toBe(".bashrc (2)");
  });

  test("only the last extension moves, and a trailing dot is not an extension", () => {
    expect(alternativeName("archive.tar.gz", 2)).toBe("archive.tar (2).gz");
    expect(alternativeName("name.", 2)).toBe("name. (2)");
  });

  test("the alternative is itself a valid name", () => {
    for (const name of ["report.pdf", ".bashrc", "README", `${NFC_E}t${NFC_E}.jpg`]) {
      const other = alternativeName(name, 2);
      expect(validateName(other)).toBe(other);
      expect(other).not.toBe(name);
    }
  });

  test("the alternative of a name already 255 bytes long still fits in 255 bytes (restoring it beside a taken place must work)", () => {
    const long = `${"a".repeat(251)}.pdf`;
    const other = alternativeName(long, 2);
    expect(other).not.toBe(long);
    expect(other.endsWith(" (2).pdf")).toBe(true);
    expect(() => validateName(other)).not.toThrow();
  });
});
