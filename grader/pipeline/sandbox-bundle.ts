// Code the platform runs inside the sandbox is TypeScript like the rest, but the sandbox runs plain
// node, so each such entry is bundled into one ES module here, with tfjs left as an import: inside
// the sandbox it resolves (from the /node_modules bind) to the one tfjs instance every module shares.
import { build } from "esbuild";

/**
 * A function giving the bundled source of `entry`, built once per process on first use, since the
 * platform's code only changes with a deploy. A failed build is retried on the next call.
 */
export function sandboxBundle(entry: string, name: string): () => Promise<string> {
  let bundle: Promise<string> | null = null;
  return () => {
    bundle ??= build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      external: ["@tensorflow/*"],
      logLevel: "silent",
    }).then(
      (result) => {
        const file = result.outputFiles[0];
        if (!file) throw new Error(`esbuild produced no output for ${name}`);
        return file.text;
      },
      (error: unknown) => {
        bundle = null;
        throw error;
      },
    );
    return bundle;
  };
}
