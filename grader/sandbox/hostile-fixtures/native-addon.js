// Loads the one reviewed addon, then tries every way to load the same bytes from anywhere else:
// another path, a copy in the output folder or /tmp, and each way of getting round the dlopen
// guard. argv: the listed addon, the same bytes at an unlisted (read-only) path, the output folder,
// and a device node for the addon to look at from native code.
const fs = require("node:fs");
const Module = require("node:module");

const [listed, unlisted, output, device] = process.argv.slice(2);
const results = {};
function attempt(name, run) {
  try {
    results[name] = `ok:${JSON.stringify(run())}`;
  } catch (error) {
    results[name] = `err:${error.code ?? error.message}`;
  }
}
/** What an unlisted copy answers if it loaded: the proof that the guard was got round. */
const loadUnlisted = (load) => {
  const target = { exports: {} };
  load(target);
  return target.exports.hello();
};

attempt("require the listed addon", () => require(listed).hello());
attempt("statPath through the listed addon", () => require(listed).statPath(device));
attempt("require the unlisted path", () => require(unlisted).hello());
attempt("process.dlopen the unlisted path", () => loadUnlisted((module) => process.dlopen(module, unlisted)));

const bytes = fs.readFileSync(listed);
for (const folder of [output, "/tmp"]) {
  const copy = `${folder}/copy.node`;
  attempt(`write a copy to ${folder}`, () => fs.writeFileSync(copy, bytes));
  attempt(`require the copy in ${folder}`, () => require(copy).hello());
}

attempt("assign process.dlopen", () => {
  process.dlopen = () => undefined;
  return loadUnlisted((module) => process.dlopen(module, unlisted));
});
attempt("redefine process.dlopen", () => {
  Object.defineProperty(process, "dlopen", { value: () => undefined });
  return loadUnlisted((module) => process.dlopen(module, unlisted));
});
attempt("delete process.dlopen", () => {
  delete process.dlopen;
  return loadUnlisted((module) => process.dlopen(module, unlisted));
});
attempt("Module._extensions['.node'] directly", () =>
  loadUnlisted((module) => Module._extensions[".node"](module, unlisted)),
);
attempt("Module._extensions['.js'] set to the .node loader", () => {
  const copy = `${output}/disguised.js`;
  fs.writeFileSync(copy, bytes);
  Module._extensions[".js"] = Module._extensions[".node"];
  return require(copy).hello();
});
attempt("module.createRequire", () => Module.createRequire(`${output}/x.js`)(unlisted).hello());
attempt("a filename that changes between the check and the load", () => {
  let asked = 0;
  const shifty = { toString: () => (asked++ === 0 ? listed : unlisted) };
  return loadUnlisted((module) => process.dlopen(module, shifty));
});
attempt("Reflect.apply replaced to catch the original dlopen", () => {
  let caught = null;
  const saved = Reflect.apply;
  Reflect.apply = (target, self, args) => {
    caught = target;
    return saved(target, self, args);
  };
  try {
    process.dlopen({ exports: {} }, listed);
  } finally {
    Reflect.apply = saved;
  }
  if (caught === null) throw new Error("the guard does not call the replaced Reflect.apply");
  return loadUnlisted((module) => caught.call(process, module, unlisted));
});
attempt("stack frames of a load reached for the original dlopen", () => {
  const found = [];
  Error.prepareStackTrace = (_error, frames) => {
    for (const frame of frames) if (typeof frame.getFunction() === "function") found.push(frame.getFunction());
    return "";
  };
  const watched = {};
  Object.defineProperty(watched, "exports", {
    get() {
      void new Error().stack;
      return {};
    },
    set() {},
  });
  try {
    process.dlopen(watched, listed);
  } finally {
    Error.prepareStackTrace = undefined;
  }
  const original = found.find((candidate) => candidate.name === "dlopen" && candidate !== process.dlopen);
  if (!original) throw new Error(`no frame holds another dlopen (${found.length} functions reachable)`);
  return loadUnlisted((target) => original.call(process, target, unlisted));
});
attempt("process.binding", () => typeof process.binding("process_methods"));

import(unlisted)
  .then(
    (loaded) => {
      results["import() the unlisted path"] = `ok:${JSON.stringify(loaded.default?.hello?.())}`;
    },
    (error) => {
      results["import() the unlisted path"] = `err:${error.code ?? error.message}`;
    },
  )
  .finally(() => console.log(JSON.stringify(results)));
