// The WebAssembly binaries of tfjs's wasm backend, served by the web app itself (GET /tfjs-wasm/<file>)
// so the lesson snippets' worker loads them from this origin only, as the page's policy allows.
import { readFile } from "node:fs/promises";
import path from "node:path";

/** The files the backend asks for: plain, SIMD, and SIMD with threads (used only when cross-origin isolated). */
export const TFJS_WASM_FILES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
] as const;

/** Where the worker finds them (tfjs's setWasmPaths takes a folder ending in a slash). */
export const TFJS_WASM_PATH = "/tfjs-wasm/";

function packageFolder(): string {
  // A require.resolve the web app's bundler can see becomes a module number; one made from the
  // loader fetched at run time resolves the installed package's file, as Node does.
  const { createRequire } = process.getBuiltinModule("node:module");
  return path.dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json"));
}

const files = new Map<string, Promise<Buffer>>();

/** One of TFJS_WASM_FILES, read once per process; null for any other name. */
export function readTfjsWasmFile(name: string): Promise<Buffer> | null {
  if (!(TFJS_WASM_FILES as readonly string[]).includes(name)) return null;
  let file = files.get(name);
  if (!file) {
    file = readFile(path.join(packageFolder(), "dist", name)).catch((error: unknown) => {
      files.delete(name);
      throw error;
    });
    files.set(name, file);
  }
  return file;
}
