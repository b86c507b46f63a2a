// The metrics the scorer reports. Classification metrics take predicted and true class ids;
// predictions are the argmax of whatever the model outputs, so softmax and logits score alike.

export function accuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length || actual.length === 0)
    throw new Error("accuracy needs equally long, non-empty inputs");
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct / actual.length;
}

/**
 * Unweighted mean of the per-class F1 scores over every class that occurs in either the labels
 * or the predictions (a class nobody predicted and that never occurs contributes nothing, as in
 * scikit-learn's default).
 */
export function macroF1(predicted: ArrayLike<number>, actual: ArrayLike<number>, numClasses: number): number {
  if (predicted.length !== actual.length || actual.length === 0)
    throw new Error("macro-F1 needs equally long, non-empty inputs");
  const truePositives = new Float64Array(numClasses);
  const predictedCounts = new Float64Array(numClasses);
  const actualCounts = new Float64Array(numClasses);
  for (let i = 0; i < actual.length; i++) {
    const p = predicted[i] ?? -1;
    const a = actual[i] ?? -1;
    if (p >= 0 && p < numClasses) predictedCounts[p] = (predictedCounts[p] ?? 0) + 1;
    if (a >= 0 && a < numClasses) actualCounts[a] = (actualCounts[a] ?? 0) + 1;
    if (p === a && a >= 0 && a < numClasses) truePositives[a] = (truePositives[a] ?? 0) + 1;
  }
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < numClasses; c++) {
    const denominator = (predictedCounts[c] ?? 0) + (actualCounts[c] ?? 0);
    if (denominator === 0) continue;
    sum += (2 * (truePositives[c] ?? 0)) / denominator;
    classes++;
  }
  return classes === 0 ? 0 : sum / classes;
}

export function meanSquaredError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length || actual.length === 0)
    throw new Error("MSE needs equally long, non-empty inputs");
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = (predicted[i] ?? 0) - (actual[i] ?? 0);
    sum += d * d;
  }
  return sum / actual.length;
}

/** Index of the largest value in each row of a row-major [rows, columns] matrix. */
export function argmaxRows(values: ArrayLike<number>, columns: number): Int32Array {
  const rows = values.length / columns;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < columns; c++) {
      const v = values[r * columns + c] ?? -Infinity;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
