// The lab page's look at the data: the first few examples of the TRAIN split, exactly as the
// platform's preprocessing hands them to the learner's code.
import type { DatasetPreview } from "@/lib/assignments/dataset-preview";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { prepareDataset } from "./prepare";

const IMAGE_COUNT = 16;
const TEXT_COUNT = 4;
const TEXT_TOKENS = 60;
const TABLE_ROWS = 8;

export function datasetPreview(spec: AssignmentSpec): DatasetPreview {
  const { train, classNames = [], vocabulary } = prepareDataset(spec);
  const labelOf = (index: number) => classNames[train.ys.data[index] ?? 0] ?? String(train.ys.data[index]);
  const count = train.xs.shape[0] ?? 0;
  if (spec.dataset.kind === "mnist" || spec.dataset.kind === "fashion-mnist") {
    const size = 28 * 28;
    return {
      kind: "images",
      width: 28,
      height: 28,
      examples: Array.from({ length: Math.min(IMAGE_COUNT, count) }, (_, i) => {
        const grey = Uint8Array.from(train.xs.data.subarray(i * size, (i + 1) * size), (value) =>
          Math.round(Math.min(1, Math.max(0, value)) * 255),
        );
        return { pixels: Buffer.from(grey).toString("base64"), label: labelOf(i) };
      }),
    };
  }
  if (spec.dataset.kind === "spam-assassin" && vocabulary) {
    const length = train.xs.shape[1] ?? 0;
    return {
      kind: "text",
      examples: Array.from({ length: Math.min(TEXT_COUNT, count) }, (_, i) => {
        const ids = Array.from(train.xs.data.subarray(i * length, i * length + TEXT_TOKENS)).filter((id) => id !== 0);
        return {
          text: ids
            .map((id) => (id === 1 ? "[?]" : (vocabulary[id] ?? "[?]")))
            .join(" ")
            .slice(0, 600),
          label: labelOf(i),
        };
      }),
    };
  }
  const features = train.xs.shape[1] ?? 0;
  return {
    kind: "table",
    columns: [...Array.from({ length: features }, (_, i) => `x${i + 1}`), "y"],
    rows: Array.from({ length: Math.min(TABLE_ROWS, count) }, (_, i) => [
      ...Array.from(train.xs.data.subarray(i * features, (i + 1) * features), (value) => Number(value.toFixed(3))),
      Number((train.ys.data[i] ?? 0).toFixed(3)),
    ]),
  };
}
