// The wasm backend lacks some gradient kernels (convolutions, pooling) and is slow at others; the
// platform's replacements live in TypeScript under grader/backends/wasm. The sandbox runs plain
// node, so they are bundled into one ES module here, with tfjs left as an import: inside the
// sandbox it resolves to the same tfjs instance the harness uses.
import path from "node:path";
import { build } from "esbuild";

const ENTRY = path.resolve(import.meta.dirname, "../backends/wasm/register-training-kernels.ts");

let bundle: Promise<string> | null = null;

/** The bundled module's source; built once per process, since the kernels only change with a deploy. */
export function wasmKernelBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
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
      if (!file) throw new Error("esbuild produced no output for the wasm training kernels");
      return file.text;
    },
    (error: unknown) => {
      bundle = null;
      throw error;
    },
  );
  return bundle;
}
