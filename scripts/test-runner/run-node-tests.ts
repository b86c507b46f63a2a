// The unit phase's process: node's test runner over the given files, its spec report on stdout,
// and one JSON line per finished test or suite in the records file (node-test-results.ts reads
// them). The runner's events name the file of every test, which TAP does not for a skipped one,
// and a suite skipped as a whole; a reporter module cannot be TypeScript on Node 20, hence run().
// Usage: tsx scripts/test-runner/run-node-tests.ts <records file> <test file>...
import fs from "node:fs";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { z } from "zod";
import type { NodeTestRecord } from "./node-test-results";

const ArgsSchema = z
  .tuple([z.string().min(1)], z.string().min(1))
  .refine((args) => args.length >= 2, "usage: run-node-tests.ts <records file> <test file>...");

/** The reason given, "" for none, or null when the option was not set. */
function reasonOf(value: string | boolean | undefined): string | null {
  if (value === undefined || value === false) return null;
  return value === true ? "" : value;
}

function messageOf(error: Error): string {
  // The runner wraps a test's own error as the cause of its ERR_TEST_FAILURE.
  return error.cause instanceof Error ? error.cause.message : error.message;
}

const failureTypeOf = (error: Error): string | null =>
  "failureType" in error && typeof error.failureType === "string" ? error.failureType : null;

const [recordsFile, ...files] = ArgsSchema.parse(process.argv.slice(2));
const records = fs.openSync(recordsFile, "w");
const write = (record: NodeTestRecord) => fs.writeSync(records, `${JSON.stringify(record)}\n`);
let hasFailure = false;

const stream = run({ files, concurrency: true });
stream.on("test:pass", (data) =>
  write({
    outcome: "pass",
    name: data.name,
    file: data.file ?? null,
    isSuite: data.details.type === "suite",
    skip: reasonOf(data.skip),
    todo: reasonOf(data.todo),
    failureType: null,
    message: null,
  }),
);
stream.on("test:fail", (data) => {
  hasFailure = true;
  write({
    outcome: "fail",
    name: data.name,
    file: data.file ?? null,
    isSuite: data.details.type === "suite",
    skip: reasonOf(data.skip),
    todo: reasonOf(data.todo),
    failureType: failureTypeOf(data.details.error),
    message: messageOf(data.details.error),
  });
});
stream.pipe(new spec()).pipe(process.stdout);
stream.once("end", () => {
  fs.closeSync(records);
  process.exitCode = hasFailure ? 1 : 0;
});
