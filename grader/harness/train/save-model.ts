// Saves the trained model as model.json and weights.bin in the output folder, which the scorer
// outside reads (through its no-link reader) and rebuilds the model from.
import fs from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import type { Tf } from "./start-backend";

/** Saves `model` and returns the topology it saved, which says which layer classes it holds. */
export async function saveModel(tf: Tf, model: tfjs.LayersModel, outputDir: string): Promise<unknown> {
  let savedTopology: unknown;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = Array.isArray(artifacts.weightData)
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : artifacts.weightData;
      fs.writeFileSync(path.join(outputDir, "weights.bin"), new Uint8Array(weightData ?? new ArrayBuffer(0)));
      savedTopology = artifacts.modelTopology;
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      };
      fs.writeFileSync(path.join(outputDir, "model.json"), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return savedTopology;
}
