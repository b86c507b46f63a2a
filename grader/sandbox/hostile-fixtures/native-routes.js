// Tries every way node offers JavaScript to reach the system below it: the calls the seccomp
// filter denies are only reachable from native code, and each door to native code must be shut.
const results = {};
function attempt(name, run) {
  try {
    results[name] = `ok:${JSON.stringify(run())}`;
  } catch (error) {
    results[name] = `err:${error.code ?? error.message}`;
  }
}

attempt("WASI with the root preopened", () => {
  const { WASI } = require("node:wasi");
  return typeof new WASI({ version: "preview1", preopens: { "/": "/" } }).wasiImport;
});
attempt("process.binding fs", () => typeof process.binding("fs"));
attempt("process.binding uv", () => typeof process.binding("uv"));
attempt("inspector", () => {
  const inspector = require("node:inspector");
  inspector.open(0);
  return inspector.url();
});
attempt("dlopen an addon", () => process.dlopen({ exports: {} }, "/code/no-such-addon.node"));
attempt("worker thread", () => new (require("node:worker_threads").Worker)("1", { eval: true }).threadId);
console.log(JSON.stringify(results));
