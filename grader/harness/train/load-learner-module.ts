// Loads the learner's module and reads its train, once. An ES module is imported; a CommonJS one
// (the host decided which: grader/pipeline/compile-submission.ts) is an ES module exporting its
// body as a function, which is called here with CommonJS's arguments and the harness's require.
//
// Everything read from the learner's exports is read exactly once: module.exports and its train
// may be getters or proxies that answer differently each time, or throw. What was read is what is
// checked and what is called; nothing of theirs is awaited (a thenable module.exports would run
// its then), and whatever they throw is the learner's failure to load.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ModuleFormat } from "./harness-config";
import { learnerRequire } from "./learner-require";

export async function loadLearnerTrain(modulePath: string, format: ModuleFormat, tf: unknown): Promise<unknown> {
  const namespace = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  if (format === "esm") return namespace.train;
  const body = namespace.default;
  if (typeof body !== "function") throw new Error("the grader's CommonJS wrapper is missing");
  const learnerModule: { exports: unknown } = { exports: {} };
  const { exports } = learnerModule;
  body.call(exports, exports, learnerRequire(tf), learnerModule, modulePath, path.dirname(modulePath));
  const exported = learnerModule.exports;
  if ((typeof exported !== "object" && typeof exported !== "function") || exported === null) return undefined;
  return (exported as { train?: unknown }).train;
}
