import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DatasetPreviewSchema } from "@/lib/assignments/dataset-preview";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { materialiseTrainSplit, TrainManifestSchema } from "./materialise";
import { keyedPermutation } from "./keyed-random";
import { buildVocabulary, encodeDocuments, OOV_ID, PAD_ID, prepareDatasetUncached } from "./prepare";
import { datasetPreview } from "./preview";
import { tokenise } from "./sources";

/** A fixed secret, so these tests pin the splits; an installation's own is random (heldout-secret.ts). */
const SECRET = Buffer.from("datasets-test-secret-0123456789abcdefghijklmnop");
const OTHER_SECRET = Buffer.from("datasets-test-secret-other-0123456789abcdefghi");

const imageSplit = (seed: number, slug = "mnist-test") => ({
  slug,
  dataset: { kind: "mnist" as const },
  split: { trainSize: 600, heldOutSize: 400, seed },
  preprocessing: { imageLayout: "flat" as const, pixelScale: "unit" as const, sequenceLength: 16, vocabularySize: 100 },
});

function rowKeys(data: Float32Array, rowSize: number): Set<string> {
  const keys = new Set<string>();
  for (let i = 0; i < data.length; i += rowSize)
    keys.add(
      createHash("sha1")
        .update(data.subarray(i, i + rowSize))
        .digest("hex"),
    );
  return keys;
}

describe("datasets", () => {
  it("pins the linear-regression lab's split, so a changed generator cannot slip through", () => {
    const spec = loadAssignmentSpec("ml-foundations", "linear-regression");
    const dataset = prepareDatasetUncached(spec, SECRET);
    // The training rows follow from the published seed alone, the same on every installation.
    assert.equal(dataset.trainSha256, "61571b7eba85c756a08fa1072664bf8f44e85515321cb2efc32bc3738c34bd4c");
    // The held-out rows follow from the secret: this hash holds for the test's secret only.
    assert.equal(dataset.heldOutSha256, "f6b0c0024e00a0489171399d3cfa95719cab295b11f38337a7c49816385140a1");
    assert.deepEqual(dataset.train.xs.shape, [2000, 8]);
    assert.deepEqual(dataset.heldOut.ys.shape, [1000, 1]);
  });

  it("splits MNIST the same way for the same secret, seed and lab, and differently when any of them changes", () => {
    const a = prepareDatasetUncached(imageSplit(7), SECRET);
    const b = prepareDatasetUncached(imageSplit(7), SECRET);
    assert.equal(a.trainSha256, b.trainSha256);
    assert.equal(a.heldOutSha256, b.heldOutSha256);
    assert.deepEqual(Buffer.from(a.train.xs.data.buffer), Buffer.from(b.train.xs.data.buffer));
    for (const other of [
      prepareDatasetUncached(imageSplit(8), SECRET),
      prepareDatasetUncached(imageSplit(7, "another-lab"), SECRET),
      prepareDatasetUncached(imageSplit(7), OTHER_SECRET),
    ]) {
      assert.notEqual(a.trainSha256, other.trainSha256);
      assert.notEqual(a.heldOutSha256, other.heldOutSha256);
    }
    assert.notEqual(a.trainSha256, a.heldOutSha256);
    assert.deepEqual(a.train.xs.shape, [600, 784]);
    assert.equal(a.train.ys.dtype, "int32");
    let max = 0;
    for (const value of a.train.xs.data) max = Math.max(max, value);
    assert.ok(max <= 1 && max > 0.9, "pixels are scaled to [0, 1]");
  });

  it("keeps train and held-out images apart", () => {
    const dataset = prepareDatasetUncached(imageSplit(11), SECRET);
    const train = rowKeys(dataset.train.xs.data as Float32Array, 784);
    const heldOut = rowKeys(dataset.heldOut.xs.data as Float32Array, 784);
    // MNIST holds a few exact duplicate images, so allow a handful of collisions, not a leak.
    const shared = [...heldOut].filter((key) => train.has(key)).length;
    assert.ok(shared <= 3, `${shared} held-out images also in train`);
  });

  it("permutes every index exactly once, the same way for the same secret and context", () => {
    const order = keyedPermutation(1000, SECRET, "context");
    assert.deepEqual(
      [...order].sort((x, y) => x - y),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.deepEqual([...keyedPermutation(1000, SECRET, "context")], [...order]);
    assert.notDeepEqual([...keyedPermutation(1000, SECRET, "another context")], [...order]);
    assert.notDeepEqual([...keyedPermutation(1000, OTHER_SECRET, "context")], [...order]);
  });

  it("tokenises to lower-case words and builds the vocabulary from the documents it is given", () => {
    assert.deepEqual(tokenise("Hello, WORLD! Don't stop-me 42"), ["hello", "world", "don't", "stop", "me", "42"]);
    const vocabulary = buildVocabulary(
      [
        ["b", "a", "b"],
        ["c", "b", "a"],
      ],
      4,
    );
    assert.deepEqual(vocabulary, ["<pad>", "<oov>", "b", "a"]);
    const encoded = encodeDocuments([["a", "zzz", "b"], ["b"]], vocabulary, 4);
    assert.deepEqual([...encoded.data], [3, OOV_ID, 2, PAD_ID, 2, PAD_ID, PAD_ID, PAD_ID]);
  });

  it("writes a train split whose files hash to the manifest's sha256", () => {
    const dataset = prepareDatasetUncached(imageSplit(5), SECRET);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-split-"));
    try {
      const manifest = materialiseTrainSplit(dataset, folder);
      const hash = createHash("sha256")
        .update(`${manifest.hashedHeader}\n`)
        .update(fs.readFileSync(path.join(folder, manifest.xs.file)))
        .update(fs.readFileSync(path.join(folder, manifest.ys.file)))
        .digest("hex");
      assert.equal(hash, dataset.trainSha256);
      assert.deepEqual(fs.readdirSync(folder).sort(), ["manifest.json", "xs.bin", "ys.bin"]);
      assert.deepEqual(
        TrainManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8"))),
        manifest,
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the lab page's data preview", () => {
  it("shows the first training examples of every lab, in the shape the schema allows", () => {
    const expected = {
      "linear-regression": "table",
      "mnist-dense": "images",
      "fashion-cnn": "images",
      "spam-lstm": "text",
      "attention-capstone": "images",
    } as const;
    for (const [slug, kind] of Object.entries(expected)) {
      const preview = DatasetPreviewSchema.parse(datasetPreview(loadAssignmentSpec("ml-foundations", slug)));
      assert.equal(preview.kind, kind, slug);
      if (preview.kind === "images")
        assert.equal(Buffer.from(preview.examples[0]?.pixels ?? "", "base64").byteLength, 28 * 28);
      if (preview.kind === "text")
        assert.ok(
          preview.examples.every((example) => example.text.length > 0 && ["ham", "spam"].includes(example.label)),
          JSON.stringify(preview.examples[0]),
        );
    }
  });
});
