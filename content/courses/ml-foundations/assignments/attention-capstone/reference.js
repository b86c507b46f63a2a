// Reference solution: every image row is a token of 28 pixels. Learned position embeddings are
// added to the raw rows, a dense projection embeds them (so each row's position vector is projected
// along with its pixels), and one Transformer encoder block
// (self-attention and a feed-forward layer, each with a residual connection and layer
// normalisation) mixes them. The head flattens the 28 encoded rows rather than averaging them, so
// it still knows where in the image each feature was found.
//
// It trains for 8 epochs and lowers the learning rate along the way: at a fixed rate of 0.003 the
// weights still jump between epochs, so the final accuracy depended on where the last step landed
// and on which images were held out. Should the machine be so busy that another epoch might not
// finish before the training deadline, it stops early with the model it has.
const EPOCHS = 8;
const PEAK_LEARNING_RATE = 0.003;
const FINAL_LEARNING_RATE = 0.0002;

/** Cosine decay from the peak rate in the first epoch to the final rate in the last. */
function learningRateFor(epoch) {
  const progress = epoch / (EPOCHS - 1);
  return FINAL_LEARNING_RATE + 0.5 * (PEAK_LEARNING_RATE - FINAL_LEARNING_RATE) * (1 + Math.cos(Math.PI * progress));
}

export async function train({ tf, data, budget, platformLayers, timeLeftMs }) {
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

  const optimizer = tf.train.adam(PEAK_LEARNING_RATE);
  model.compile({ optimizer, loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  let epochStartedAt = Date.now();
  await model.fit(data.xs, data.ys, {
    epochs: Math.min(EPOCHS, budget.maxEpochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: (epoch) => {
        epochStartedAt = Date.now();
        optimizer.learningRate = learningRateFor(epoch);
      },
      onEpochEnd: (epoch, logs) => {
        const epochMs = Date.now() - epochStartedAt;
        console.log(`epoch ${epoch + 1}: accuracy ${logs.acc.toFixed(3)} (${epochMs} ms)`);
        // Twice the last epoch's time: load on the machine varies from one epoch to the next.
        if (timeLeftMs() < 2 * epochMs) model.stopTraining = true;
      },
    },
  });
  return model;
}
