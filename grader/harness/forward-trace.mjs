// A model with a layer class the learner wrote cannot be rebuilt by the scorer, which never runs
// learner code. So the harness records, inside the sandbox, the model's forward pass as the
// TensorFlow.js kernels it ran (name, inputs, plain-data settings) plus the values of every tensor
// those kernels read that no kernel made (the weights and the constants of the learner's call()).
// The scorer's prediction run (predict.mjs, a sandbox of its own) replays that recording on the
// held-out inputs: the held-out labels never enter a sandbox, and no learner JavaScript runs there.
//
// Plain JavaScript: the training harness and the prediction run, both plain node in the sandbox, share it.

export const TRACE_FORMAT = "gradient-forward-trace/2";
/** The batch the recording is made at; shapes inside a call() may bake it in, so replays use it too. */
export const TRACE_BATCH = 128;
/**
 * Values a recording may hold beyond the model's parameters: the constants its forward pass makes
 * (scales, masks, position tables). The labs' reference models need at most 385 (an LSTM over 64
 * steps makes 6 scalars a step and one zero-filled initial state), the custom-layer tests at most 1;
 * a custom recurrent layer's scalars grow with the sequence, hence the headroom.
 */
export const TRACE_CONSTANT_MARGIN = 4_096;
export const MAX_TRACE_STEPS = 20_000;
/** The most values one filled constant may expand to when replayed (its bytes are not in trace.bin to bound it). */
export const MAX_FILL_VALUES = 2 ** 24;
/** The model's input is value 0; constants and kernel outputs take the ids after it. */
export const INPUT_ID = 0;

export class TraceError extends Error {
  constructor(message) {
    super(message);
    this.name = "TraceError";
  }
}

const BYTES_PER_VALUE = 4;

/** Kernel settings are numbers, strings, booleans and arrays of them; JSON cannot say Infinity or NaN. */
function encodeAttr(value, kernel) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (ArrayBuffer.isView(value)) return Array.from(value, (item) => encodeAttr(item, kernel));
  if (Array.isArray(value)) return value.map((item) => encodeAttr(item ?? null, kernel));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const encoded = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) encoded[key] = encodeAttr(item, kernel);
    return encoded;
  }
  throw new TraceError(`the ${kernel} operation was given a setting that is not plain data (${typeof value})`);
}

export function decodeAttr(value) {
  if (Array.isArray(value)) return value.map(decodeAttr);
  if (value !== null && typeof value === "object") {
    if (typeof value.$number === "string") return Number(value.$number);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeAttr(item)]));
  }
  return value;
}

/**
 * Runs `model.predict(input)` once while recording every top-level kernel the engine runs.
 * Returns the recording and the bytes of its constants (4 per value, in order).
 */
export function recordForwardTrace(tf, model, input) {
  const engine = tf.engine();
  const ids = new Map([[input, INPUT_ID]]);
  const constants = [];
  const steps = [];
  let nextId = INPUT_ID + 1;
  const idOf = (tensor) => {
    let id = ids.get(tensor);
    if (id === undefined) {
      // A tensor no recorded kernel produced: a weight, or a value made in JavaScript.
      if (!["float32", "int32", "bool"].includes(tensor.dtype))
        throw new TraceError(`a ${tensor.dtype} tensor cannot be recorded`);
      id = nextId++;
      ids.set(tensor, id);
      const values = Float64Array.from(tensor.dataSync());
      // A tensor of one repeated value (tf.zeros, tf.fill, an RNN's initial state) is kept as that
      // value: it holds one number, however large its shape, and is counted as one.
      const fill = values.length > 1 && Number.isFinite(values[0]) && values.every((value) => value === values[0]);
      constants.push({ id, shape: [...tensor.shape], dtype: tensor.dtype, values, fill });
    }
    return id;
  };

  const runKernel = engine.runKernel;
  let depth = 0;
  engine.runKernel = function recordingRunKernel(kernelName, inputs, attrs) {
    // Kernels a kernel runs itself belong to that kernel, which the replay runs whole.
    if (depth > 0) return runKernel.call(this, kernelName, inputs, attrs);
    if (steps.length >= MAX_TRACE_STEPS)
      throw new TraceError(`the forward pass runs more than ${MAX_TRACE_STEPS} operations`);
    const inputIds = Array.isArray(inputs)
      ? inputs.map(idOf)
      : Object.fromEntries(
          Object.entries(inputs).map(([name, tensor]) => [name, tensor == null ? null : idOf(tensor)]),
        );
    const encodedAttrs = attrs === undefined ? {} : encodeAttr(attrs, kernelName);
    depth += 1;
    let out;
    try {
      out = runKernel.call(this, kernelName, inputs, attrs);
    } finally {
      depth -= 1;
    }
    const outputs = (Array.isArray(out) ? out : [out]).map((tensor) => {
      const id = nextId++;
      ids.set(tensor, id);
      return id;
    });
    steps.push({ kernel: kernelName, inputs: inputIds, attrs: encodedAttrs, outputs });
    return out;
  };

  let output;
  try {
    const predicted = model.predict(input, { batchSize: input.shape[0] });
    if (Array.isArray(predicted) && predicted.length !== 1)
      throw new TraceError(`the model has ${predicted.length} outputs; it needs one`);
    const tensor = Array.isArray(predicted) ? predicted[0] : predicted;
    output = idOf(tensor);
    if (tensor !== input) tensor.dispose();
  } finally {
    engine.runKernel = runKernel;
  }

  const stored = constants.filter((constant) => !constant.fill);
  const bytes = new Uint8Array(stored.reduce((sum, constant) => sum + constant.values.length, 0) * BYTES_PER_VALUE);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  const constantSpecs = constants.map(({ id, shape, dtype, values, fill }) => {
    if (fill) return { id, shape, dtype, offset, fill: values[0] };
    const spec = { id, shape, dtype, offset };
    for (const value of values) {
      if (dtype === "float32") view.setFloat32(offset, value, true);
      else view.setInt32(offset, value, true);
      offset += BYTES_PER_VALUE;
    }
    return spec;
  });
  const trace = {
    format: TRACE_FORMAT,
    batch: input.shape[0],
    input: { shape: [...input.shape], dtype: input.dtype },
    constants: constantSpecs,
    steps,
    output,
  };
  return { trace, constantBytes: bytes };
}

function elementCount(shape) {
  return shape.reduce((product, size) => product * size, 1);
}

/** The number of values a recording's constants hold: a filled constant holds one. */
export function constantValueCount(trace) {
  return trace.constants.reduce(
    (sum, constant) => sum + (constant.fill === undefined ? elementCount(constant.shape) : 1),
    0,
  );
}

/** Makes the recording's constants into tensors, once, for replaying many batches. */
export function createConstantTensors(tf, trace, constantBytes) {
  const view = new DataView(constantBytes.buffer, constantBytes.byteOffset, constantBytes.byteLength);
  const tensors = new Map();
  try {
    for (const { id, shape, dtype, offset, fill } of trace.constants) {
      if (fill !== undefined) {
        if (elementCount(shape) > MAX_FILL_VALUES)
          throw new TraceError(`constant ${id} fills more than ${MAX_FILL_VALUES} values`);
        tensors.set(id, tf.fill(shape, fill, dtype));
        continue;
      }
      const count = elementCount(shape);
      if (offset + count * BYTES_PER_VALUE > constantBytes.byteLength)
        throw new TraceError(`constant ${id} lies beyond the end of the recorded values`);
      const values =
        dtype === "float32"
          ? new Float32Array(count)
          : dtype === "int32"
            ? new Int32Array(count)
            : new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const at = offset + i * BYTES_PER_VALUE;
        values[i] = dtype === "float32" ? view.getFloat32(at, true) : view.getInt32(at, true);
      }
      tensors.set(id, tf.tensor(values, shape, dtype));
    }
  } catch (error) {
    for (const tensor of tensors.values()) tensor.dispose();
    throw error;
  }
  return tensors;
}

/** For each step, the kernel outputs no later step reads, so a long recording frees as it goes. */
function releasePlan(trace) {
  const lastRead = new Map();
  trace.steps.forEach((step, index) => {
    for (const id of Object.values(step.inputs)) if (id !== null) lastRead.set(id, index);
  });
  lastRead.set(trace.output, Infinity);
  const plan = trace.steps.map(() => []);
  trace.steps.forEach((step, index) => {
    for (const id of step.outputs) plan[lastRead.get(id) ?? index]?.push(id);
  });
  return plan;
}

/** Replays the recording on one batch of `trace.batch` inputs and returns the model's output. */
export function replayForwardTrace(tf, trace, constants, input) {
  const engine = tf.engine();
  const plan = releasePlan(trace);
  return tf.tidy(() => {
    const values = new Map(constants);
    values.set(INPUT_ID, input);
    // A kernel may hand back a tensor it was given; such a tensor is freed only when no id holds it.
    const holders = new Map();
    const kept = new Set([input, ...constants.values()]);
    const valueOf = (id) => {
      const value = values.get(id);
      if (value === undefined) throw new TraceError(`an operation reads value ${id} before any operation makes it`);
      return value;
    };
    trace.steps.forEach((step, index) => {
      const inputs = Array.isArray(step.inputs)
        ? step.inputs.map(valueOf)
        : Object.fromEntries(
            Object.entries(step.inputs).map(([name, id]) => [name, id === null ? undefined : valueOf(id)]),
          );
      const out = engine.runKernel(step.kernel, inputs, decodeAttr(step.attrs));
      const outs = Array.isArray(out) ? out : [out];
      if (outs.length !== step.outputs.length)
        throw new TraceError(
          `${step.kernel} made ${outs.length} outputs where the recording has ${step.outputs.length}`,
        );
      step.outputs.forEach((id, i) => {
        values.set(id, outs[i]);
        holders.set(outs[i], (holders.get(outs[i]) ?? 0) + 1);
      });
      for (const id of plan[index]) {
        const tensor = values.get(id);
        values.delete(id);
        const remaining = (holders.get(tensor) ?? 1) - 1;
        holders.set(tensor, remaining);
        if (remaining === 0 && !kept.has(tensor)) tensor.dispose();
      }
    });
    return valueOf(trace.output);
  });
}
