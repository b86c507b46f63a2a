// Runs the Prisma CLI without letting it download its Rust engines (there is no route to their
// host here). On the JavaScript engine path those variables must name an existing file, which
// is never executed, so any file of ours will do.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { childEnvironment } from "../lib/env";

const require = createRequire(import.meta.url);
const placeholderEngine = fileURLToPath(import.meta.url);

/** Runs the CLI; with `isQuiet`, its chatter is shown only when it fails. */
export function runPrisma(args: string[], extraEnv: Record<string, string> = {}, isQuiet = false): number {
  const result = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
    stdio: isQuiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: childEnvironment({
      ...extraEnv,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholderEngine,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholderEngine,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    }),
  });
  if (isQuiet && result.status !== 0) process.stderr.write(`${result.stdout}${result.stderr}`);
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(runPrisma(process.argv.slice(2)));
}
