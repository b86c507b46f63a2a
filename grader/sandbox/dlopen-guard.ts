// The one door from JavaScript to native code, narrowed to the reviewed addons. With addons allowed
// node loads any `.node` file through process.dlopen: require() (Module._extensions[".node"]),
// module.createRequire() and process.dlopen itself all end there, and it looks process.dlopen up at
// each call. The guard, loaded before any learner code, puts a frozen function in its place that
// passes only the listed paths on. The other doors stay shut by the permission model:
// process.binding and workers throw ERR_ACCESS_DENIED, internalBinding needs --expose-internals
// (no environment, so no NODE_OPTIONS either), and import() of a `.node` file is an unknown
// extension on this node.

/**
 * An `--import=data:` module for node: `filenames` are the exact paths process.dlopen may open,
 * which is what node's loader passes it for a require(): the file's real path.
 */
export function dlopenGuardImport(filenames: readonly string[]): string {
  // Everything the guard calls is taken before learner code runs and could replace it: a swapped
  // Reflect.apply would otherwise be handed the original dlopen. A filename must be a string,
  // checked once, as an object could name a listed file to the check and another to dlopen.
  // (An ES module is strict code, so a stack trace's getFunction() cannot reach the guard's frame.)
  const source = [
    `const LISTED = Object.freeze(${JSON.stringify(filenames)});`,
    "const original = process.dlopen;",
    "const apply = Reflect.apply;",
    "const NativeError = Error;",
    "const NativeTypeError = TypeError;",
    "function dlopen(module, filename, flags) {",
    '  if (typeof filename !== "string") throw new NativeTypeError("process.dlopen takes the addon\'s path as a string");',
    "  let isListed = false;",
    "  for (let i = 0; i < LISTED.length; i++) if (LISTED[i] === filename) isListed = true;",
    "  if (!isListed) throw new NativeError(`native addon ${filename} is not on the grader's reviewed list`);",
    "  return apply(original, process, arguments.length > 2 ? [module, filename, flags] : [module, filename]);",
    "}",
    'Object.defineProperty(process, "dlopen", { value: dlopen, writable: false, configurable: false, enumerable: true });',
  ].join("\n");
  // base64: a data: URL ends its code at any "?" or "#".
  return `--import=data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
}
