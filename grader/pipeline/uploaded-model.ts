// Take-home work arrives as model.json and its weights; they are laid out as the sandbox harness
// saves a trained model (model.json naming one weights.bin), so the same scorer reads both.
import fs from "node:fs";
import path from "node:path";
import { learnerFailure, type Failure } from "./classify-run";

/** Writes the uploaded model into `outputDir`; returns a failure when model.json is unusable. */
export function writeUploadedModel(outputDir: string, bundle: { modelJson: string; weights: Buffer }): Failure | null {
  let model: { modelTopology?: unknown; weightsManifest?: Array<{ weights?: unknown }> };
  try {
    model = JSON.parse(bundle.modelJson) as typeof model;
  } catch {
    return learnerFailure("invalid_weights", "model.json is not valid JSON.");
  }
  const manifest = Array.isArray(model.weightsManifest) ? model.weightsManifest : [];
  if (typeof model.modelTopology !== "object" || model.modelTopology === null || manifest.length === 0) {
    return learnerFailure(
      "invalid_weights",
      "model.json must be a TensorFlow.js layers model as model.save() writes it, " +
        "with modelTopology and weightsManifest.",
    );
  }
  // model.save() may split weights into shards; the upload is their concatenation, in manifest order.
  const weights = manifest.flatMap((group) => (Array.isArray(group.weights) ? (group.weights as unknown[]) : []));
  fs.writeFileSync(
    path.join(outputDir, "model.json"),
    JSON.stringify({ modelTopology: model.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights }] }),
  );
  fs.writeFileSync(path.join(outputDir, "weights.bin"), bundle.weights);
  return null;
}
