// Entry point of each XNNPACK worker thread of the threaded wasm backend under Node (see threads.ts).
// The backend's own worker script expects a browser: it is handed a Blob of the Emscripten glue
// and loads it through URL.createObjectURL, which Node's worker_threads cannot import. The same
// glue ships as a file, so the object URL is pointed at that file instead.
"use strict";
const glue = require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js");
const {
  wasmWorkerContents,
} = require("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js");
URL.createObjectURL = () => glue;
URL.revokeObjectURL = () => {};
// The script is stored as a template literal, whose "\n" escapes became real newlines inside its
// string literals; the backend re-escapes them the same way before making its Blob.
new Function("require", "__filename", wasmWorkerContents.replace(/\n/g, "\\n"))(require, __filename);
