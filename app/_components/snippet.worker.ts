// Runs one lesson snippet away from the page (app/_components/runnable-snippet.tsx), on tfjs's
// WebGL backend where this browser has it, else WebAssembly, else plain JavaScript. The page
// starts a worker per run and terminates it at the time limit, so a snippet that never ends costs
// nothing once stopped. The snippet reaches the worker as a blob: script (lib/snippets/snippet-source.ts).
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { RunRequestSchema, TFJS_WASM_PATH, type WorkerMessage } from "@/lib/snippets/snippet-protocol";
import { SNIPPET_GLOBAL, snippetLineOf, wrapSnippet } from "@/lib/snippets/snippet-source";
import { snippetSyntaxErrorOf } from "@/lib/snippets/snippet-syntax-error";

/** What this file uses of a dedicated worker's global scope (the project's types are the page's, not a worker's). */
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  importScripts(...urls: string[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope & Record<string, unknown>;
let post = (message: WorkerMessage) => scope.postMessage(message);

const BACKENDS = ["webgl", "wasm", "cpu"] as const;

// An error inside tfjs is many frames below the snippet's line; V8 keeps only 10 by default.
Error.stackTraceLimit = 100;

async function startBackend(): Promise<string | null> {
  setWasmPaths(TFJS_WASM_PATH);
  for (const name of BACKENDS) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // This browser cannot run this one (no WebGL in a worker, say): the next one, then.
    }
  }
  return null;
}

/**
 * What a snippet could use to act as the reader on this site, whose cookies its requests would
 * carry (the page's policy already keeps it from sending anything elsewhere). tfjs has loaded
 * what it needs by the time these go. Chrome keeps some on the global's prototypes, so they go there too.
 */
const REACHING_OUT = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebTransport",
  "EventSource",
  "Worker",
  "SharedWorker",
  "BroadcastChannel",
  "indexedDB",
  "caches",
  "importScripts",
  "postMessage",
] as const;

/** Takes REACHING_OUT away from the snippet; returns what the worker itself still needs of it. */
function withdrawReachingOut(): { load: (url: string) => void; send: (message: WorkerMessage) => void } {
  const load = scope.importScripts.bind(scope);
  const send = scope.postMessage.bind(scope);
  for (const name of REACHING_OUT) {
    for (let holder: object | null = scope; holder; holder = Reflect.getPrototypeOf(holder))
      Reflect.deleteProperty(holder, name);
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
  }
  return { load, send };
}

/** A console argument as Node would roughly print it. */
function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof tf.Tensor) return value.toString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value !== "object" || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // A cycle, or a BigInt inside: its kind, at least.
    return Object.prototype.toString.call(value);
  }
}

/** The snippet's console (tensor.print() and model.summary() use it too) goes to the page. */
function captureConsole(): void {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    console[level] = (...values: unknown[]) => post({ type: "output", level, text: values.map(formatValue).join(" ") });
  }
}

async function run(code: string): Promise<void> {
  const wrapped = wrapSnippet(code);
  if (!wrapped.ok) return post({ type: "error", message: wrapped.message, line: wrapped.line });
  const backend = await startBackend();
  if (!backend) return post({ type: "unavailable" });
  post({ type: "started", backend });
  const { load, send } = withdrawReachingOut();
  post = send;
  captureConsole();
  const url = URL.createObjectURL(new Blob([wrapped.source], { type: "text/javascript" }));
  try {
    load(url);
    const snippet = scope[SNIPPET_GLOBAL] as (tfjs: typeof tf) => Promise<void>;
    await snippet(tf);
    post({ type: "done" });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const line = snippetLineOf(error.stack, url, code.split("\n").length);
    // A snippet that does not compile: the stack names importScripts' line here, not the snippet's.
    const syntax = error.name === "SyntaxError" && line === null ? snippetSyntaxErrorOf(code) : null;
    post(
      syntax
        ? { type: "error", message: `SyntaxError: ${syntax.message}`, line: syntax.line }
        : { type: "error", message: error.message, line },
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

scope.addEventListener("message", (event) => {
  const request = RunRequestSchema.safeParse(event.data);
  if (request.success) void run(request.data.code);
});
