// Tries every way node has to start another program or thread.
const results = {};
function attempt(name, run) {
  try {
    results[name] = `ok:${JSON.stringify(run())}`;
  } catch (error) {
    results[name] = `err:${error.code ?? error.message}`;
  }
}

const childProcess = require("node:child_process");
attempt("spawnSync", () => childProcess.spawnSync("/bin/sh", ["-c", "echo escaped"]).stdout?.toString());
attempt("execSync", () => childProcess.execSync("echo escaped").toString());
attempt("execFileSync node", () => childProcess.execFileSync(process.execPath, ["-e", "1"]).toString());
attempt("spawn", () => childProcess.spawn("/bin/sh", ["-c", "sleep 100"]).pid);
attempt("fork", () => childProcess.fork(__filename).pid);
attempt("worker", () => new (require("node:worker_threads").Worker)("1", { eval: true }).threadId);
attempt("process.binding spawn_sync", () => typeof process.binding("spawn_sync"));
attempt("dlopen", () => process.dlopen({ exports: {} }, "/usr/lib/x86_64-linux-gnu/libc.so.6"));
console.log(JSON.stringify(results));
