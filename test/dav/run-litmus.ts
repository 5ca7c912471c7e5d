// Runs litmus, the WebDAV server test suite (Debian package "litmus"), against
// a real appliance: real HTTP on a free port, a real libsql file, real files.
// The owner signs in over WebDAV with an app password, as a phone would.
//
//   bun test/dav/run-litmus.ts          prints litmus's output, exits 1 on any FAIL
//
// test/integration/dav-litmus.test.ts runs the same through `bun test`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OWNER, setupOwner, startTestAppliance } from "../helpers/appliance";

export const LITMUS_SUITES = ["basic", "copymove", "props", "locks", "http"] as const;

export interface SuiteResult {
  suite: string;
  run: number;
  passed: number;
  failed: number;
  warnings: string[];
  failures: string[];
}

export interface LitmusRun {
  exitCode: number;
  output: string;
  suites: SuiteResult[];
}

/** Reads litmus's report: "-> running `basic':", test lines, "<- summary for `basic': of 16 tests run: 16 passed, 0 failed. 100.0%". */
export function parseLitmus(output: string): SuiteResult[] {
  const suites: SuiteResult[] = [];
  let current: SuiteResult | null = null;
  for (const line of output.split("\n")) {
    const start = /^-> running `([^']+)'/.exec(line);
    if (start?.[1]) current = { suite: start[1], run: 0, passed: 0, failed: 0, warnings: [], failures: [] };
    if (!current) continue;
    if (/WARNING:/.test(line)) current.warnings.push(line.trim());
    if (/\bFAIL\b/.test(line)) current.failures.push(line.trim());
    const summary = /^<- summary for `[^']+': of (\d+) tests run: (\d+) passed, (\d+) failed/.exec(line);
    if (summary) {
      Object.assign(current, { run: Number(summary[1]), passed: Number(summary[2]), failed: Number(summary[3]) });
      suites.push(current);
      current = null;
    }
  }
  return suites;
}

export async function runLitmus(suites: readonly string[] = LITMUS_SUITES): Promise<LitmusRun> {
  const litmus = Bun.which("litmus");
  if (!litmus) throw new Error("litmus is not installed (apt-get install litmus)");
  const box = await startTestAppliance();
  // litmus leaves debug.log and child.log in its working folder.
  const workDir = mkdtempSync(join(tmpdir(), "cozy-litmus-"));
  try {
    await setupOwner(box.base);
    const [owner] = await box.auth.people();
    if (!owner) throw new Error("no owner after setup");
    const { password } = await box.appPasswords.create(owner.id, "litmus");
    // The name in another case than at setup: WebDAV names are matched case-insensitively.
    const child = Bun.spawn([litmus, `${box.base}/dav/`, OWNER.name.toLowerCase(), password], {
      cwd: workDir,
      env: { ...process.env, TESTS: suites.join(" ") },
      stdout: "pipe",
      stderr: "pipe",
      stdin: "ignore",
    });
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const output = stdout + stderr;
    return { exitCode, output, suites: parseLitmus(output) };
  } finally {
    await box.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const result = await runLitmus();
  process.stdout.write(result.output);
  const bad = result.suites.filter((suite) => suite.failed > 0);
  const missing = LITMUS_SUITES.filter((name) => !result.suites.some((suite) => suite.suite === name));
  for (const suite of result.suites) console.log(`${suite.suite}: ${suite.passed}/${suite.run} passed, ${suite.failed} failed, ${suite.warnings.length} warnings`);
  const total = (key: "passed" | "failed") => result.suites.reduce((sum, suite) => sum + suite[key], 0);
  console.log(`litmus: ${total("passed")} passed, ${total("failed")} failed`);
  if (bad.length > 0 || missing.length > 0 || result.exitCode !== 0) {
    console.error(`litmus (exit ${result.exitCode}): failures in ${bad.map((suite) => suite.suite).join(", ") || "-"}; suites not run: ${missing.join(", ") || "-"}`);
    process.exit(1);
  }
}
