// Which layer classes the trusted scorer can rebuild from model.json without running learner code.
// Plain JavaScript because the harness inside the sandbox asks the same question: a model that
// names any other class is scored from its recorded forward pass instead (forward-trace.mjs).
import { PLATFORM_LAYER_CLASS_NAMES } from "./platform-layers.mjs";

const BUILT_IN_LAYERS = [
  "InputLayer",
  "Dense",
  "Dropout",
  "SpatialDropout1D",
  "Flatten",
  "Reshape",
  "Permute",
  "RepeatVector",
  "Activation",
  "Embedding",
  "Masking",
  "Conv1D",
  "Conv2D",
  "Conv2DTranspose",
  "SeparableConv2D",
  "DepthwiseConv2D",
  "Cropping2D",
  "UpSampling2D",
  "ZeroPadding2D",
  "MaxPooling1D",
  "MaxPooling2D",
  "AveragePooling1D",
  "AveragePooling2D",
  "GlobalAveragePooling1D",
  "GlobalAveragePooling2D",
  "GlobalMaxPooling1D",
  "GlobalMaxPooling2D",
  "BatchNormalization",
  "LayerNormalization",
  "LSTM",
  "GRU",
  "SimpleRNN",
  "Bidirectional",
  "TimeDistributed",
  "Add",
  "Subtract",
  "Multiply",
  "Average",
  "Maximum",
  "Minimum",
  "Concatenate",
  "Dot",
  "ReLU",
  "LeakyReLU",
  "PReLU",
  "ELU",
  "ThresholdedReLU",
  "Softmax",
  "GaussianNoise",
  "GaussianDropout",
  "AlphaDropout",
  "Sequential",
  "Model",
  "Functional",
];

export const SCORABLE_LAYER_CLASS_NAMES = new Set([...BUILT_IN_LAYERS, ...PLATFORM_LAYER_CLASS_NAMES]);

/** Every layer class a topology names, including layers nested in wrappers and sub-models. */
export function layerClassNames(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) layerClassNames(item, found);
    return found;
  }
  if (node === null || typeof node !== "object") return found;
  const config = node.config;
  if (typeof node.class_name === "string" && config && typeof config === "object") {
    // Layers are the class_name entries inside `layers` lists and wrapper `layer` fields; the
    // top-level model is one too. Initializers and regularizers never sit in those places.
    if (node.isLayer === true) found.add(node.class_name);
    for (const child of Array.isArray(config.layers) ? config.layers : [])
      layerClassNames({ ...asRecord(child), isLayer: true }, found);
    if (config.layer) layerClassNames({ ...asRecord(config.layer), isLayer: true }, found);
  }
  return found;
}

/** The classes of a saved topology (the top-level model included) that the scorer cannot rebuild. */
export function unscorableLayerClasses(modelTopology) {
  return [...layerClassNames({ ...asRecord(modelTopology), isLayer: true })].filter(
    (name) => !SCORABLE_LAYER_CLASS_NAMES.has(name),
  );
}

function asRecord(value) {
  return value && typeof value === "object" ? value : {};
}
