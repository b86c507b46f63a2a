// Capstone: classify Fashion-MNIST images with a small Transformer encoder that treats each of the
// 28 image rows as a token. `data.xs` is [n, 28, 28, 1]; return a tf.LayersModel with output
// [batch, 10]. Attention layers must come from `platformLayers` so the grader can reload them.
export async function train({ tf, data, budget, platformLayers }) {
  const [rows, columns] = data.inputShape;
  const width = 32; // features per token inside the encoder

  const input = tf.input({ shape: data.inputShape });
  // 28 tokens of 28 pixels each.
  const tokens = tf.layers.reshape({ targetShape: [rows, columns] }).apply(input);

  // TODO: add learned positions to the rows: platformLayers.positionEmbedding({ maxLength: rows }).
  // TODO: embed every token: a tf.layers.dense with `width` units.
  // TODO: an encoder block:
  //         attended = platformLayers.multiHeadSelfAttention({ numHeads: ..., keyDim: ... }).apply(x)
  //         x = layerNormalization(add([x, attended]))
  //         then a two-layer feed-forward network with its own residual connection and layer norm.
  // TODO: pool the tokens (tf.layers.globalAveragePooling1d) and classify with a softmax dense layer.
  const output = undefined;

  const model = tf.model({ inputs: input, outputs: output });
  // TODO: compile (tf.train.adam, "categoricalCrossentropy", ["accuracy"]) and fit within the budget.
  return model;
}
