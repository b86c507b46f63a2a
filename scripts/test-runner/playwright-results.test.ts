// Playwright's JSON report, as it writes one: a spec that did not load appears only under
// `errors`, and skipped or fixme tests only by their status; each must fail the run by name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { countPlaywrightReport, PlaywrightReportSchema } from "./playwright-results";

const ROOT = "/checkout";

const spec = (
  title: string,
  line: number,
  status: string,
  annotations: Array<{ type: string; description?: string }> = [],
  error?: string,
) => ({
  title,
  ok: status !== "unexpected",
  tags: [],
  id: `${title}-id`,
  file: "lab.spec.ts",
  line,
  column: 3,
  tests: [
    {
      status,
      annotations,
      expectedStatus: "passed",
      projectName: "",
      projectId: "",
      timeout: 60_000,
      results: error ? [{ error: { message: `\u001b[31m${error}\u001b[39m\nmore` } }] : [],
    },
  ],
});

const report = {
  config: { rootDir: `${ROOT}/e2e`, projects: [] },
  suites: [
    {
      title: "lab.spec.ts",
      file: "lab.spec.ts",
      line: 0,
      column: 0,
      specs: [spec("loads", 5, "expected")],
      suites: [
        {
          title: "a learner",
          file: "lab.spec.ts",
          line: 10,
          column: 1,
          specs: [
            spec("submits", 11, "expected"),
            spec("retries", 20, "flaky"),
            spec("is told", 30, "unexpected", [], "expect(received).toBe(expected)"),
            spec("needs a GPU", 40, "skipped", [{ type: "skip", description: "no GPU here" }]),
            spec("someday", 50, "skipped", [{ type: "fixme" }]),
          ],
        },
      ],
    },
  ],
  errors: [
    {
      message: "Error: broken at load\n    at e2e/broken.spec.ts:3",
      location: { file: `${ROOT}/e2e/broken.spec.ts`, line: 3, column: 7 },
    },
  ],
  stats: { startTime: "2026-12-06T00:00:00.000Z", duration: 1, expected: 3, unexpected: 1, flaky: 1, skipped: 2 },
};

test("counts passes, failures, skips and specs that did not load, naming each", () => {
  const result = countPlaywrightReport(PlaywrightReportSchema.parse(report), ROOT);
  assert.deepEqual(
    { passed: result.passed, failed: result.failed, skipped: result.skipped },
    { passed: 3, failed: 2, skipped: 2 },
  );
  assert.deepEqual(result.problems, [
    "e2e: DID NOT LOAD e2e/broken.spec.ts:3: Error: broken at load",
    "e2e: FAILED e2e/lab.spec.ts:30 > a learner > is told: expect(received).toBe(expected)",
    "e2e: SKIPPED e2e/lab.spec.ts:40 > a learner > needs a GPU (skip: no GPU here)",
    "e2e: SKIPPED e2e/lab.spec.ts:50 > a learner > someday (fixme)",
  ]);
});

test("an error outside any spec (a global set-up that threw) is a failure too", () => {
  const result = countPlaywrightReport(
    PlaywrightReportSchema.parse({ ...report, suites: [], errors: [{ message: "Error: globalSetup failed" }] }),
    ROOT,
  );
  assert.deepEqual(result, {
    passed: 0,
    failed: 1,
    skipped: 0,
    problems: ["e2e: DID NOT LOAD outside any spec: Error: globalSetup failed"],
  });
});
