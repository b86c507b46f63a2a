// Writes where it was allowed to (argv[2], the output folder) and everywhere else it can think of.
const fs = require("node:fs");
const path = require("node:path");

const [outputDir, codeDir] = process.argv.slice(2);
const results = {};
function attempt(name, run) {
  try {
    run();
    results[name] = "ok";
  } catch (error) {
    results[name] = `err:${error.code ?? error.message}`;
  }
}

attempt("output", () => fs.writeFileSync(path.join(outputDir, "result.txt"), "written inside"));
attempt("output subdir", () => {
  fs.mkdirSync(path.join(outputDir, "nested"));
  fs.writeFileSync(path.join(outputDir, "nested", "deep.txt"), "deep");
});
attempt("escape via ..", () => fs.writeFileSync(path.join(outputDir, "..", "escaped.txt"), "x"));
attempt("code dir", () => fs.writeFileSync(path.join(codeDir, "planted.js"), "x"));
attempt("tmp", () => fs.writeFileSync("/tmp/planted.txt", "x"));
attempt("root", () => fs.writeFileSync("/planted.txt", "x"));
attempt("etc", () => fs.writeFileSync("/etc/planted.txt", "x"));
attempt("usr", () => fs.writeFileSync("/usr/bin/planted", "x"));
attempt("symlink out", () => fs.symlinkSync("/etc", path.join(outputDir, "link")));
console.log(JSON.stringify(results));
