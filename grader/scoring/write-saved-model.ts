// Writes a model the way the sandbox harness saves one; for the scoring tests and the scoring bench.
import fs from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;

/** model.json plus one weights.bin in `folder`; `edit` may change model.json before it is written. */
export async function writeSavedModel(
  tf: Tf,
  model: ReturnType<Tf["model"]>,
  folder: string,
  edit?: (json: Record<string, unknown>) => void,
): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = Array.isArray(artifacts.weightData)
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : artifacts.weightData;
      fs.writeFileSync(path.join(folder, "weights.bin"), new Uint8Array(data ?? new ArrayBuffer(0)));
      const json: Record<string, unknown> = {
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      };
      edit?.(json);
      fs.writeFileSync(path.join(folder, "model.json"), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
}
