import assert from "node:assert/strict";
import { test } from "node:test";
import { readTfjsWasmFile, TFJS_WASM_FILES } from "./tfjs-wasm-files";

test("each of the backend's binaries is served as the installed WebAssembly, and no other file", async () => {
  for (const name of TFJS_WASM_FILES) {
    const bytes = await readTfjsWasmFile(name);
    assert.ok(bytes && WebAssembly.validate(new Uint8Array(bytes)), name);
  }
  for (const name of ["package.json", "../package.json", "tfjs-backend-wasm.js", "..%2Fpackage.json", ""]) {
    assert.equal(readTfjsWasmFile(name), null, name);
  }
});
