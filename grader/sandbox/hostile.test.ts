// Runs hostile submissions through the real sandbox on this machine and checks each is contained
// with the right outcome, and that nothing of any run is left behind afterwards.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { overrideEnvironmentForTest } from "@/lib/env";
import { gradeSubmission, type GradeResult } from "../pipeline/grade-submission";
import { listRunCgroups, type CgroupLayout } from "./cgroup";
import { assertAllRefused, lastJson, leftoverProcesses } from "./hostile-test-support";
import { packageBinds } from "./node-modules";
import { outputMountsUnder } from "./output-tmpfs";
import { sandboxJobsFolder } from "./reachable-binds";
import {
  probeSandbox,
  runSandboxed,
  sandboxCgroupLayout,
  type SandboxBind,
  type SandboxRequest,
  type SandboxResult,
} from "./run-sandboxed";

const FIXTURES_DIR = path.join(__dirname, "hostile-fixtures");
const REPOSITORY_DIR = path.resolve(__dirname, "..", "..");
const NODE_MODULES_DIR = path.join(REPOSITORY_DIR, "node_modules");
const MiB = 2 ** 20;
const CONTENT_DIR = path.join(REPOSITORY_DIR, "content", "courses", "ml-foundations", "assignments");
/** The training run's output folder holds at most this many files (train-in-sandbox.ts). */
const OUTPUT_FOLDER_FILES = 64;
const CAPS = { memoryBytes: 512 * MiB, maxProcesses: 64, wallSeconds: 10, outputLimitBytes: 1 * MiB };

// A secret in the grader's own environment, as the database URL and API keys would be: it must
// really be in this process's environment, for the test is that the sandbox does not pass it on.
const SECRET = `grader-secret-${randomBytes(12).toString("hex")}`;
overrideEnvironmentForTest({ GRADIENT_SANDBOX_TEST_SECRET: SECRET });
const HELD_OUT = `held-out-row-${randomBytes(12).toString("hex")}`;
// Other test runs may share this machine; a unique mount point tells this run's processes apart.
const CODE_DIR = `/code-${randomBytes(6).toString("hex")}`;

let workspace = "";
let heldOutFile = "";
let cgroupLayout: CgroupLayout | null = null;

interface Run {
  result: SandboxResult;
  lines: Array<{ stream: "stdout" | "stderr"; line: string }>;
}

function outputDir(): string {
  const dir = fs.mkdtempSync(path.join(workspace, "out-"));
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function run(
  fixture: string,
  options: { args?: string[]; binds?: SandboxBind[] } & Partial<Omit<SandboxRequest, "entry" | "args" | "binds">> = {},
): Promise<Run> {
  const lines: Run["lines"] = [];
  const { args, binds, ...caps } = options;
  const result = await runSandboxed(
    {
      ...CAPS,
      ...caps,
      entry: `${CODE_DIR}/${fixture}`,
      args,
      binds: [{ source: FIXTURES_DIR, target: CODE_DIR }, ...(binds ?? [])],
    },
    (stream, line) => lines.push({ stream, line }),
  );
  return { result, lines };
}

/** Free space on the disk the job folders are on, as the grader sees it. */
function hostFreeBytes(): number {
  const jobs = sandboxJobsFolder();
  fs.mkdirSync(jobs, { recursive: true });
  const { bavail, bsize } = fs.statfsSync(jobs);
  return bavail * bsize;
}

before(async () => {
  const probe = await probeSandbox();
  assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
  cgroupLayout = await sandboxCgroupLayout();
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-sandbox-test-"));
  // Everything is world-readable on purpose: only the sandbox may stand between it and the code.
  fs.chmodSync(workspace, 0o755);
  const heldOutDir = path.join(workspace, "held-out");
  fs.mkdirSync(heldOutDir, { mode: 0o755 });
  heldOutFile = path.join(heldOutDir, "test.csv");
  fs.writeFileSync(heldOutFile, `x,y\n${HELD_OUT},1\n`, { mode: 0o644 });
});

after(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

function leftoverCgroups(graderPid: number): string[] {
  const prefix = `run-${graderPid}-`;
  return (cgroupLayout ? listRunCgroups(cgroupLayout) : []).filter((dir) => path.basename(dir).startsWith(prefix));
}

describe("the sandbox on this machine", () => {
  afterEach(() => {
    assert.deepEqual(leftoverCgroups(process.pid), [], "a run's cgroup was left behind");
    assert.deepEqual(leftoverProcesses(CODE_DIR), [], "a sandboxed process outlived its run");
  });

  test("every isolation layer works", async () => {
    const { layers, isComplete } = await probeSandbox();
    assert.ok(isComplete);
    assert.deepEqual(
      layers.map((layer) => layer.name),
      ["bwrap", "unprivileged-user", "cgroup-memory", "cgroup-pids", "cgroup-cpu", "network-namespace", "seccomp"],
    );
  });

  test("the grader's environment is invisible: process.env, /proc/*/environ", async () => {
    const { result } = await run("read-environment.js");
    assert.equal(result.outcome, "exited", result.stderr);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), "the secret leaked");
    const found = lastJson(result) as { env: Record<string, string>; files: Record<string, string> };
    assert.deepEqual(
      Object.keys(found.env).filter((name) => name !== "PWD"),
      [],
    );
    assert.ok(Object.keys(found.files).length >= 4);
    assertAllRefused(found.files);
  });

  test("files outside the binds are unreadable: held-out split, the repository and its folder, /root, /etc/shadow", async () => {
    // What the sandbox is refused must be there to read outside it, or refusing it proves nothing.
    assert.ok(fs.readdirSync(path.dirname(REPOSITORY_DIR)).length > 0);
    assert.ok(fs.readFileSync(path.join(REPOSITORY_DIR, "package.json"), "utf8").length > 0);
    const { result } = await run("read-files.js", { args: [heldOutFile, REPOSITORY_DIR] });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes(HELD_OUT), "the held-out split leaked");
    const results = lastJson(result);
    for (const attempt of [
      `list ${REPOSITORY_DIR}`,
      `list ${path.dirname(REPOSITORY_DIR)}`,
      `read ${path.join(REPOSITORY_DIR, "package.json")}`,
    ]) {
      assert.ok(attempt in results, `the fixture did not try to ${attempt}`);
    }
    assertAllRefused(results);
  });

  test("no network: Postgres, Redis, the internet, DNS", async () => {
    const { result } = await run("network.js");
    assert.equal(result.exitCode, 0, result.stderr);
    const results = lastJson(result);
    assertAllRefused(results);
    assert.ok(result.durationMs < 8000, "connections should fail fast, not hang");
  });

  test("no other programs or threads can be started", async () => {
    const { result } = await run("spawn-processes.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.ok(!result.stdout.includes("escaped"));
    assertAllRefused(lastJson(result));
  });

  test("a fork bomb starts nothing and is killed on time", async () => {
    const { result } = await run("fork-bomb.js", { wallSeconds: 3 });
    assert.equal(result.outcome, "timeout");
    assert.deepEqual(lastJson(result), { started: 0, refused: 20000 });
  });

  test("the task cap holds even for node's own threads", async () => {
    const { result } = await run("quick-work.js", { maxProcesses: 3 });
    assert.notEqual(result.exitCode, 0, "node should not even start with 3 tasks");
    assert.match(result.stderr, /uv_thread_create/);
    assert.ok(!result.stdout.includes('"done":true'));
  });

  test("a memory bomb outside the JS heap is stopped by the cgroup", async () => {
    const { result } = await run("memory-bomb.js");
    assert.equal(result.outcome, "out_of_memory", `${result.exitCode} ${result.stderr}`);
    assert.ok(result.peakMemoryBytes !== null && result.peakMemoryBytes <= CAPS.memoryBytes);
  });

  test("a heap bomb is stopped by node's heap cap", async () => {
    const { result } = await run("heap-bomb.js");
    assert.equal(result.outcome, "out_of_memory", `${result.exitCode} ${result.stderr}`);
  });

  for (const fixture of ["loop-sync.js", "loop-async.js"]) {
    test(`an endless loop (${fixture}) is killed on the wall clock`, async () => {
      const { result } = await run(fixture, { wallSeconds: 2 });
      assert.equal(result.outcome, "timeout");
      assert.ok(result.durationMs >= 2000, `stopped after ${result.durationMs} ms, before its time was up`);
    });
  }

  test("writes land only in the output folder", async () => {
    const out = outputDir();
    const { result } = await run("write-files.js", {
      args: ["/out", CODE_DIR],
      binds: [{ source: out, target: "/out", isWritable: true }],
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const { output, "output subdir": subdir, ...elsewhere } = lastJson(result);
    assert.equal(output, "ok");
    assert.equal(subdir, "ok");
    assertAllRefused(elsewhere);
    assert.equal(fs.readFileSync(path.join(out, "result.txt"), "utf8"), "written inside");
    assert.equal(fs.readFileSync(path.join(out, "nested", "deep.txt"), "utf8"), "deep");
    assert.ok(!fs.existsSync(path.join(workspace, "escaped.txt")));
    assert.ok(!fs.existsSync(path.join(FIXTURES_DIR, "planted.js")));
    assert.ok(!fs.existsSync("/planted.txt") && !fs.existsSync("/tmp/planted.txt"));
  });

  test("flooding stdout is cut off at the output limit", async () => {
    const { result } = await run("flood.js");
    assert.equal(result.outcome, "output_limit");
    assert.ok(Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr) <= CAPS.outputLimitBytes);
  });

  test("an early exit reports its code, and output streams line by line", async () => {
    const { result, lines } = await run("exit-early.js", { stdin: "hello" });
    assert.equal(result.outcome, "exited");
    assert.equal(result.exitCode, 7);
    assert.deepEqual(lines, [
      { stream: "stdout", line: JSON.stringify({ progress: 0.5, input: "hello" }) },
      { stream: "stderr", line: "giving up" },
    ]);
  });

  test("a hostile run does not hold up a normal one next to it", async () => {
    const alone = await run("quick-work.js");
    assert.equal(alone.result.exitCode, 0, alone.result.stderr);
    // Finishing order, not timing, is what the machine's load cannot disturb: the normal run must
    // be done long before the endless loop beside it reaches its own limit.
    const finished: string[] = [];
    const track = async (name: string, pending: Promise<Run>): Promise<Run> => {
      const done = await pending;
      finished.push(name);
      return done;
    };
    const [loop, bomb, normal] = await Promise.all([
      track("loop", run("loop-sync.js", { wallSeconds: 6 })),
      track("bomb", run("memory-bomb.js")),
      track("normal", run("quick-work.js")),
    ]);
    assert.equal(normal.result.outcome, "exited");
    assert.deepEqual(lastJson(normal.result), lastJson(alone.result));
    assert.ok(finished.indexOf("normal") < finished.indexOf("loop"), `finished in the order ${finished.join(", ")}`);
    assert.equal(loop.result.outcome, "timeout");
    assert.equal(bomb.result.outcome, "out_of_memory");
  });

  test("a grader killed mid-run takes its sandbox down, and the next probe clears its cgroup", async () => {
    const grader = spawn(
      process.execPath,
      ["--import", "tsx", path.join(FIXTURES_DIR, "grader-that-dies.ts"), CODE_DIR],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      grader.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("running")) resolve();
      });
      grader.once("exit", () => reject(new Error("the grader exited before its submission ran")));
    });
    assert.notDeepEqual(leftoverProcesses(CODE_DIR), []);
    grader.kill("SIGKILL");
    await once(grader, "exit");
    for (let waited = 0; leftoverProcesses(CODE_DIR).length > 0 && waited < 2000; waited += 50) await sleep(50);
    assert.deepEqual(leftoverProcesses(CODE_DIR), []);
    assert.notDeepEqual(leftoverCgroups(grader.pid ?? 0), []);
    await probeSandbox();
    assert.deepEqual(leftoverCgroups(grader.pid ?? 0), []);
  });

  for (const backend of ["cpu", "wasm"]) {
    test(`TensorFlow.js (${backend} backend) trains a model and saves its weights`, async () => {
      const out = outputDir();
      const { result, lines } = await run("train-tfjs.js", {
        args: ["/out", backend],
        wallSeconds: 60,
        binds: [
          ...packageBinds(NODE_MODULES_DIR, ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"]),
          { source: out, target: "/out", isWritable: true },
        ],
      });
      assert.equal(result.outcome, "exited", result.stderr);
      assert.equal(result.exitCode, 0, result.stderr);
      const messages = lines
        .filter((entry) => entry.stream === "stdout")
        .map((entry) => JSON.parse(entry.line) as { type: string; backend?: string; prediction?: number });
      assert.deepEqual(
        messages.map((message) => message.type),
        ["progress", "progress", "progress", "done"],
      );
      const done = messages.at(-1);
      assert.equal(done?.backend, backend);
      assert.ok(Math.abs((done?.prediction ?? 0) - 21) < 3, `prediction ${done?.prediction}`);
      assert.ok(fs.statSync(path.join(out, "weights.bin")).size > 0);
      assert.ok(JSON.parse(fs.readFileSync(path.join(out, "model.json"), "utf8")));
    });
  }
});

// The seccomp filter (grader/sandbox/seccomp) denies ptrace, bpf, mounts, namespaces, io_uring and
// the rest; its own tests make each call from native code in the real sandbox. JavaScript cannot
// make them at all: these are the doors it would have to go through first.
describe("the way from learner JavaScript to the calls the system-call filter denies", () => {
  afterEach(() => {
    assert.deepEqual(leftoverCgroups(process.pid), [], "a run's cgroup was left behind");
    assert.deepEqual(leftoverProcesses(CODE_DIR), [], "a sandboxed process outlived its run");
  });

  test("every door to native code is shut, and the run itself is filtered", async () => {
    const { result } = await run("native-routes.js");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.missingLayers, []);
    const results = lastJson(result);
    assert.ok(Object.keys(results).length >= 6, `the fixture tried only ${Object.keys(results).join(", ")}`);
    assertAllRefused(results);
  });
});

// The same attacks as submissions through the whole grading pipeline: each must end as the
// learner's failure, with a message that tells them what happened, and leak nothing into it.
describe("hostile submissions through the grading pipeline", { concurrency: 2 }, () => {
  const base = loadAssignmentSpec("ml-foundations", "linear-regression");
  const spec = { ...base, budget: { ...base.budget, trainingSeconds: 1, memoryMiB: 384 } };

  after(() => {
    assert.deepEqual(leftoverCgroups(process.pid), [], "a run's cgroup was left behind");
    assert.deepEqual(outputMountsUnder(sandboxJobsFolder()), [], "a run's output tmpfs was left mounted");
  });

  async function grade(body: string): Promise<GradeResult> {
    const code =
      `import fs from "node:fs";\nimport childProcess from "node:child_process";\n` +
      `export async function train({ tf, data }) {\n${body}\n}\n`;
    const result = await gradeSubmission({ spec, code, seed: 1 });
    assert.equal(result.status, "failed", result.message);
    assert.equal(result.failureKind, "learner", result.message);
    const everything = JSON.stringify(result);
    assert.ok(!everything.includes(SECRET), "the grader's environment leaked into the result");
    assert.ok(!everything.includes(HELD_OUT), "the held-out data leaked into the result");
    return result;
  }

  test("network: the database, the queue and the internet are unreachable", async () => {
    const result = await grade(`  await fetch("http://127.0.0.1:6379/");`);
    assert.equal(result.failureCode, "exception");
    assert.match(result.message, /fetch failed/);
  });

  test("environment: the learner's code sees none of the grader's variables", async () => {
    const result = await grade(
      `  throw new Error("variables: [" + Object.keys(process.env).filter((name) => name !== "PWD").join(",") + "]");`,
    );
    assert.equal(result.failureCode, "exception");
    assert.match(result.message, /variables: \[\]/);
  });

  test("files outside: the held-out split and the repository cannot be read", async () => {
    for (const file of [heldOutFile, path.join(REPOSITORY_DIR, "package.json"), "/proc/1/environ"]) {
      const result = await grade(`  fs.readFileSync(${JSON.stringify(file)}, "utf8");`);
      assert.equal(result.failureCode, "exception");
      assert.match(result.message, /ENOENT|ERR_ACCESS_DENIED|EACCES/, file);
    }
  });

  test("writing outside the output folder: the code and the training data are read-only", async () => {
    for (const file of ["/job/learner/submission.mjs", "/job/data/xs.bin", "/job/control/harness.mjs"]) {
      const result = await grade(`  fs.writeFileSync(${JSON.stringify(file)}, "tampered");`);
      assert.equal(result.failureCode, "exception");
      assert.match(result.message, /ERR_ACCESS_DENIED|EROFS|EACCES/, file);
    }
  });

  test("spawning processes or threads is refused", async () => {
    const result = await grade(`  childProcess.spawnSync("/bin/sh", ["-c", "echo escaped"]);`);
    assert.equal(result.failureCode, "exception");
    assert.match(result.message, /ERR_ACCESS_DENIED/);
  });

  test("a fork bomb is refused at its first fork", async () => {
    const result = await grade(
      `  for (;;) childProcess.spawn(process.execPath, ["-e", "for(;;);"], { detached: true });`,
    );
    assert.equal(result.failureCode, "exception");
    assert.match(result.message, /ERR_ACCESS_DENIED/);
  });

  test("a memory bomb ends as out of memory, with the limit in the message", async () => {
    const result = await grade(`  const held = [];\n  for (;;) held.push(Buffer.alloc(32 * 1024 * 1024, 1));`);
    assert.equal(result.failureCode, "out_of_memory");
    assert.match(result.message, /out of memory \(the limit is 384 MiB\)/);
  });

  test("a heap bomb ends as out of memory", async () => {
    const result = await grade(`  const held = [];\n  for (;;) held.push(new Array(1024 * 1024).fill(held.length));`);
    assert.equal(result.failureCode, "out_of_memory");
  });

  test("an endless loop is stopped at the time limit, with the lines it printed", async () => {
    const result = await grade(`  console.log("starting my loop");\n  for (;;);`);
    assert.equal(result.failureCode, "timeout");
    assert.match(result.message, /did not finish within the time limit/);
    assert.match(result.message, /starting my loop/);
  });

  test("an endless asynchronous loop is stopped at the time limit", async () => {
    const result = await grade(`  for (;;) await new Promise((resolve) => setTimeout(resolve, 50));`);
    assert.equal(result.failureCode, "timeout");
  });

  test("flooding the output is cut off", async () => {
    const result = await grade(
      `  const line = "x".repeat(1023) + "\\n";\n  for (;;) process.stdout.write(line.repeat(64));`,
    );
    assert.equal(result.failureCode, "output_limit");
    assert.match(result.message, /printed too much output/);
  });

  test("an enormous file in the output folder is stopped at the file-size cap", async () => {
    // The output folder is named on the harness's command line; the cap is the weights budget plus room for model.json.
    const result = await grade(
      `  const output = process.argv[5];\n  const chunk = Buffer.alloc(2 ** 20, 1);\n` +
        `  for (let i = 0; i < 4096; i++) fs.appendFileSync(output + "/huge.bin", chunk);\n  return tf.sequential();`,
    );
    assert.ok(["exception", "crashed"].includes(result.failureCode ?? ""), `${result.failureCode}: ${result.message}`);
    assert.match(result.message, /EFBIG|file too large|SIGXFSZ|exit code/i);
  });

  // Each file under the file-size cap, but as many as the code can make: the output folder is a
  // tmpfs of its own (output-tmpfs.ts), so it fills, not the host's disk, and the save that then
  // fails is the learner's, never the platform's disk_full.
  for (const { kind, fileBytes } of [
    { kind: "1 MiB files, until the folder's bytes run out", fileBytes: MiB },
    { kind: "empty files, until the folder's files run out", fileBytes: 0 },
  ]) {
    test(`filling the output folder with ${kind}: the learner's failed save, the host's disk untouched, and a normal run after it passes`, async () => {
      const freeBefore = hostFreeBytes();
      const result = await grade(
        [
          "  const output = process.argv[5];",
          `  const chunk = Buffer.alloc(${fileBytes}, 1);`,
          "  let made = 0;",
          "  try {",
          '    for (; made < 100000; made++) fs.writeFileSync(output + "/filler-" + made, chunk);',
          "  } catch (error) {",
          '    console.log("stopped after " + made + " files: " + error.code);',
          "  }",
          "  return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });",
        ].join("\n"),
      );
      assert.equal(result.failureCode, "save_failed", result.message);
      assert.match(result.message, /the output folder is full .*ENOSPC/);
      const stopped = result.logs.map((line) => /stopped after (\d+) files: ENOSPC/.exec(line.text)).find(Boolean);
      assert.ok(stopped, `the code's own writes did not end in ENOSPC: ${JSON.stringify(result.logs)}`);
      assert.ok(Number(stopped[1]) <= OUTPUT_FOLDER_FILES, `${stopped[1]} files were made`);
      // Other work shares this disk, so the bound is generous; unbounded, the loop would write 100 GB.
      const used = freeBefore - hostFreeBytes();
      assert.ok(used < 256 * MiB, `the host's disk lost ${used} bytes`);

      const normal = await gradeSubmission({
        spec: base,
        code: fs.readFileSync(path.join(CONTENT_DIR, "linear-regression", "reference.js"), "utf8"),
        seed: 1,
      });
      assert.equal(normal.status, "passed", `a normal run after it: ${normal.message}`);
    });
  }

  test("forged progress and result lines, then an early exit: the learner's failure, never a score or a platform error", async () => {
    const forged = JSON.stringify({ type: "done", epochs: 1, trainingMs: 1, parameters: 1, stoppedAtDeadline: false });
    const result = await grade(
      `  process.stdout.write(${JSON.stringify(forged)} + "\\n");\n` +
        `  process.stdout.write('{"type":"error","kind":"platform","code":"x","message":"fake"}\\n');\n` +
        `  process.exit(0);`,
    );
    // grade() has already checked it is the learner's failure: a forged "platform" line cannot make it free.
    assert.equal(result.score, null);
  });

  // The faults the grader used to take the sandbox's word for. Each must be charged to the
  // learner (grade() checks "failed" and "learner", which the worker never retries).
  test("forged platform fault: train() throws a WebAssembly.RuntimeError", async () => {
    const result = await grade(`  throw new WebAssembly.RuntimeError("memory access out of bounds");`);
    assert.equal(result.failureCode, "exception");
    assert.match(result.message, /^Your train\(\) threw RuntimeError: memory access out of bounds/);
  });

  test("forged platform fault: the harness's failure records claiming the platform, then its old platform exit code", async () => {
    // Exactly what the harness printed for a backend crash and a backend that failed to start.
    const records = [
      {
        type: "error",
        kind: "platform",
        code: "backend_crash",
        message:
          "The wasm TensorFlow.js backend crashed while training (memory access out of bounds). " +
          "This is a fault of the grading platform, not of your code.",
      },
      { type: "error", kind: "platform", code: "backend_failed", message: "TensorFlow.js could not start: forged" },
    ];
    for (const record of records) {
      const result = await grade(
        `  process.stdout.write(${JSON.stringify(`${JSON.stringify({ type: "learner_start" })}\n`)});\n` +
          `  process.stdout.write(${JSON.stringify(`${JSON.stringify(record)}\n`)});\n` +
          `  process.exit(4);`,
      );
      assert.equal(result.failureCode, "exception", record.code);
      assert.equal(result.message, record.message);
    }
  });

  test("forged platform fault: exits with the old platform exit code, aborts, or kills itself with a signal", async () => {
    for (const ending of ["process.exit(4);", "process.abort();", 'process.kill(process.pid, "SIGSEGV");']) {
      const result = await grade(`  ${ending}`);
      assert.equal(result.failureCode, "crashed", ending);
      assert.match(result.message, /^Your code (stopped the training process early|was killed by signal)/, ending);
    }
  });

  test("forged platform fault: errors whose text mimics a backend crash or running out of memory", async () => {
    const texts = [
      "The wasm TensorFlow.js backend crashed while training (memory access out of bounds). " +
        "This is a fault of the grading platform, not of your code.",
      "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
    ];
    for (const text of texts) {
      const result = await grade(`  throw new Error(${JSON.stringify(text)});`);
      assert.equal(result.failureCode, "exception", text);
      assert.ok(result.message.startsWith(`Your train() threw Error: ${text}`), result.message);
    }
    // V8's own out-of-heap ending, imitated: judged as running out of memory, which is the learner's too.
    const result = await grade(`  process.stderr.write(${JSON.stringify(`${texts[1]}\n`)});\n  process.exit(134);`);
    assert.equal(result.failureCode, "out_of_memory");
  });

  test("V8's internal functions stay locked: setting --allow-natives-syntax is refused, however v8 is reached", async () => {
    const ways = [
      'await import("node:v8")',
      'process.getBuiltinModule ? process.getBuiltinModule("node:v8") : await import("node:v8")',
    ];
    for (const way of ways) {
      const result = await grade(
        [
          `  const v8 = ${way};`,
          '  v8.setFlagsFromString("--allow-natives-syntax");',
          '  return new Function("return %GetOptimizationStatus(Math.max)")();',
        ].join("\n"),
      );
      assert.equal(result.failureCode, "exception", result.message);
      assert.match(result.message, /setFlagsFromString is not available in the grading sandbox/);
    }
  });

  test("tampering with TensorFlow.js inside the sandbox cannot change the trusted score", async () => {
    const result = await grade(
      [
        "  // A predict that always answers the right targets would score perfectly, if the scorer used this tfjs.",
        "  tf.LayersModel.prototype.predict = function () { return tf.zeros([1, 1]); };",
        "  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });",
        "  return model;",
      ].join("\n"),
    );
    assert.equal(result.failureCode, "below_threshold");
    assert.ok(result.score !== null && result.score > spec.metric.threshold);
  });

  test("a model of the wrong output shape is refused with the shape it should have", async () => {
    const result = await grade(
      `  return tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: data.inputShape })] });`,
    );
    assert.equal(result.failureCode, "wrong_output_shape");
  });

  test("console output in a loop is capped, not stored without end", async () => {
    const result = await grade(`  for (let i = 0; i < 100000; i++) console.log("line " + i);\n  return 42;`);
    assert.equal(result.failureCode, "no_model");
    assert.ok(result.logs.length <= 201, `${result.logs.length} log lines kept`);
    assert.ok(result.logs.some((line) => line.text.includes("further console output dropped")));
  });
});

// The epoch budget is counted in the learner's own process, so it is a guide; what stands behind it
// is the custom-loop rule (for labs that require fit()) and the sandbox's own limits. Each way round
// it ends as the learner's failure with a message naming what was refused.
describe("training outside the epoch budget", { concurrency: 2 }, () => {
  const base = loadAssignmentSpec("ml-foundations", "linear-regression");
  const budget = { ...base.budget, maxEpochs: 3, trainingSeconds: 1, memoryMiB: 384 };
  const fitOnly = { ...base, allowCustomLoop: false, budget };
  const ownLoops = { ...base, allowCustomLoop: true, budget };
  const MODEL =
    "  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });";
  const LOSS = "() => tf.losses.meanSquaredError(data.ys, model.predict(data.xs))";

  after(() => {
    assert.deepEqual(leftoverCgroups(process.pid), [], "a run's cgroup was left behind");
    assert.deepEqual(leftoverProcesses(CODE_DIR), [], "a sandboxed process outlived its run");
  });

  async function gradeLearnerFailure(spec: typeof base, lines: string[]): Promise<GradeResult> {
    const code = `export async function train({ tf, data, onEpoch }) {\n${lines.join("\n")}\n}\n`;
    const result = await gradeSubmission({ spec, code, seed: 1 });
    assert.equal(result.status, "failed", result.message);
    assert.equal(result.failureKind, "learner", result.message);
    assert.equal(result.score, null, "a run that broke the rules is not scored");
    return result;
  }

  // hasLearnerFrame: whether the refusal's stack reaches the learner's line; tfjs's own async
  // functions are compiled to generators, which V8's async stack traces cannot follow.
  const refusedLoops: Array<{ name: string; lines: string[]; refused: RegExp; hasLearnerFrame?: false }> = [
    {
      name: "tf.variableGrads with optimizer.applyGradients",
      lines: [
        MODEL,
        "  const optimizer = tf.train.sgd(0.05);",
        "  for (let step = 0; step < 20; step++) {",
        `    const { grads } = tf.variableGrads(${LOSS});`,
        "    optimizer.applyGradients(grads);",
        "  }",
        "  return model;",
      ],
      refused: /optimizer\.applyGradients\(\) outside fit\(\)/,
    },
    {
      name: "optimizer.minimize",
      lines: [MODEL, "  const optimizer = tf.train.adam(0.1);", `  optimizer.minimize(${LOSS});`, "  return model;"],
      refused: /optimizer\.minimize\(\) outside fit\(\)/,
    },
    {
      name: "variable.assign",
      lines: [MODEL, "  tf.variable(tf.zeros([1])).assign(tf.ones([1]));", "  return model;"],
      refused: /variable\.assign\(\).* outside fit\(\)/,
    },
    {
      name: "model.setWeights with weights computed elsewhere",
      lines: [MODEL, "  model.setWeights(model.getWeights().map((weight) => tf.onesLike(weight)));", "  return model;"],
      refused: /setWeights\(\)\) outside fit\(\)/,
    },
    {
      name: "model.trainOnBatch",
      lines: [
        MODEL,
        '  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
        "  for (let step = 0; step < 20; step++) await model.trainOnBatch(data.xs, data.ys);",
        "  return model;",
      ],
      refused: /model\.trainOnBatch\(\)\) outside fit\(\)/,
      hasLearnerFrame: false,
    },
    {
      name: "a loop of its own beside a fit() it did not wait for",
      lines: [
        MODEL,
        '  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
        "  const pending = model.fit(data.xs, data.ys, { epochs: 1, verbose: 0 });",
        "  const optimizer = tf.train.sgd(0.05);",
        `  for (let step = 0; step < 20; step++) optimizer.applyGradients(tf.variableGrads(${LOSS}).grads);`,
        "  await pending;",
        "  return model;",
      ],
      refused: /optimizer\.applyGradients\(\) outside fit\(\)/,
    },
    {
      name: "a refusal caught and ignored",
      lines: [
        MODEL,
        "  const optimizer = tf.train.sgd(0.05);",
        "  for (let step = 0; step < 20; step++) {",
        `    try { optimizer.applyGradients(tf.variableGrads(${LOSS}).grads); } catch {}`,
        "  }",
        "  return model;",
      ],
      refused: /optimizer\.applyGradients\(\) outside fit\(\)/,
    },
  ];

  for (const { name, lines, refused, hasLearnerFrame } of refusedLoops) {
    test(`a lab that requires fit() refuses a custom loop: ${name}`, async () => {
      const result = await gradeLearnerFailure(fitOnly, lines);
      assert.equal(result.failureCode, "custom_loop_not_allowed", result.message);
      assert.match(result.message, /^This assignment asks you to train with model\.fit\(\)/);
      assert.match(result.message, refused);
      if (hasLearnerFrame !== false)
        assert.match(result.message, /submission:\d+/, "the message points at the learner's own line");
    });
  }

  test("a lab that requires fit() still trains with fit(), whose optimizer and layers change weights inside it", async () => {
    const code = [
      "export async function train({ tf, data }) {",
      "  const model = tf.sequential({ layers: [",
      "    tf.layers.dense({ units: 8, inputShape: data.inputShape }),",
      "    tf.layers.batchNormalization(),",
      "    tf.layers.dense({ units: 1 }),",
      "  ] });",
      '  model.compile({ optimizer: tf.train.adam(0.05), loss: "meanSquaredError" });',
      "  await model.fit(data.xs, data.ys, { epochs: 3, batchSize: 64, verbose: 0 });",
      "  return model;",
      "}",
    ].join("\n");
    // Time enough for every epoch, so the curve shows fit() ran all it asked for.
    const result = await gradeSubmission({
      spec: { ...fitOnly, budget: { ...budget, trainingSeconds: 30 } },
      code,
      seed: 1,
    });
    assert.ok(result.status === "passed" || result.failureCode === "below_threshold", result.message);
    assert.ok(result.score !== null && Number.isFinite(result.score));
    assert.equal(result.curves.length, 3);
  });

  test("a lab that allows custom loops refuses one that reports epochs past the budget", async () => {
    const result = await gradeLearnerFailure(ownLoops, [
      MODEL,
      "  const optimizer = tf.train.sgd(0.05);",
      "  for (let epoch = 0; epoch < 100; epoch++) {",
      `    optimizer.minimize(${LOSS});`,
      "    onEpoch({ loss: 1 });",
      "  }",
      "  return model;",
    ]);
    assert.equal(result.failureCode, "over_budget", result.message);
    assert.match(result.message, /more than the 3 epochs the budget allows/);
    assert.equal(result.curves.length, 3);
  });

  test("a lab that allows custom loops stops one that reports nothing at its time limit", async () => {
    const result = await gradeLearnerFailure(ownLoops, [
      MODEL,
      "  const optimizer = tf.train.sgd(0.05);",
      `  for (;;) optimizer.minimize(${LOSS});`,
    ]);
    assert.equal(result.failureCode, "timeout", result.message);
    assert.match(result.message, /did not finish within the time limit/);
  });
});
