import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig } from "../../appliance/src/config";

const CHECKOUT = resolve(import.meta.dir, "../..");

function errorFrom(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig defaults", () => {
  const config = loadConfig({});

  test("listens on port 8080 on every interface", () => {
    expect(config.port).toBe(8080);
    expect(config.host).toBe("0.0.0.0");
  });

  test("keeps its data in .data inside the checkout", () => {
    expect(config.dataDir).toBe(join(CHECKOUT, ".data"));
  });

  test("trusts no proxy, adds no host names, logs at info, sessions 14 idle / 90 max days", () => {
    expect(config.trustProxy).toBe(false);
    expect(config.publicHostnames).toEqual([]);
    expect(config.logLevel).toBe("info");
    expect(config.sessionIdleDays).toBe(14);
    expect(config.sessionMaxDays).toBe(90);
  });

  test("ignores unrelated variables, so the real process.env is a valid input", () => {
    expect(() => loadConfig({ PATH: "/usr/bin", HOME: "/root", COZY_UNKNOWN: "x" })).not.toThrow();
  });
});

describe("loadConfig reads valid values", () => {
  test("port, data dir, log level, proxy trust and session lengths", () => {
    const config = loadConfig({
      COZY_PORT: " 9000 ",
      COZY_DATA_DIR: "/srv/cozy",
      COZY_LOG_LEVEL: "DEBUG",
      COZY_TRUST_PROXY: "yes",
      COZY_SESSION_IDLE_DAYS: "7",
      COZY_SESSION_MAX_DAYS: "7",
    });
    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe("/srv/cozy");
    expect(config.logLevel).toBe("debug");
    expect(config.trustProxy).toBe(true);
    expect(config.sessionIdleDays).toBe(7);
    expect(config.sessionMaxDays).toBe(7);
  });

  test("public host names are trimmed and lower-cased", () => {
    const config = loadConfig({ COZY_PUBLIC_HOSTNAMES: " Box.Example.NET , cozy.home,," });
    expect(config.publicHostnames).toEqual(["box.example.net", "cozy.home"]);
  });

  test("port 0 (any free port) is accepted, as the tests rely on it", () => {
    expect(loadConfig({ COZY_PORT: "0" }).port).toBe(0);
  });

  test("a relative data dir is made absolute", () => {
    expect(loadConfig({ COZY_DATA_DIR: "some/where" }).dataDir).toBe(resolve("some/where"));
  });
});

describe("loadConfig refuses bad values with a ConfigError naming the variable", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a port that is not a number", { COZY_PORT: "abc" }, "COZY_PORT"],
    ["a port above 65535", { COZY_PORT: "70000" }, "COZY_PORT"],
    ["a negative port", { COZY_PORT: "-1" }, "COZY_PORT"],
    ["an unknown log level", { COZY_LOG_LEVEL: "loud" }, "COZY_LOG_LEVEL"],
    ["a host name with a space and !", { COZY_PUBLIC_HOSTNAMES: "cozy.home,bad host!" }, "COZY_PUBLIC_HOSTNAMES"],
    ["a proxy flag that is neither true nor false", { COZY_TRUST_PROXY: "maybe" }, "COZY_TRUST_PROXY"],
    [
      "a maximum session length shorter than the idle one",
      { COZY_SESSION_IDLE_DAYS: "30", COZY_SESSION_MAX_DAYS: "10" },
      "COZY_SESSION_MAX_DAYS",
    ],
    ["an idle length of zero days", { COZY_SESSION_IDLE_DAYS: "0" }, "COZY_SESSION_IDLE_DAYS"],
    ["a listen address with a slash", { COZY_HOST: "0.0.0.0/0" }, "COZY_HOST"],
    ["a data dir with a NUL", { COZY_DATA_DIR: "/srv/co\0zy" }, "COZY_DATA_DIR"],
  ];

  for (const [what, env, variable] of cases) {
    test(`${what} (${variable})`, () => {
      const error = errorFrom(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(variable);
    });
  }

  test("the message quotes the bad value so the person can find it", () => {
    expect(errorFrom({ COZY_LOG_LEVEL: "loud" }).message).toContain('"loud"');
    expect(errorFrom({ COZY_PUBLIC_HOSTNAMES: "bad host!" }).message).toContain("bad host!");
  });
});

describe("the loaded config is frozen", () => {
  test("its fields cannot be changed after start", () => {
    const config = loadConfig({ COZY_PUBLIC_HOSTNAMES: "cozy.home" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(config.port).toBe(8080);
  });

  test("the host name list cannot be extended", () => {
    const config = loadConfig({ COZY_PUBLIC_HOSTNAMES: "cozy.home" });
    expect(() => (config.publicHostnames as string[]).push("evil.example")).toThrow(TypeError);
    expect(config.publicHostnames).toEqual(["cozy.home"]);
  });
});
