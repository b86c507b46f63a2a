// The course's reference models, shared by the bench and the backend probes. Shapes follow the
// issue: what learners submit is measured against these.
import type * as tfTypes from "@tensorflow/tfjs";

type Tf = typeof tfTypes;

export interface ReferenceModel {
  name: string;
  model: tfTypes.LayersModel;
  batchSize: number;
  /** A batch of random inputs and targets; the caller disposes them. */
  batch(size: number): { x: tfTypes.Tensor; y: tfTypes.Tensor };
}

export const MODEL_NAMES = ["mlp", "cnn", "lstm", "transformer"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

const oneHotBatch = (tf: Tf, size: number, classes: number): tfTypes.Tensor =>
  tf.tidy(() => tf.oneHot(tf.randomUniform([size], 0, classes, "int32"), classes).toFloat());

export function buildMlp(tf: Tf): ReferenceModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return {
    name: "mlp",
    model,
    batchSize: 64,
    batch: (size) => ({ x: tf.randomUniform([size, 784]), y: oneHotBatch(tf, size, 10) }),
  };
}

export function buildCnn(tf: Tf): ReferenceModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return {
    name: "cnn",
    model,
    batchSize: 64,
    batch: (size) => ({ x: tf.randomUniform([size, 28, 28, 1]), y: oneHotBatch(tf, size, 10) }),
  };
}

export const LSTM_SEQUENCE = 100;
export const LSTM_VOCAB = 10000;

export function buildLstm(tf: Tf): ReferenceModel {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: LSTM_VOCAB, outputDim: 64, inputLength: LSTM_SEQUENCE }),
      tf.layers.lstm({ units: 64 }),
      tf.layers.dense({ units: 1, activation: "sigmoid" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return {
    name: "lstm",
    model,
    batchSize: 64,
    batch: (size) => ({
      x: tf.randomUniform([size, LSTM_SEQUENCE], 0, LSTM_VOCAB, "int32").toFloat(),
      y: tf.randomUniform([size, 1], 0, 2, "int32").toFloat(),
    }),
  };
}

export const TRANSFORMER_LENGTH = 64;
export const TRANSFORMER_DIM = 64;
export const TRANSFORMER_HEADS = 4;

/** Registering the same class twice with tfjs's serialization registry throws, so it is made once per tf. */
const attentionClasses = new WeakMap<Tf, new (config: AttentionConfig) => tfTypes.layers.Layer>();

interface AttentionConfig {
  dim: number;
  heads: number;
}

export function multiHeadSelfAttention(tf: Tf, config: AttentionConfig): tfTypes.layers.Layer {
  let Attention = attentionClasses.get(tf);
  if (!Attention) {
    class MultiHeadSelfAttention extends tf.layers.Layer {
      static readonly className = "MultiHeadSelfAttention";
      private readonly dim: number;
      private readonly heads: number;
      private wq?: tfTypes.LayerVariable;
      private wk?: tfTypes.LayerVariable;
      private wv?: tfTypes.LayerVariable;
      private wo?: tfTypes.LayerVariable;

      constructor(args: AttentionConfig) {
        super({});
        this.dim = args.dim;
        this.heads = args.heads;
      }

      override build(): void {
        const init = () => tf.initializers.glorotUniform({});
        this.wq = this.addWeight("wq", [this.dim, this.dim], "float32", init());
        this.wk = this.addWeight("wk", [this.dim, this.dim], "float32", init());
        this.wv = this.addWeight("wv", [this.dim, this.dim], "float32", init());
        this.wo = this.addWeight("wo", [this.dim, this.dim], "float32", init());
        this.built = true;
      }

      override computeOutputShape(inputShape: tfTypes.Shape | tfTypes.Shape[]): tfTypes.Shape | tfTypes.Shape[] {
        return inputShape;
      }

      override call(inputs: tfTypes.Tensor | tfTypes.Tensor[]): tfTypes.Tensor {
        return tf.tidy(() => {
          const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tfTypes.Tensor3D;
          const { wq, wk, wv, wo } = this;
          if (!x || !wq || !wk || !wv || !wo) throw new Error("MultiHeadSelfAttention called before build");
          const [batch, length] = x.shape;
          const headDim = this.dim / this.heads;
          const flat = x.reshape([batch * length, this.dim]);
          const split = (w: tfTypes.LayerVariable) =>
            tf.matMul(flat, w.read()).reshape([batch, length, this.heads, headDim]).transpose([0, 2, 1, 3]);
          const q = split(wq);
          const k = split(wk);
          const v = split(wv);
          const scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(headDim));
          const context = tf
            .matMul(tf.softmax(scores), v)
            .transpose([0, 2, 1, 3])
            .reshape([batch * length, this.dim]);
          return tf.matMul(context, wo.read()).reshape([batch, length, this.dim]);
        });
      }

      override getConfig(): tfTypes.serialization.ConfigDict {
        return { ...super.getConfig(), dim: this.dim, heads: this.heads };
      }
    }
    tf.serialization.registerClass(MultiHeadSelfAttention);
    Attention = MultiHeadSelfAttention;
    attentionClasses.set(tf, Attention);
  }
  return new Attention(config);
}

export function buildTransformer(tf: Tf): ReferenceModel {
  const input = tf.input({ shape: [TRANSFORMER_LENGTH, TRANSFORMER_DIM] });
  const attended = multiHeadSelfAttention(tf, { dim: TRANSFORMER_DIM, heads: TRANSFORMER_HEADS }).apply(
    input,
  ) as tfTypes.SymbolicTensor;
  const norm1 = tf.layers
    .layerNormalization()
    .apply(tf.layers.add().apply([input, attended])) as tfTypes.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 4 * TRANSFORMER_DIM, activation: "relu" }).apply(norm1);
  const projected = tf.layers.dense({ units: TRANSFORMER_DIM }).apply(hidden) as tfTypes.SymbolicTensor;
  const norm2 = tf.layers
    .layerNormalization()
    .apply(tf.layers.add().apply([norm1, projected])) as tfTypes.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d().apply(norm2);
  const output = tf.layers.dense({ units: 10, activation: "softmax" }).apply(pooled) as tfTypes.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return {
    name: "transformer",
    model,
    batchSize: 32,
    batch: (size) => ({
      x: tf.randomNormal([size, TRANSFORMER_LENGTH, TRANSFORMER_DIM]),
      y: oneHotBatch(tf, size, 10),
    }),
  };
}

export const BUILDERS: Record<ModelName, (tf: Tf) => ReferenceModel> = {
  mlp: buildMlp,
  cnn: buildCnn,
  lstm: buildLstm,
  transformer: buildTransformer,
};
