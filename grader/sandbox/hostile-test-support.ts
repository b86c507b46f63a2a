// What the hostile sandbox tests read back from a fixture's run: the JSON line it prints last, and
// whether each attempt in it was refused. Shared by hostile.test.ts and hostile-addons.test.ts.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { SandboxResult } from "./run-sandboxed";

/** The fixture's last stdout line, parsed; the run's output is in the message when it is not JSON. */
export function lastJson(result: SandboxResult): Record<string, unknown> {
  const line = result.stdout.trim().split("\n").pop() ?? "";
  assert.doesNotThrow(
    () => JSON.parse(line),
    `expected a JSON line, got stdout ${result.stdout} stderr ${result.stderr}`,
  );
  return JSON.parse(line) as Record<string, unknown>;
}

/** Each attempt the fixture reported must have failed ("err: ..."). */
export function assertAllRefused(results: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(results)) {
    assert.ok(typeof value === "string" && value.startsWith("err:"), `${name} should have failed: ${String(value)}`);
  }
}

/** Processes of this test run still alive: their command line names the run's mount point. */
export function leftoverProcesses(codeDir: string): string[] {
  return fs.readdirSync("/proc").flatMap((pid) => {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return [];
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      return cmdline.includes(codeDir) ? [`${pid}: ${cmdline}`] : [];
    } catch {
      return [];
    }
  });
}

/** lastJson, for fixtures that report every attempt as a line of text. */
export function lastJsonStrings(result: SandboxResult): Record<string, string> {
  const parsed = lastJson(result);
  for (const [name, value] of Object.entries(parsed)) assert.equal(typeof value, "string", `${name}: ${String(value)}`);
  return parsed as Record<string, string>;
}
