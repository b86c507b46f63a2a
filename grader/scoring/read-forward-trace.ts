// Reads and checks the forward pass the harness recorded for a model with layer classes the
// learner wrote (grader/harness/forward-trace.mjs). The recording comes out of the sandbox, so it
// is checked here like any other learner input, before the sandboxed prediction run replays it.
import { z } from "zod";
import type { DenseArray } from "@/grader/datasets/types";
import {
  constantValueCount,
  INPUT_ID,
  MAX_TRACE_STEPS,
  TRACE_CONSTANT_MARGIN,
  TRACE_FORMAT,
  type ForwardTrace,
  type TraceAttr,
} from "@/grader/harness/forward-trace.mjs";
import { readSandboxFile, SandboxFileRefused, type ReadLimit } from "@/grader/sandbox/read-sandbox-file";

/** trace.json's cap; the training run's output folder makes room for it (train-in-sandbox.ts). */
export const MAX_TRACE_JSON_BYTES = 8 * 2 ** 20;
const MAX_DIMENSION = 2 ** 24;

export class TraceRejected extends Error {
  constructor(
    readonly code: "corrupt_model" | "too_many_parameters" | "wrong_input_shape" | "unsafe_output_file",
    message: string,
  ) {
    super(message);
    this.name = "TraceRejected";
  }
}

const TraceAttrSchema: z.ZodType<TraceAttr> = z.lazy(() =>
  z.union([
    z.null(),
    z.string().max(1_000),
    z.number(),
    z.boolean(),
    z.object({ $number: z.enum(["Infinity", "-Infinity", "NaN"]) }).strict(),
    z.array(TraceAttrSchema).max(10_000),
    z.record(z.string().max(100), TraceAttrSchema),
  ]),
);
const IdSchema = z.number().int().min(0);
const ShapeSchema = z.array(z.number().int().min(0).max(MAX_DIMENSION)).max(8);
const DtypeSchema = z.enum(["float32", "int32", "bool"]);

const ForwardTraceSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  batch: z.number().int().min(1).max(4096),
  input: z.object({ shape: ShapeSchema, dtype: DtypeSchema }),
  constants: z.array(
    z.object({
      id: IdSchema,
      shape: ShapeSchema,
      dtype: DtypeSchema,
      offset: z.number().int().min(0),
      fill: z.number().optional(),
    }),
  ),
  steps: z
    .array(
      z.object({
        // Kernel names are identifiers such as _FusedMatMul; the replay also checks each is registered.
        kernel: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/),
        inputs: z.union([z.array(IdSchema).max(1_000), z.record(z.string().max(64), IdSchema.nullable())]),
        attrs: z.record(z.string().max(100), TraceAttrSchema),
        outputs: z.array(IdSchema).min(1).max(1_000),
      }),
    )
    .max(MAX_TRACE_STEPS),
  output: IdSchema,
});

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** Every id is made once (input, constant or kernel output) before anything reads it. */
function checkDataFlow(trace: ForwardTrace, constantBytes: number): void {
  const defined = new Set<number>([INPUT_ID]);
  const define = (id: number) => {
    if (defined.has(id))
      throw new TraceRejected("corrupt_model", `The recorded forward pass defines value ${id} twice.`);
    defined.add(id);
  };
  for (const constant of trace.constants) {
    define(constant.id);
    if (constant.fill === undefined && constant.offset + elementCount(constant.shape) * 4 > constantBytes) {
      throw new TraceRejected(
        "corrupt_model",
        `The recorded constant ${constant.id} lies beyond the end of trace.bin.`,
      );
    }
  }
  for (const step of trace.steps) {
    for (const id of Object.values(step.inputs)) {
      if (id !== null && !defined.has(id))
        throw new TraceRejected(
          "corrupt_model",
          `The recorded ${step.kernel} reads value ${id} before anything makes it.`,
        );
    }
    for (const id of step.outputs) define(id);
  }
  if (!defined.has(trace.output))
    throw new TraceRejected("corrupt_model", "The recorded forward pass never makes its output.");
}

/** One recording file through the safe reader; a refusal is the learner's, with `tooLarge` as its code for size. */
function readTraceFile(
  folder: string,
  name: string,
  limit: ReadLimit,
  tooLarge: "corrupt_model" | "too_many_parameters",
): Buffer | null {
  try {
    return readSandboxFile(folder, name, limit);
  } catch (error) {
    if (error instanceof SandboxFileRefused) {
      throw new TraceRejected(error.reason === "too_large" ? tooLarge : "unsafe_output_file", error.message);
    }
    throw error;
  }
}

export interface RecordedForwardPass {
  trace: ForwardTrace;
  /** trace.json and trace.bin exactly as read and checked, for the prediction run. */
  jsonBytes: Uint8Array;
  constantBytes: Uint8Array;
}

/** Reads and checks trace.json and trace.bin from `folder`; null when the harness wrote none. */
export function readForwardTrace(folder: string, maxParameters: number): RecordedForwardPass | null {
  const allowedValues = maxParameters + TRACE_CONSTANT_MARGIN;
  const jsonBytes = readTraceFile(folder, "trace.json", { maxBytes: MAX_TRACE_JSON_BYTES }, "corrupt_model");
  const binBytes = readTraceFile(
    folder,
    "trace.bin",
    {
      maxBytes: allowedValues * 4,
      allowedBy: `the budget allows for ${maxParameters} parameters and ${TRACE_CONSTANT_MARGIN} constant values`,
    },
    "too_many_parameters",
  );
  if (!jsonBytes || !binBytes) return null;
  let trace: ForwardTrace;
  try {
    trace = ForwardTraceSchema.parse(JSON.parse(jsonBytes.toString("utf8")));
  } catch {
    throw new TraceRejected("corrupt_model", "The recorded forward pass (trace.json) is not one the grader wrote.");
  }
  const constantBytes = new Uint8Array(binBytes);
  if (constantValueCount(trace) > allowedValues) {
    throw new TraceRejected(
      "too_many_parameters",
      `Your model's forward pass reads ${constantValueCount(trace)} stored values; the budget allows ${allowedValues}.`,
    );
  }
  checkDataFlow(trace, constantBytes.byteLength);
  return { trace, jsonBytes, constantBytes };
}

/** The recording was made on inputs of the data's row shape and dtype. */
export function checkTraceInput(trace: ForwardTrace, xs: DenseArray): void {
  const expected = xs.shape.slice(1);
  const recordedTail = trace.input.shape.slice(1);
  if (
    trace.input.shape[0] !== trace.batch ||
    recordedTail.length !== expected.length ||
    recordedTail.some((size, i) => size !== expected[i]) ||
    trace.input.dtype !== xs.dtype
  ) {
    throw new TraceRejected(
      "wrong_input_shape",
      `The model was recorded on ${trace.input.dtype} inputs of shape [batch, ${recordedTail.join(", ")}] ` +
        `but the data is ${xs.dtype} [batch, ${expected.join(", ")}].`,
    );
  }
}
