// Lab 4: decide whether an e-mail is spam (class 1) or ham (class 0) from its first words.
// `data.xs` is [n, 64] int32 token ids (0 = padding, 1 = unknown word); `data.vocabulary[id]` is the
// word behind an id. Return a trained tf.LayersModel whose output is [batch, 2]. See the brief.
export async function train({ tf, data, budget, seed }) {
  const [sequenceLength] = data.inputShape;
  const model = tf.sequential();
  // TODO: tf.layers.embedding({ inputDim: data.vocabulary.length, outputDim: ..., inputLength: sequenceLength })
  // TODO: tf.layers.lstm({ units: ... }) (it returns the last state by default)
  // TODO: an output layer with data.numClasses units and softmax.

  // TODO: compile with tf.train.adam, loss "categoricalCrossentropy", metrics ["accuracy"], and fit
  //       on data.xs / data.ys for a few epochs (each one takes around ten seconds).

  return model;
}
