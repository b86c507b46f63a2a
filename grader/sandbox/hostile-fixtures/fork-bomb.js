// Forks without end by every route it can find, and never exits on its own.
const childProcess = require("node:child_process");
const { Worker } = require("node:worker_threads");

let started = 0;
let refused = 0;
for (let i = 0; i < 10000; i += 1) {
  try {
    childProcess.spawn(process.execPath, [__filename], { detached: true, stdio: "ignore" }).unref();
    started += 1;
  } catch {
    refused += 1;
  }
  try {
    new Worker(__filename);
    started += 1;
  } catch {
    refused += 1;
  }
}
console.log(JSON.stringify({ started, refused }));
setInterval(() => undefined, 1000);
