// Reads the lines node-test-reporter.ts wrote and counts them. A test or suite that skipped itself
// (skip, todo) is counted as skipped and named; so is a file that registered no test at all, the
// way a suite skipped on some machines used to vanish from the count.
import path from "node:path";
import { z } from "zod";
import type { PhaseResult } from "./phase-result";

export const NodeTestRecordSchema = z.object({
  /** test:pass or test:fail. */
  outcome: z.enum(["pass", "fail"]),
  /** The test's name; for a failure of the file itself (it did not load, a hook at its top failed), the file's path. */
  name: z.string(),
  /** Absolute path of the test file. */
  file: z.string().nullable(),
  /** A describe() block rather than a test. */
  isSuite: z.boolean(),
  /** The reason given to skip ("" when none), or null when the test was not skipped. */
  skip: z.string().nullable(),
  /** The reason given to todo ("" when none), or null. */
  todo: z.string().nullable(),
  /** The runner's failureType (testCodeFailure, hookFailed, subtestsFailed, ...) of a failure. */
  failureType: z.string().nullable(),
  /** The error's message, for a failure. */
  message: z.string().nullable(),
});
export type NodeTestRecord = z.infer<typeof NodeTestRecordSchema>;

const firstLine = (text: string) => text.split("\n", 1)[0] ?? "";

/**
 * Counts the records of a run. Each of `expectedFiles` (paths relative to `root`) that left no
 * record at all (its process died before the runner heard from it) is one failure.
 */
export function countNodeTestRecords(lines: string, root: string, expectedFiles: readonly string[]): PhaseResult {
  const result: PhaseResult = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const reportedFiles = new Set<string>();
  for (const line of lines.split("\n")) {
    if (line.trim() === "") continue;
    const record = NodeTestRecordSchema.parse(JSON.parse(line));
    if (record.file) reportedFiles.add(path.relative(root, record.file));
    const file = record.file ? path.relative(root, record.file) : "(unknown file)";
    const isFileItself = record.file !== null && path.resolve(root, record.name) === path.resolve(record.file);
    const skipReason = record.skip ?? record.todo;
    if (skipReason !== null) {
      result.skipped += 1;
      const kind = record.skip !== null ? "skip" : "todo";
      result.problems.push(`unit: SKIPPED ${file} > ${record.name} (${kind}${skipReason ? `: ${skipReason}` : ""})`);
    } else if (record.outcome === "pass") {
      // A suite's own pass is its tests' passes, counted one by one.
      if (record.isSuite) continue;
      if (isFileItself) {
        result.skipped += 1;
        result.problems.push(`unit: SKIPPED ${file}: the file registered no test`);
      } else result.passed += 1;
    } else {
      // A suite that failed only because a test in it failed is already counted by that test.
      if (record.isSuite && record.failureType === "subtestsFailed") continue;
      result.failed += 1;
      // The runner says only "test failed" of a file that did not load or exited early; its output says why.
      const message =
        isFileItself && record.message === "test failed"
          ? "did not load, or exited before its tests ended (its output is above)"
          : record.message;
      const what = isFileItself ? `${file} (the file itself)` : `${file} > ${record.name}`;
      result.problems.push(`unit: FAILED ${what}${message ? `: ${firstLine(message)}` : ""}`);
    }
  }
  for (const file of expectedFiles.filter((expected) => !reportedFiles.has(path.normalize(expected)))) {
    result.failed += 1;
    result.problems.push(`unit: FAILED ${file}: reported nothing at all`);
  }
  return result;
}
