// Writes the TRAIN split into a job folder that the sandbox binds read-only. The held-out labels
// have no writer on purpose: they only ever exist in the scorer's memory (the sandboxed prediction
// run gets the held-out inputs alone, grader/scoring/prediction-job.ts).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { bytesOf, type PreparedDataset, splitHeader } from "./types";

const ArrayFileSchema = z.object({
  file: z.string(),
  dtype: z.enum(["float32", "int32"]),
  shape: z.array(z.number().int().min(0)),
});

/** manifest.json beside the binary files; the harness reads it inside the sandbox. */
export const TrainManifestSchema = z.object({
  format: z.literal(1),
  task: z.enum(["classification", "regression"]),
  xs: ArrayFileSchema,
  ys: ArrayFileSchema,
  classNames: z.array(z.string()).optional(),
  vocabulary: z.array(z.string()).optional(),
  /** Same value as the receipt's datasetSha256: header line, xs bytes, ys bytes. */
  sha256: z.string(),
  /** The exact header line that was hashed, so anyone can recompute the hash from the files. */
  hashedHeader: z.string(),
});
export type TrainManifest = z.infer<typeof TrainManifestSchema>;

export function materialiseTrainSplit(dataset: PreparedDataset, folder: string): TrainManifest {
  fs.mkdirSync(folder, { recursive: true });
  const { xs, ys } = dataset.train;
  fs.writeFileSync(path.join(folder, "xs.bin"), bytesOf(xs));
  fs.writeFileSync(path.join(folder, "ys.bin"), bytesOf(ys));
  const manifest: TrainManifest = {
    format: 1,
    task: dataset.task,
    xs: { file: "xs.bin", dtype: xs.dtype, shape: xs.shape },
    ys: { file: "ys.bin", dtype: ys.dtype, shape: ys.shape },
    ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
    ...(dataset.vocabulary ? { vocabulary: dataset.vocabulary } : {}),
    sha256: dataset.trainSha256,
    hashedHeader: splitHeader(dataset.train),
  };
  fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest));
  return manifest;
}
