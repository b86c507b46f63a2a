// Every command-line tool checks its arguments before it does anything: a wrong one is named on
// stderr with the tool's usage, and the tool exits 2 without starting a service or a grading.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { childEnvironment } from "../lib/env";

const ROOT = path.resolve(import.meta.dirname, "..");

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
      cwd: ROOT,
      // `npm run grade` refuses to start with the signing key, which the test runner's environment has.
      env: childEnvironment({ GRADIENT_TOKEN: undefined, SIGNING_KEY: undefined, SIGNING_KEY_FILE: undefined }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const CASES: Array<{ script: string; args: string[]; problem: RegExp; usage: RegExp }> = [
  { script: "scripts/start.ts", args: ["now"], problem: /Unexpected argument 'now'/, usage: /usage: npm start/ },
  {
    script: "scripts/migrate.ts",
    args: ["--force"],
    problem: /Unknown option '--force'/,
    usage: /usage: .*npm run db:migrate/,
  },
  {
    script: "scripts/test.ts",
    args: ["unit", "--grep", "x"],
    problem: /Unknown option '--grep'/,
    usage: /usage: npm test -- \[lint\] \[typecheck\]/,
  },
  {
    script: "scripts/bench.ts",
    args: ["--rounds=0"],
    problem: /--rounds must be at least 1/,
    usage: /usage: npm run bench --/,
  },
  {
    script: "scripts/bench-load.ts",
    args: ["--learners", "many"],
    problem: /--learners must be a whole number/,
    usage: /usage: npm run bench:load --/,
  },
  {
    script: "scripts/verify.ts",
    args: ["cert.jwt", "--issuer", "not a url"],
    problem: /--issuer must be the issuer's address/,
    usage: /usage: npm run verify --/,
  },
  {
    script: "scripts/submit.ts",
    args: ["--assignment", "linear-regression"],
    problem: /--file is missing/,
    usage: /Usage: npm run submit --/,
  },
  {
    script: "scripts/grade.ts",
    args: ["--assignment", "linear-regression", "--file", "model.js", "--seed", "one"],
    problem: /--seed must be a whole number/,
    usage: /usage: npm run grade --/,
  },
];

describe("command-line tools", () => {
  for (const { script, args, problem, usage } of CASES) {
    it(`${script} ${args.join(" ")}: names the problem, shows the usage, exits 2`, async () => {
      const result = await run(script, args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, problem);
      assert.match(result.stderr, usage);
    });
  }

  it("--help prints the usage on stdout and exits 0", async () => {
    const result = await run("scripts/bench-load.ts", ["--help"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^usage: npm run bench:load --/);
  });
});
