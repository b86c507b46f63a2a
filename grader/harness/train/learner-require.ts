// The `require` a CommonJS submission gets. The sandbox has no CommonJS loader for learner code:
// the host wraps the module in a function (grader/pipeline/compile-submission.ts) and the harness
// calls it with this require, which answers only TensorFlow.js, with the very tf the harness
// started (tfjs-node's API is tfjs's, so a module written for it trains on any engine). It is a
// convenience, not a wall: the sandbox's layers are what keep learner code in.
import { LearnerError } from "./refusal";

/** The names a CommonJS submission may require; each gives the harness's tf. */
export const REQUIRABLE_PACKAGES: readonly string[] = Object.freeze([
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-node",
  "@tensorflow/tfjs-node-gpu",
]);

/** The failure code of a require the sandbox refuses at run time (the host refuses static ones first). */
export const UNAVAILABLE_REQUIRE = "unavailable_require";

export function requireRefusal(specifier: string): string {
  return (
    `require(${JSON.stringify(specifier)}) is not available in the grader: a CommonJS module may require only ` +
    `${REQUIRABLE_PACKAGES.map((name) => `"${name}"`).join(", ")}. train() receives its data as arguments.`
  );
}

/** A frozen function without the properties of Node's require (cache, resolve, main), so it leads nowhere else. */
export function learnerRequire(tf: unknown): (specifier: unknown) => unknown {
  return Object.freeze(function require(specifier: unknown): unknown {
    if (typeof specifier === "string" && REQUIRABLE_PACKAGES.includes(specifier)) return tf;
    throw new LearnerError(UNAVAILABLE_REQUIRE, requireRefusal(String(specifier)));
  });
}
