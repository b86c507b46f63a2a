// Types for forward-trace.mjs, which stays plain JavaScript because it also runs in the sandbox.
import type * as tfjs from "@tensorflow/tfjs";

export type TraceDtype = "float32" | "int32" | "bool";
export type TraceAttr =
  null | string | number | boolean | { $number: string } | TraceAttr[] | { [key: string]: TraceAttr };

export interface TraceStep {
  kernel: string;
  /**
   * Value ids, as a list for kernels that take one (Concat, Pack, AddN) or by input name; null for an absent optional
   * input.
   */
  inputs: number[] | Record<string, number | null>;
  attrs: Record<string, TraceAttr>;
  outputs: number[];
}

export interface ForwardTrace {
  format: string;
  batch: number;
  input: { shape: number[]; dtype: TraceDtype };
  /** Each constant's values are in trace.bin from `offset`, or, for one repeated value, given as `fill`. */
  constants: { id: number; shape: number[]; dtype: TraceDtype; offset: number; fill?: number }[];
  steps: TraceStep[];
  output: number;
}

export const TRACE_FORMAT: string;
export const TRACE_BATCH: number;
/** Values a recording may hold beyond the model's parameters. */
export const TRACE_CONSTANT_MARGIN: number;
export const MAX_TRACE_STEPS: number;
export const MAX_FILL_VALUES: number;
export const INPUT_ID: number;

export class TraceError extends Error {}

export function decodeAttr(value: TraceAttr): unknown;
export function recordForwardTrace(
  tf: typeof tfjs,
  model: tfjs.LayersModel,
  input: tfjs.Tensor,
): { trace: ForwardTrace; constantBytes: Uint8Array };
export function constantValueCount(trace: ForwardTrace): number;
export function createConstantTensors(
  tf: typeof tfjs,
  trace: ForwardTrace,
  constantBytes: Uint8Array,
): Map<number, tfjs.Tensor>;
export function replayForwardTrace(
  tf: typeof tfjs,
  trace: ForwardTrace,
  constants: Map<number, tfjs.Tensor>,
  input: tfjs.Tensor,
): tfjs.Tensor;
