// Reference solution: one hidden layer of 128 ReLU units with a little dropout; Adam converges
// in a handful of epochs on 8,000 digits.
export async function train({ tf, data, budget }) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: "relu", inputShape: data.inputShape }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: data.numClasses, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(data.xs, data.ys, {
    epochs: Math.min(10, budget.maxEpochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: accuracy ${logs.acc.toFixed(3)}`),
    },
  });
  return model;
}
