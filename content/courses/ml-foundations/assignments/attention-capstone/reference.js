// Reference solution: every image row is a token of 28 pixels. Learned position embeddings are
// added to the raw rows, a dense projection embeds them (so each row's position vector is projected
// along with its pixels), and one Transformer encoder block
// (self-attention and a feed-forward layer, each with a residual connection and layer
// normalisation) mixes them. The head flattens the 28 encoded rows rather than averaging them, so
// it still knows where in the image each feature was found.
export async function train({ tf, data, budget, platformLayers }) {
  const [rows, columns] = data.inputShape;
  const width = 32;

  const input = tf.input({ shape: data.inputShape });
  const tokens = tf.layers.reshape({ targetShape: [rows, columns] }).apply(input);
  const placed = platformLayers.positionEmbedding({ maxLength: rows }).apply(tokens);
  let x = tf.layers.dense({ units: width }).apply(placed);

  const attended = platformLayers.multiHeadSelfAttention({ numHeads: 4, keyDim: 8 }).apply(x);
  x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, attended]));
  const hidden = tf.layers.dense({ units: 2 * width, activation: "relu" }).apply(x);
  const projected = tf.layers.dense({ units: width }).apply(hidden);
  x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, projected]));

  const flat = tf.layers.flatten().apply(x);
  const output = tf.layers.dense({ units: data.numClasses, activation: "softmax" }).apply(flat);
  const model = tf.model({ inputs: input, outputs: output });

  model.compile({ optimizer: tf.train.adam(0.003), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(data.xs, data.ys, {
    epochs: Math.min(6, budget.maxEpochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: accuracy ${logs.acc.toFixed(3)}`),
    },
  });
  return model;
}
