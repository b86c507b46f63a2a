// How a submission becomes the module the sandbox loads: ES modules as they are, CommonJS wrapped in
// one function the harness calls with its own require. The loading half runs here on the host with
// a stand-in tf, which is all it touches; grader/pipeline/commonjs.test.ts runs it in the sandbox.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { loadLearnerTrain } from "@/grader/harness/train/load-learner-module";
import { REQUIRABLE_PACKAGES } from "@/grader/harness/train/learner-require";
import { LearnerError } from "@/grader/harness/train/refusal";
import { compileSubmission, type SubmissionLanguage } from "./compile-submission";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-compile-"));
after(() => fs.rmSync(folder, { recursive: true, force: true }));
const FAKE_TF = Object.freeze({ name: "the harness's tf" });
let written = 0;

async function compiled(source: string, language: SubmissionLanguage = "javascript") {
  const result = await compileSubmission(source, language);
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result;
}

/** Compiles `source`, writes it as the sandbox would and loads it: what the harness would call as train. */
async function load(source: string, language: SubmissionLanguage = "javascript"): Promise<unknown> {
  const { code, format } = await compiled(source, language);
  written += 1;
  const file = path.join(folder, `submission-${written}.mjs`);
  fs.writeFileSync(file, code);
  return loadLearnerTrain(file, format, FAKE_TF);
}

async function trainResult(source: string): Promise<unknown> {
  const train = await load(source);
  assert.equal(typeof train, "function");
  return (train as () => unknown)();
}

describe("telling CommonJS from ES modules", () => {
  it("keeps an ES module, and a module with neither syntax, as ES", async () => {
    assert.equal((await compiled("export async function train() {}\n")).format, "esm");
    assert.equal((await compiled("async function train() {}\n")).format, "esm");
    assert.equal((await compiled('import * as tf from "@tensorflow/tfjs";\nexport const train = tf;\n')).format, "esm");
  });

  it("reads require, module.exports and exports as CommonJS, in JavaScript and TypeScript", async () => {
    for (const source of [
      'const tf = require("@tensorflow/tfjs");\nmodule.exports = { train: async () => tf };\n',
      "exports.train = async function () {};\n",
      "module.exports.train = async () => 1;\n",
    ]) {
      assert.equal((await compiled(source)).format, "cjs", source);
    }
    const typescript = await compiled(
      'const tf: unknown = require("@tensorflow/tfjs");\nexports.train = () => tf;\n',
      "typescript",
    );
    assert.equal(typescript.format, "cjs");
    assert.doesNotMatch(typescript.code, /: unknown/);
  });

  it("reports a CommonJS syntax error at the learner's line", async () => {
    const result = await compileSubmission(
      'const tf = require("@tensorflow/tfjs");\nexports.train = ;\n',
      "javascript",
    );
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.message, /^line 2, column 17: /);
  });

  it("cannot be closed early by the learner's text: a trailing comment or brace stays inside", async () => {
    assert.equal(await trainResult("exports.train = () => 7;\n// a comment without a newline at the end"), 7);
    const result = await compileSubmission("exports.train = () => 7;\n}\nexport const escaped = 1;\n", "javascript");
    assert.equal(result.ok, false);
  });
});

describe("loading a CommonJS module", () => {
  it("gives every allowed name the harness's own tf, and module.exports, exports and this agree", async () => {
    const names = JSON.stringify(REQUIRABLE_PACKAGES);
    const found = await trainResult(
      `const tfs = ${names}.map((name) => require(name));\n` +
        "const self = this;\n" +
        "exports.train = () => ({ tfs, same: self === module.exports && exports === module.exports });\n",
    );
    assert.deepEqual(found, { tfs: REQUIRABLE_PACKAGES.map(() => FAKE_TF), same: true });
  });

  it("refuses any other require with a message that names what is allowed, and lets the module catch it", async () => {
    for (const name of ["fs", "child_process", "node:fs", "./helpers", "@tensorflow/tfjs/dist/index.js"]) {
      await assert.rejects(
        load(
          `const loaded = require(${JSON.stringify([...name].reverse().join(""))}.split("").reverse().join(""));\n` +
            "exports.train = () => loaded;\n",
        ),
        (error: unknown) =>
          error instanceof LearnerError &&
          error.code === "unavailable_require" &&
          error.message.includes(`require(${JSON.stringify(name)}) is not available`) &&
          REQUIRABLE_PACKAGES.every((allowed) => error.message.includes(allowed)),
        name,
      );
    }
    assert.equal(
      await trainResult(
        'let fs = null;\ntry { fs = require("f" + String.fromCharCode(115)); } catch {}\nexports.train = () => fs;\n',
      ),
      null,
    );
  });

  it("gives a require without Node's cache, resolve or main, which cannot be changed", async () => {
    const found = await trainResult(
      "const before = [require.cache, require.resolve, require.main];\n" +
        "let changed = true;\ntry { require.cache = {}; } catch { changed = false; }\n" +
        "exports.train = () => ({ before, changed });\n",
    );
    assert.deepEqual(found, { before: [undefined, undefined, undefined], changed: false });
  });

  it("reads train once, so a getter cannot swap what was checked for what is called", async () => {
    const train = await load(
      "let reads = 0;\nmodule.exports = { get train() { reads += 1; return reads === 1 ? () => reads : 42; } };\n",
    );
    assert.equal(typeof train, "function");
    assert.equal((train as () => number)(), 1);
  });

  it("never awaits the learner's exports: a thenable module.exports does not run its then", async () => {
    const train = await load("let ran = false;\nmodule.exports = { then() { ran = true; }, train: () => ran };\n");
    assert.equal((train as () => boolean)(), false);
  });

  it("lets a proxy's or getter's throw surface as the module's own error", async () => {
    await assert.rejects(load('module.exports = new Proxy({}, { get() { throw new Error("trap"); } });\n'), /trap/);
    await assert.rejects(load('module.exports = { get train() { throw new Error("getter"); } };\n'), /getter/);
  });

  it("finds no train in exports that are not an object or function", async () => {
    for (const value of ["null", "42", '"train"', "undefined"]) {
      assert.equal(await load(`module.exports = ${value};\n`), undefined, value);
    }
  });

  it("loads an ES module as before: its train export", async () => {
    assert.equal(typeof (await load("export async function train() { return 1; }\n")), "function");
  });
});
