// Lab 1: linear regression. Return a trained tf.LayersModel that maps 8 features to 1 value.
// `data.xs` is [2000, 8], `data.ys` is [2000, 1]. See the brief for the full contract.
export async function train({ tf, data, budget }) {
  const model = tf.sequential();
  // TODO: add a dense layer with one unit and inputShape data.inputShape.

  // TODO: compile with an optimizer (e.g. tf.train.sgd(learningRate)) and loss "meanSquaredError".

  // TODO: fit for at most budget.maxEpochs epochs.

  return model;
}
