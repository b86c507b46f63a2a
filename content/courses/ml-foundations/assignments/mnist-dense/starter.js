// Lab 2: classify 28x28 digits given as 784 pixels in [0, 1]. Return a trained tf.LayersModel
// whose output is [batch, 10] (one score per digit). See the brief for the full contract.
export async function train({ tf, data, budget }) {
  const model = tf.sequential();
  // TODO: hidden dense layer(s) with a non-linear activation, inputShape: data.inputShape.
  // TODO: an output dense layer with data.numClasses units and softmax.

  // TODO: compile with an optimizer, loss "categoricalCrossentropy" and metrics ["accuracy"].
  // TODO: fit on data.xs / data.ys within budget.maxEpochs.

  return model;
}
