// Multi-threaded XNNPACK for the wasm backend under Node. tfjs-backend-wasm ships a threaded build
// (Emscripten pthreads, which run on worker_threads in Node) but reports threads as unsupported in
// Node (tensorflow/tfjs#3830), because its main thread hands the worker script over as a Blob URL,
// which worker_threads cannot start. Two substitutions, both only while the backend initialises:
// - the Blob URL of the worker script becomes pthread-worker.cjs, which loads the same script;
// - the backend caps its thread pool at half the logical CPUs (it assumes two hyperthreads per
//   core), which would leave one thread on a 2-vCPU machine; the CPU count it reads is doubled so
//   that the cap becomes the real count.
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { type BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";

const WORKER = path.join(__dirname, "pthread-worker.cjs");

/**
 * Initialises the 'wasm' backend with `threads` XNNPACK threads (1 = the single-threaded SIMD
 * build). Like setThreadsCount, it takes effect only before the backend's first initialisation.
 */
export async function initWasmBackend(threads: number): Promise<boolean> {
  if (threads <= 1) return tf.setBackend("wasm");
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  setThreadsCount(threads);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a static; the original is put back
  const { createObjectURL } = URL;
  const { cpus } = os;
  URL.createObjectURL = (blob: Blob) => (blob.type === "application/javascript" ? WORKER : createObjectURL(blob));
  os.cpus = () => [...cpus(), ...cpus()];
  let isReady: boolean;
  try {
    isReady = await tf.setBackend("wasm");
  } finally {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
  }
  if (isReady) releaseThreadPool();
  return isReady;
}

/**
 * XNNPACK's pool threads wait forever for work, and Emscripten keeps a running thread's worker
 * referenced, so without this Node would never exit once the work is done.
 */
function releaseThreadPool(): void {
  const { wasm } = tf.backend() as BackendWasm;
  const pthreads = (wasm as { PThread?: { runningWorkers?: { unref(): void }[] } }).PThread;
  for (const worker of pthreads?.runningWorkers ?? []) worker.unref();
}
