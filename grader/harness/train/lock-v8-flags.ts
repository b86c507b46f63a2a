// V8 flags set at run time reach below Node's permission model: `--allow-natives-syntax` hands code
// V8's internal functions, a known road to memory corruption in the process that holds the data and
// writes the model. Training never needs to change a flag, so the harness takes the setter away
// before learner code runs. syncBuiltinESMExports carries the change to `import { ... } from
// "node:v8"`, and require() and process.getBuiltinModule() return the same patched object.
import { syncBuiltinESMExports } from "node:module";
import v8 from "node:v8";

export function lockV8Flags(): void {
  v8.setFlagsFromString = () => {
    throw new Error("v8.setFlagsFromString is not available in the grading sandbox.");
  };
  syncBuiltinESMExports();
}
