// Stands in for a grader worker that gets SIGKILLed mid-run: it starts an endless sandboxed run
// and reports when the submission is running, so the test can kill it at that point.
import path from "node:path";
import { runSandboxed } from "../run-sandboxed";

const [codeDir = "/code"] = process.argv.slice(2);

void runSandboxed(
  {
    entry: `${codeDir}/loop-async.js`,
    binds: [{ source: path.join(__dirname), target: codeDir }],
    memoryBytes: 256 * 2 ** 20,
    maxProcesses: 64,
    wallSeconds: 120,
    outputLimitBytes: 2 ** 20,
  },
  (stream, line) => {
    if (stream === "stdout") console.log(`running ${line}`);
  },
);
