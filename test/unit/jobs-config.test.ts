import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../../appliance/src/config";

describe("COZY_JOBS_MAX_TEMP_C", () => {
  test("heavy work pauses at 80 °C unless told otherwise", () => {
    expect(loadConfig({}).jobsMaxTempC).toBe(80);
    expect(loadConfig({ COZY_JOBS_MAX_TEMP_C: "70" }).jobsMaxTempC).toBe(70);
  });

  test("a value that is not a sensible temperature stops the start with a clear message", () => {
    for (const value of ["hot", "-5", "75.5", "20", "150"]) {
      expect(() => loadConfig({ COZY_JOBS_MAX_TEMP_C: value })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ COZY_JOBS_MAX_TEMP_C: "150" })).toThrow("COZY_JOBS_MAX_TEMP_C must be between 40 and 110, got 150");
  });
});
