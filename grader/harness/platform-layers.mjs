// Layer classes the platform ships. They are plain JavaScript so the same file runs in the training
// sandbox (where the learner builds models with them) and in the prediction run (predict.mjs, which
// must be able to rebuild those models without ever running learner code). Adding a class here is
// a platform code review, never something a submission can do.

const definitions = new WeakMap();

/** Defines the platform layers against this tfjs instance and registers them for deserialisation. */
export function registerPlatformLayers(tf) {
  const existing = definitions.get(tf);
  if (existing) return existing;

  /** Multi-head scaled dot-product self-attention over [batch, time, features]. */
  class MultiHeadSelfAttention extends tf.layers.Layer {
    static className = "GradientMultiHeadSelfAttention";

    constructor(config) {
      super(config);
      this.numHeads = config.numHeads;
      this.keyDim = config.keyDim;
      this.causal = config.causal ?? false;
      if (!Number.isInteger(this.numHeads) || this.numHeads < 1)
        throw new Error("MultiHeadSelfAttention: numHeads must be a positive integer");
      if (!Number.isInteger(this.keyDim) || this.keyDim < 1)
        throw new Error("MultiHeadSelfAttention: keyDim must be a positive integer");
    }

    build(inputShape) {
      const features = inputShape[inputShape.length - 1];
      const inner = this.numHeads * this.keyDim;
      const init = tf.initializers.glorotUniform({});
      const zeros = tf.initializers.zeros();
      this.queryKernel = this.addWeight("query_kernel", [features, inner], "float32", init);
      this.keyKernel = this.addWeight("key_kernel", [features, inner], "float32", init);
      this.valueKernel = this.addWeight("value_kernel", [features, inner], "float32", init);
      this.outputKernel = this.addWeight("output_kernel", [inner, features], "float32", init);
      this.queryBias = this.addWeight("query_bias", [inner], "float32", zeros);
      this.keyBias = this.addWeight("key_bias", [inner], "float32", zeros);
      this.valueBias = this.addWeight("value_bias", [inner], "float32", zeros);
      this.outputBias = this.addWeight("output_bias", [features], "float32", zeros);
      this.built = true;
    }

    computeOutputShape(inputShape) {
      return inputShape;
    }

    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const [batch, time, features] = x.shape;
        const flat = x.reshape([batch * time, features]);
        // [batch*time, heads*keyDim] -> [batch, heads, time, keyDim]
        const heads = (kernel, bias) =>
          tf
            .add(tf.matMul(flat, kernel.read()), bias.read())
            .reshape([batch, time, this.numHeads, this.keyDim])
            .transpose([0, 2, 1, 3]);
        const q = heads(this.queryKernel, this.queryBias);
        const k = heads(this.keyKernel, this.keyBias);
        const v = heads(this.valueKernel, this.valueBias);
        let scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(this.keyDim));
        if (this.causal) {
          // Large negative scores above the diagonal stop a position attending to later ones.
          const future = tf.sub(1, tf.linalg.bandPart(tf.ones([time, time]), -1, 0));
          scores = scores.add(future.mul(-1e9));
        }
        const attended = tf
          .matMul(tf.softmax(scores), v)
          .transpose([0, 2, 1, 3])
          .reshape([batch * time, this.numHeads * this.keyDim]);
        return tf
          .add(tf.matMul(attended, this.outputKernel.read()), this.outputBias.read())
          .reshape([batch, time, features]);
      });
    }

    getConfig() {
      return { ...super.getConfig(), numHeads: this.numHeads, keyDim: this.keyDim, causal: this.causal };
    }
  }

  /** Adds a learned embedding of each position to [batch, time, features]; time must be <= maxLength. */
  class PositionEmbedding extends tf.layers.Layer {
    static className = "GradientPositionEmbedding";

    constructor(config) {
      super(config);
      this.maxLength = config.maxLength;
      if (!Number.isInteger(this.maxLength) || this.maxLength < 1)
        throw new Error("PositionEmbedding: maxLength must be a positive integer");
    }

    build(inputShape) {
      const features = inputShape[inputShape.length - 1];
      this.positions = this.addWeight(
        "positions",
        [this.maxLength, features],
        "float32",
        tf.initializers.randomNormal({ stddev: 0.02 }),
      );
      this.built = true;
    }

    computeOutputShape(inputShape) {
      return inputShape;
    }

    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const [, time, features] = x.shape;
        return tf.add(x, this.positions.read().slice([0, 0], [time, features]));
      });
    }

    getConfig() {
      return { ...super.getConfig(), maxLength: this.maxLength };
    }
  }

  tf.serialization.registerClass(MultiHeadSelfAttention);
  tf.serialization.registerClass(PositionEmbedding);
  const layers = {
    MultiHeadSelfAttention,
    PositionEmbedding,
    multiHeadSelfAttention: (config) => new MultiHeadSelfAttention(config),
    positionEmbedding: (config) => new PositionEmbedding(config),
  };
  definitions.set(tf, layers);
  return layers;
}

/** Class names (as saved in model.json) of the layers above. */
export const PLATFORM_LAYER_CLASS_NAMES = ["GradientMultiHeadSelfAttention", "GradientPositionEmbedding"];
