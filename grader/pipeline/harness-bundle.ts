// The training harness (grader/harness/train/) reaches the sandbox as one bundled module, written
// into each job's control folder beside its config (sandbox-bundle.ts).
import path from "node:path";
import { sandboxBundle } from "./sandbox-bundle";

/** The bundled harness's source: running it trains the job whose paths its command line names. */
export const harnessBundle = sandboxBundle(
  path.resolve(import.meta.dirname, "../harness/train/harness.ts"),
  "the training harness",
);
