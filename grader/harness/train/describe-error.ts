// How a failure of the learner's code is put into words: the error's own text, the reason Node
// hides in `cause`, what the sandbox refused, and only the stack frames of the learner's own file.
import path from "node:path";
import { pathToFileURL } from "node:url";

const MAX_FRAMES = 8;

/** The frames of `error` in the learner's folder, with the folder cut off; undefined when there are none. */
export function learnerStack(error: unknown, learnerModulePath: string): string | undefined {
  if (!(error instanceof Error) || typeof error.stack !== "string") return undefined;
  const folder = path.dirname(learnerModulePath);
  const url = `${pathToFileURL(folder).href}/`;
  const frames = error.stack.split("\n").filter((line) => line.includes(folder));
  const shown = frames.slice(0, MAX_FRAMES).map((line) => line.trim().replaceAll(url, "").replaceAll(`${folder}/`, ""));
  return shown.length > 0 ? shown.join("\n") : undefined;
}

function stringField(error: Error, name: string): string | undefined {
  const value: unknown = (error as unknown as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** Node's permission model says only "Access to this API has been restricted"; this says what and why. */
function sandboxHint(error: Error): string {
  if (stringField(error, "code") !== "ERR_ACCESS_DENIED") return "";
  const resource = stringField(error, "resource");
  const permission = stringField(error, "permission");
  const what = permission === undefined ? "" : ` (${permission}${resource ? ` ${resource}` : ""})`;
  return (
    `. The grading sandbox refused this${what}: ` +
    `train() receives its data as arguments, and may not read or write other files, start processes or use the network.`
  );
}

/** Node hides the reason of some failures (fetch's "fetch failed") in `cause`, so that is shown too. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  const errorCode = stringField(error, "code");
  const code = errorCode !== undefined && !error.message.includes(errorCode) ? ` [${errorCode}]` : "";
  return `${error.name}${code}: ${error.message}${cause}${sandboxHint(error)}`;
}
