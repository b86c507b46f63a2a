// The messages between a lesson page and its snippet worker (app/_components/snippet.worker.ts).
// The worker also runs the reader's own code, which can post anything: the page parses every message.
import { z } from "zod";

/** Where the worker's tfjs finds the wasm backend's binaries (served by app/tfjs-wasm/[file]). */
export const TFJS_WASM_PATH = "/tfjs-wasm/";

/** Page to worker: run this code. */
export const RunRequestSchema = z.object({ type: z.literal("run"), code: z.string().max(100_000) });
export type RunRequest = z.infer<typeof RunRequestSchema>;

export const WorkerMessageSchema = z.discriminatedUnion("type", [
  /** tfjs is ready on this backend and the snippet starts now: its time limit starts too. */
  z.object({ type: z.literal("started"), backend: z.string().max(40) }),
  /** One console call (or a printed tensor), as text. */
  z.object({ type: z.literal("output"), level: z.enum(["log", "info", "warn", "error", "debug"]), text: z.string() }),
  /** The snippet finished. */
  z.object({ type: z.literal("done") }),
  /** The snippet threw, on this line of the snippet when the stack says so. */
  z.object({ type: z.literal("error"), message: z.string(), line: z.number().int().positive().nullable() }),
  /** No tfjs backend could start in this browser. */
  z.object({ type: z.literal("unavailable") }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
