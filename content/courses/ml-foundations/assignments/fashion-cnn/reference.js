// Reference solution: two strided convolutions (stride 2 does the down-sampling a pooling layer
// would, at a quarter of the cost) and a small dense head. Eight epochs on 60,000 images take about 35 s on the
// native engine; on wasm the 90 s budget stops fit() after about six, above the threshold all the same.
export async function train({ tf, data, budget }) {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: data.inputShape, filters: 16, kernelSize: 5, strides: 2, activation: "relu" }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, activation: "relu" }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dense({ units: data.numClasses, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(data.xs, data.ys, {
    epochs: Math.min(8, budget.maxEpochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
  });
  return model;
}
