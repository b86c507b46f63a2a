// The walls of the sandboxed prediction run: what it is given (never the held-out labels), who it
// runs as, what it can reach, and whose fault it is when it dies before reading the learner's files.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { float32, int32, type PreparedDataset } from "@/grader/datasets/types";
import { removeJobFolder } from "@/grader/pipeline/job-folder";
import { SANDBOX_USER } from "@/grader/sandbox/reachable-binds";
import { probeSandbox, runSandboxed } from "@/grader/sandbox/run-sandboxed";
import { PredictionFailed, predictInSandbox } from "./predict-in-sandbox";
import { createPredictionJob, MAX_REPORT_BYTES, type PredictionJobOptions } from "./prediction-job";

const ROWS = 500;
const HARNESS_DIR = path.resolve(import.meta.dirname, "../harness");
const NODE_MODULES = path.resolve(import.meta.dirname, "../../node_modules");

/** Held-out labels drawn at random, so their bytes can be looked for anywhere the run can read. */
function datasetWithCanaryLabels(): PreparedDataset {
  const xs = Float32Array.from({ length: ROWS * 4 }, (_, i) => Math.cos(i));
  const ys = Int32Array.from(randomBytes(ROWS), (byte) => byte % 3);
  const split = { xs: float32([ROWS, 4], xs), ys: int32([ROWS], ys) };
  return {
    task: "classification",
    classNames: ["a", "b", "c"],
    train: split,
    heldOut: split,
    trainSha256: "",
    heldOutSha256: "",
  };
}

function jobOptions(dataset: PreparedDataset, memoryMiB = 512): PredictionJobOptions {
  return {
    mode: "rebuild",
    modelFiles: new Map([
      ["model.json", Buffer.from("{}")],
      ["weights.bin", new Uint8Array(0)],
    ]),
    inputs: dataset.heldOut.xs,
    expected: { perRow: 3, tails: [[3]], describe: "[batch, 3]" },
    memoryMiB,
  };
}

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile());
}

const jobFolders: string[] = [];
after(() => {
  for (const folder of jobFolders) removeJobFolder(folder);
});

describe("the sandboxed prediction run", () => {
  before(async () => {
    const probe = await probeSandbox();
    assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
  });

  it("is given the held-out inputs, the model files and its own config, never the labels", () => {
    const dataset = datasetWithCanaryLabels();
    const labels = Buffer.from(dataset.heldOut.ys.data.buffer);
    const job = createPredictionJob(jobOptions(dataset));
    jobFolders.push(job.folder);

    const writable = job.request.binds.filter((bind) => bind.isWritable);
    assert.deepEqual(
      writable.map((bind) => bind.source),
      [job.outputFolder],
      "one writable folder, for the answer",
    );
    const capacity = writable[0]?.capacity;
    assert.ok(
      capacity && capacity.bytes >= job.predictionsBytes + MAX_REPORT_BYTES,
      "the answer folder is a bounded tmpfs with room for the answer and the report",
    );
    for (const bind of job.request.binds) {
      const isJobFolder = bind.source.startsWith(`${job.folder}/`);
      const isPlatformCode = bind.source === HARNESS_DIR || fs.realpathSync(bind.source).includes("/node_modules/");
      assert.ok(isJobFolder || isPlatformCode, `unexpected bind ${bind.source}`);
    }
    const readable = [...filesUnder(job.folder), ...filesUnder(HARNESS_DIR)];
    assert.ok(
      readable.some((file) => file.endsWith("inputs.bin")),
      "the inputs are there to predict on",
    );
    for (const file of readable)
      assert.ok(!fs.readFileSync(file).includes(labels), `${file} holds the held-out labels`);
    assert.equal(fs.readFileSync(path.join(job.folder, "data", "inputs.bin")).byteLength, ROWS * 4 * 4);
    assert.ok(!NODE_MODULES.startsWith(job.folder));
  });

  it("runs as the sandbox's user, with no environment, no network and its inputs read-only", async () => {
    // A listener on the host's loopback: a run sharing the host's network would reach it.
    const server = net.createServer((socket) => socket.destroy());
    let connections = 0;
    server.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const job = createPredictionJob(jobOptions(datasetWithCanaryLabels()));
    jobFolders.push(job.folder);
    // The same request as the prediction run's, with a probe in place of predict.mjs.
    fs.writeFileSync(
      path.join(job.folder, "control", "probe.mjs"),
      [
        `import fs from "node:fs";`,
        `import net from "node:net";`,
        `const network = await new Promise((resolve) => {`,
        `  const socket = net.connect({ host: "127.0.0.1", port: ${port} });`,
        `  socket.once("connect", () => { socket.destroy(); resolve("connected"); });`,
        `  socket.once("error", (error) => resolve(error.code));`,
        `});`,
        `let modelWrite = "written";`,
        `try { fs.writeFileSync("/job/learner/model.json", "{}"); } catch (error) { modelWrite = error.code; }`,
        `const env = Object.keys(process.env).filter((name) => name !== "PWD");`,
        `process.stdout.write(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), env, network, modelWrite }));`,
      ].join("\n"),
      { mode: 0o644 },
    );
    try {
      const run = await runSandboxed({ ...job.request, entry: "/job/control/probe.mjs", args: [] });
      assert.equal(run.exitCode, 0, run.stderr);
      const seen = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.equal(seen.uid, SANDBOX_USER.uid);
      assert.equal(seen.gid, SANDBOX_USER.gid);
      assert.deepEqual(seen.env, []);
      assert.notEqual(seen.network, "connected");
      assert.notEqual(seen.modelWrite, "written");
      assert.equal(connections, 0, "the host's listener was reached");
    } finally {
      server.close();
    }
  });

  it("blames the platform, not the learner, for a run that dies before it reads the model", async () => {
    // A cgroup far too small for node itself: the run is killed while TensorFlow.js starts.
    await assert.rejects(predictInSandbox(jobOptions(datasetWithCanaryLabels(), 8)), (error: unknown) => {
      assert.ok(!(error instanceof PredictionFailed), String(error));
      assert.match(String(error), /scoring sandbox stopped before it read the model/);
      return true;
    });
  });

  it("charges the learner for a model it cannot rebuild, once the run has read it", async () => {
    await assert.rejects(predictInSandbox(jobOptions(datasetWithCanaryLabels())), (error: unknown) => {
      assert.ok(error instanceof PredictionFailed, String(error));
      assert.equal(error.code, "corrupt_model", error.message);
      return true;
    });
  });
});
