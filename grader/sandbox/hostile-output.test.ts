// Hostile files under every name the host reads after a sandboxed run (model.json, weights.bin,
// trace.json, trace.bin), graded through the whole pipeline in the real sandbox. Each must end as
// the learner's failure naming the file, without the host reading what a link points at, and
// without a process left behind.
//
// The learner's code plants what it can plant itself inside the sandbox: a huge sparse file and a
// second hard link inside the output folder. A symbolic link, a FIFO and a hard link to a host file
// it cannot: Node 20's permission model refuses symlink() outright (checked below) and has no
// mkfifo, and the kernel refuses link() across the bind mount the output folder is. The permission
// model is no security boundary, so those three are planted by this test on the learner's behalf,
// after the sandbox has exited and just before the host reads the folder: what a learner with a
// way around Node's checks would leave there.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { gradeSubmission, type GradeProgress, type GradeResult } from "../pipeline/grade-submission";
import { listRunCgroups } from "./cgroup";
import { outputMountsUnder } from "./output-tmpfs";
import { sandboxJobsFolder } from "./reachable-binds";
import { formatBytes } from "./read-sandbox-file";
import { probeSandbox, sandboxCgroupLayout } from "./run-sandboxed";

const CANARY = `host-canary-${randomBytes(12).toString("hex")}`;
const NAMES = ["model.json", "weights.bin", "trace.json", "trace.bin"] as const;
type Name = (typeof NAMES)[number];
const MiB = 2 ** 20;
/** Over each file's cap and under the sandbox's file-size limit (the weights budget plus 16 MiB). */
const SPARSE_BYTES: Record<Name, number> = {
  "model.json": 5 * MiB,
  "weights.bin": MiB,
  "trace.json": 9 * MiB,
  "trace.bin": MiB,
};
/** The code a too-large file ends with: each file keeps the one its size check always had. */
const TOO_LARGE_CODE: Record<Name, string> = {
  "model.json": "model_too_large",
  "weights.bin": "corrupt_model",
  "trace.json": "corrupt_model",
  "trace.bin": "too_many_parameters",
};

let workspace = "";
let canaryFile = "";
let canaryFifo = "";

/** Processes still naming a job folder on their command line (bwrap binds it by its host path). */
function processesNaming(folder: string): string[] {
  return fs.readdirSync("/proc").flatMap((pid) => {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return [];
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      return cmdline.includes(folder) ? [`${pid}: ${cmdline}`] : [];
    } catch {
      return [];
    }
  });
}

function findJobFolder(marker: string): string {
  const jobs = sandboxJobsFolder();
  const folder = fs
    .readdirSync(jobs)
    .map((name) => path.join(jobs, name))
    .find((candidate) => fs.existsSync(path.join(candidate, "output", marker)));
  assert.ok(folder, `no job folder holds ${marker}`);
  return folder;
}

type HostPlant = (file: string) => void;

/**
 * The learner's submission: it wraps the writeFileSync the harness saves with (they share the
 * process), so that once the harness has written model.json, its last file, `plant` runs with
 * `p` the path of `name`. For a trace file it also renames model.json's Dense layer to a class of
 * its own, which is what makes the host read the recorded forward pass.
 */
function submission(name: Name, marker: string, plant: string): string {
  const isTrace = name.startsWith("trace");
  return [
    `import fs from "node:fs";`,
    `export async function train({ tf, data }) {`,
    `  const output = process.argv[5];`,
    `  const write = fs.writeFileSync;`,
    `  fs.writeFileSync = function (file, contents, ...rest) {`,
    `    const isModel = String(file).endsWith("/model.json");`,
    `    const text = isModel && ${isTrace} ? String(contents).replaceAll('"class_name":"Dense"', '"class_name":"LearnerDense"') : contents;`,
    `    write.call(fs, file, text, ...rest);`,
    `    if (!isModel) return;`,
    `    if (${isTrace}) {`,
    `      write.call(fs, output + "/trace.json", "{}");`,
    `      write.call(fs, output + "/trace.bin", "");`,
    `    }`,
    `    write.call(fs, output + "/" + ${JSON.stringify(marker)}, "");`,
    `    const p = output + "/" + ${JSON.stringify(name)};`,
    `    ${plant}`,
    `  };`,
    `  return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: data.inputShape })] });`,
    `}`,
  ].join("\n");
}

describe("hostile files in the output folder, through the grading pipeline", () => {
  const base = loadAssignmentSpec("ml-foundations", "linear-regression");
  const spec = { ...base, budget: { ...base.budget, trainingSeconds: 1, memoryMiB: 384 } };

  before(async () => {
    const probe = await probeSandbox();
    assert.ok(probe.isComplete, `sandbox layers missing: ${JSON.stringify(probe.layers)}`);
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-hostile-output-"));
    canaryFile = path.join(workspace, "host-secret.txt");
    fs.writeFileSync(canaryFile, CANARY);
    // Opening this for reading waits for a writer for ever: a run that follows a link to it hangs.
    canaryFifo = path.join(workspace, "host-fifo");
    execFileSync("mkfifo", [canaryFifo]);
  });

  after(async () => {
    fs.rmSync(workspace, { recursive: true, force: true });
    const layout = await sandboxCgroupLayout();
    const prefix = `run-${process.pid}-`;
    const left = (layout ? listRunCgroups(layout) : []).filter((dir) => path.basename(dir).startsWith(prefix));
    assert.deepEqual(left, [], "a run's cgroup was left behind");
  });

  const jobFolders: string[] = [];
  afterEach(() => {
    for (const folder of jobFolders.splice(0)) {
      assert.deepEqual(processesNaming(folder), [], "a sandboxed process outlived its run");
      assert.ok(!fs.existsSync(folder), "the job folder was left behind");
      assert.deepEqual(outputMountsUnder(folder), [], "the run's output tmpfs was left mounted");
    }
  });

  async function grade(name: Name, plant: string, hostPlant?: HostPlant): Promise<GradeResult> {
    const marker = `marker-${randomBytes(6).toString("hex")}`;
    let isScored = false;
    const onProgress = (event: GradeProgress) => {
      if (event.type !== "stage" || event.stage !== "scoring") return;
      const jobFolder = findJobFolder(marker);
      jobFolders.push(jobFolder);
      if (hostPlant) {
        const file = path.join(jobFolder, "output", name);
        fs.rmSync(file, { force: true });
        hostPlant(file);
      }
      isScored = true;
    };
    const result = await gradeSubmission({ spec, code: submission(name, marker, plant), seed: 1, onProgress });
    assert.ok(isScored, `the run did not reach scoring: ${result.failureCode}: ${result.message}`);
    return checkedFailure(result);
  }

  function checkedFailure(result: GradeResult): GradeResult {
    assert.equal(result.status, "failed", result.message);
    assert.equal(result.failureKind, "learner", result.message);
    assert.ok(!JSON.stringify(result).includes(CANARY), "the host read the canary");
    return result;
  }

  test("control: untouched files reach the scorer, and a renamed layer makes it read the trace files", async () => {
    const plain = await grade("weights.bin", "");
    assert.equal(plain.failureCode, "below_threshold", plain.message);
    const traced = await grade("trace.json", "");
    assert.equal(traced.failureCode, "corrupt_model", traced.message);
    assert.match(traced.message, /trace\.json\) is not one the grader wrote/);
  });

  test("the learner's code cannot make a symbolic link itself: Node's permission model refuses it", async () => {
    const code =
      `import fs from "node:fs";\nexport async function train() {\n` +
      `  try {\n    fs.symlinkSync(${JSON.stringify(canaryFile)}, process.argv[5] + "/model.json");\n` +
      `  } catch (error) {\n    throw new Error("symlink refused: " + error.code);\n  }\n` +
      `  throw new Error("symlink made");\n}\n`;
    const result = checkedFailure(await gradeSubmission({ spec, code, seed: 1 }));
    assert.equal(result.failureCode, "exception", result.message);
    assert.match(result.message, /symlink refused: ERR_ACCESS_DENIED/);
  });

  for (const name of NAMES) {
    test(`${name}: a huge sparse file the learner's code made is refused from its size`, async () => {
      const result = await grade(
        name,
        `fs.rmSync(p); write.call(fs, p, ""); fs.truncateSync(p, ${SPARSE_BYTES[name]});`,
      );
      assert.equal(result.failureCode, TOO_LARGE_CODE[name], result.message);
      assert.ok(result.message.startsWith(`${name} is larger than the `), result.message);
      assert.ok(result.message.endsWith(`(it is ${formatBytes(SPARSE_BYTES[name])}).`), result.message);
    });

    test(`${name}: a second hard link the learner's code made is refused`, async () => {
      const result = await grade(name, `fs.linkSync(p, p + ".second-name");`);
      assert.equal(result.failureCode, "unsafe_output_file", result.message);
      assert.match(result.message, new RegExp(`^${name.replace(".", "\\.")} is a hard link \\(2 names`));
    });

    test(`${name}: a symbolic link to a host file is refused, not followed`, async () => {
      const result = await grade(name, "", (file) => fs.symlinkSync(canaryFile, file));
      assert.equal(result.failureCode, "unsafe_output_file", result.message);
      assert.equal(result.message, `${name} is a symbolic link.`);
    });

    test(`${name}: a symbolic link to a host FIFO is refused without opening it`, async () => {
      const result = await grade(name, "", (file) => fs.symlinkSync(canaryFifo, file));
      assert.equal(result.failureCode, "unsafe_output_file", result.message);
      assert.equal(result.message, `${name} is a symbolic link.`);
    });

    test(`${name}: a hard link to a host file is refused`, async () => {
      const result = await grade(name, "", (file) => {
        // A host file on the same file system as the output folder, as link() needs: the output
        // folder is a tmpfs of its own (output-tmpfs.ts), so the file must be inside it.
        const canary = path.join(path.dirname(file), "host-canary.txt");
        fs.writeFileSync(canary, CANARY);
        fs.linkSync(canary, file);
      });
      assert.equal(result.failureCode, "unsafe_output_file", result.message);
      assert.match(result.message, new RegExp(`^${name.replace(".", "\\.")} is a hard link \\(2 names`));
    });

    test(`${name}: a FIFO is refused at once`, async () => {
      const result = await grade(name, "", (file) => execFileSync("mkfifo", [file]));
      assert.equal(result.failureCode, "unsafe_output_file", result.message);
      assert.equal(result.message, `${name} is not a regular file (a FIFO).`);
    });
  }
});
