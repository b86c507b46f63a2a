// The positive case: TensorFlow.js trains a tiny model and saves its weights to the output folder.
const fs = require("node:fs");
const path = require("node:path");
const tf = require("@tensorflow/tfjs");

const [outputDir, backend] = process.argv.slice(2);

async function main() {
  if (backend === "wasm") {
    require("@tensorflow/tfjs-backend-wasm");
  }
  await tf.setBackend(backend);
  await tf.ready();
  const xs = tf.tensor2d([[0], [1], [2], [3], [4], [5]]);
  const ys = tf.tensor2d([[1], [3], [5], [7], [9], [11]]);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
  await model.fit(xs, ys, {
    epochs: 60,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) => {
        if (epoch % 20 === 19) console.log(JSON.stringify({ type: "progress", epoch: epoch + 1, loss: logs.loss }));
      },
    },
  });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      fs.writeFileSync(path.join(outputDir, "model.json"), JSON.stringify(artifacts.modelTopology));
      fs.writeFileSync(path.join(outputDir, "weights.bin"), Buffer.from(artifacts.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  const prediction = model.predict(tf.tensor2d([[10]])).dataSync()[0];
  console.log(JSON.stringify({ type: "done", backend: tf.getBackend(), prediction }));
}

main().catch((error) => {
  console.error(error.stack);
  process.exit(1);
});
