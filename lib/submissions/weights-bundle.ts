// Take-home labs (mode "weights"): the learner trains wherever they like and uploads the
// TensorFlow.js files `model.save()` writes, model.json and one weights file. They travel and are
// stored as one JSON text, so the submission, its sha256 and the grader see one exact byte string.
import { z } from "zod";

export const WEIGHTS_LANGUAGE = "tfjs-weights";
export const WEIGHTS_BUNDLE_FORMAT = "gradient-tfjs-weights/1";
/** Largest weights file accepted (before base64), whatever the lab's parameter budget. */
export const MAX_WEIGHTS_BYTES = 8 * 2 ** 20;
const MAX_MODEL_JSON_CHARS = 2 * 2 ** 20;
/** Base64 of the largest weights file plus the largest model.json, with room for the wrapper. */
export const MAX_WEIGHTS_BUNDLE_CHARS = Math.ceil((MAX_WEIGHTS_BYTES * 4) / 3) + MAX_MODEL_JSON_CHARS + 1024;

const WeightsBundleSchema = z.object({
  format: z.literal(WEIGHTS_BUNDLE_FORMAT),
  modelJson: z.string().min(2).max(MAX_MODEL_JSON_CHARS),
  weightsBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export function encodeWeightsBundle(modelJson: string, weights: Uint8Array): string {
  return JSON.stringify({
    format: WEIGHTS_BUNDLE_FORMAT,
    modelJson,
    weightsBase64: Buffer.from(weights).toString("base64"),
  });
}

export function decodeWeightsBundle(text: string): { modelJson: string; weights: Buffer } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: "The upload is not a weights bundle: upload model.json and its weights file." };
  }
  const bundle = WeightsBundleSchema.safeParse(parsed);
  if (!bundle.success) return { error: "The upload is not a weights bundle: upload model.json and its weights file." };
  const weights = Buffer.from(bundle.data.weightsBase64, "base64");
  if (weights.byteLength > MAX_WEIGHTS_BYTES)
    return { error: `The weights file is larger than ${MAX_WEIGHTS_BYTES / 2 ** 20} MiB.` };
  return { modelJson: bundle.data.modelJson, weights };
}

/**
 * Checks the two uploaded files before they are bundled: a model.json that is JSON text, one
 * weights file within the size limit. The scorer checks the rest (layers, shapes, parameter budget).
 */
export function readUploadedWeights(
  modelJsonBytes: Uint8Array,
  weightsBytes: Uint8Array,
): { code: string } | { error: string; field: "modelJson" | "weights" } {
  if (weightsBytes.byteLength === 0)
    return { error: "Choose the weights file that model.save() wrote next to model.json.", field: "weights" };
  if (weightsBytes.byteLength > MAX_WEIGHTS_BYTES)
    return { error: `The weights file is larger than ${MAX_WEIGHTS_BYTES / 2 ** 20} MiB.`, field: "weights" };
  let modelJson: string;
  try {
    modelJson = new TextDecoder("utf-8", { fatal: true }).decode(modelJsonBytes);
    JSON.parse(modelJson);
  } catch {
    return { error: "model.json is not valid JSON text.", field: "modelJson" };
  }
  if (modelJson.length > MAX_MODEL_JSON_CHARS) return { error: "model.json is larger than 2 MiB.", field: "modelJson" };
  return { code: encodeWeightsBundle(modelJson, weightsBytes) };
}
