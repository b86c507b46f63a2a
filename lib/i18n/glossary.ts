// Words that stay as they are in every language: product, library and format names, and the few
// abbreviations the course teaches by name. Both the catalogue tests and the end-to-end check for
// English left on a Chinese page (e2e/fixtures/english-text.ts) allow these and nothing else.
export const GLOSSARY: readonly string[] = [
  "TensorFlow.js",
  "JavaScript",
  "TypeScript",
  "CodeMirror",
  "Gradient",
  "Open Badges",
  "VC-JOSE-COSE",
  "JSON-LD",
  "JSON",
  // The databases the status pages report on.
  "Postgres",
  "Redis",
  // The formats an author writes course files in.
  "YAML",
  "Markdown",
  "JWS",
  "PDF",
  // Keys as their caps name them.
  "Tab",
  "Esc",
  "CSV",
  "SHA-256",
  "URL",
  "API",
  "LMS",
  // LTI 1.3: the standard, its services and the learning platforms instructors register Gradient in.
  "LTI Advantage",
  "LTI",
  "OpenID Connect",
  "OIDC",
  "JWKS",
  "RS256",
  "Canvas",
  "Moodle",
  "MSE",
  "F1",
  // Models, layers, functions and data sets the course names as their papers and libraries do.
  "Layers API",
  "Leaky ReLU",
  "ReLU",
  "Dropout",
  // Chinese writing on deep learning keeps this word as it is, and so do the course's Chinese texts.
  "epochs",
  "epoch",
  "Sigmoid",
  "sigmoid",
  "Tanh",
  "tanh",
  "Softmax",
  "softmax",
  "MNIST",
  "RNN",
  "MAE",
  "AI",
  "GPU",
  // The browser back ends a snippet can run on.
  "WebGL",
  "WebAssembly",
  "Transformer",
  "LSTM",
  "BERT",
  "GPT",
  "Adam",
  "sha256",
  "MiB",
  "UTC",
  "eddsa-rdfc-2022",
  "jwt",
  "json",
];

/** `text` without its glossary words (longest first, so "JSON-LD" goes before "JSON"). */
export function withoutGlossary(text: string): string {
  let rest = text;
  for (const word of [...GLOSSARY].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(" ");
  return rest;
}

/** Runs of two or more ASCII letters: what an English word looks like once names are taken out. */
export function englishWords(text: string): string[] {
  return withoutGlossary(text).match(/[A-Za-z]{2,}/g) ?? [];
}
