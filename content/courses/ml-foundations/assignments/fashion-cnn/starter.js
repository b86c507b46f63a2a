// Lab 3: classify 28x28 grey-scale clothing photos into 10 classes with a convolutional network.
// `data.xs` is [n, 28, 28, 1] with pixels in [0, 1]; `data.ys` is one-hot [n, 10]. Return a trained
// tf.LayersModel whose output is [batch, 10]. See the brief for the full contract and the budget.
export async function train({ tf, data, budget }) {
  const model = tf.sequential();
  // TODO: one or two tf.layers.conv2d layers (inputShape: data.inputShape on the first), each
  //       followed by tf.layers.maxPooling2d, or use strides: 2 to shrink the image instead.
  // TODO: tf.layers.flatten(), then a small dense layer and an output layer with
  //       data.numClasses units and softmax.

  // TODO: compile with an optimizer (tf.train.adam), loss "categoricalCrossentropy" and
  //       metrics ["accuracy"], then fit on data.xs / data.ys within budget.maxEpochs.

  return model;
}
