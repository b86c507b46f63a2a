import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { parseCommandLineOrThrow, UsageError } from "./command-line";

const USAGE = "usage: tool --count <n> <file>";
const commandLine = (args: string[]) =>
  parseCommandLineOrThrow({
    usage: USAGE,
    options: { count: { type: "string", default: "1" } },
    allowPositionals: true,
    schema: z.object({
      count: z.coerce.number().int().min(1),
      positionals: z.tuple([z.string()], { error: "name one file" }),
    }),
    args,
  });

describe("parseCommandLineOrThrow", () => {
  it("gives the values as the schema makes them", () => {
    assert.deepEqual(commandLine(["--count", "3", "model.js"]), { count: 3, positionals: ["model.js"] });
    assert.deepEqual(commandLine(["model.js"]), { count: 1, positionals: ["model.js"] });
  });

  it("rejects an option it does not know, with the usage", () => {
    assert.throws(
      () => commandLine(["--cuont", "3", "model.js"]),
      (error: unknown) => error instanceof UsageError && /--cuont/.test(error.message) && error.message.endsWith(USAGE),
    );
  });

  it("rejects what the schema rejects, naming the option, with the usage", () => {
    assert.throws(
      () => commandLine(["--count", "many", "model.js"]),
      (error: unknown) =>
        error instanceof UsageError && /^--count: /.test(error.message) && error.message.endsWith(USAGE),
    );
    assert.throws(
      () => commandLine([]),
      (error: unknown) => error instanceof UsageError && /name one file/.test(error.message),
    );
  });
});
