// The command-line tools' arguments, validated like any other input: node:util parseArgs reads
// them, a zod schema checks them, and whatever is wrong is said on stderr with the tool's usage
// line before the tool exits with code 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { errorMessage } from "./errors";

export class UsageError extends Error {}

/** The exit code of a tool called the wrong way. */
export const USAGE_EXIT_CODE = 2;

export interface CommandLine<T extends z.ZodType> {
  /** One line of usage, printed with every problem and for --help. */
  usage: string;
  /** parseArgs's options; --help (-h) is added to every tool. */
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Whether words that are not options are allowed; they reach the schema as `positionals`. */
  allowPositionals?: boolean;
  /** Checks the values (and `positionals`) and turns them into what the tool uses. */
  schema: T;
  /** The arguments; the process's own by default. */
  args?: string[];
}

/**
 * The tool's arguments as its schema makes them. --help prints the usage on stdout and exits 0;
 * anything the parser or the schema rejects is printed with the usage, and the process exits 2.
 */
export function parseCommandLine<T extends z.ZodType>(commandLine: CommandLine<T>): z.infer<T> {
  try {
    return parseCommandLineOrThrow(commandLine);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(USAGE_EXIT_CODE);
  }
}

/** As parseCommandLine, but a problem throws a UsageError, for a tool that must answer it in its own way. */
export function parseCommandLineOrThrow<T extends z.ZodType>(commandLine: CommandLine<T>): z.infer<T> {
  let parsed;
  try {
    parsed = parseArgs({
      args: commandLine.args ?? process.argv.slice(2),
      options: { ...commandLine.options, help: { type: "boolean", short: "h" } },
      allowPositionals: commandLine.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${errorMessage(error)}\n${commandLine.usage}`);
  }
  const { help, ...values }: Record<string, unknown> = parsed.values;
  if (help === true) {
    console.log(commandLine.usage);
    process.exit(0);
  }
  const result = commandLine.schema.safeParse({ ...values, positionals: parsed.positionals });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [key] = issue.path;
      // A message that does not name its option gets the option's name in front.
      const isUnnamed = typeof key === "string" && key !== "positionals" && !issue.message.includes(`--${key}`);
      return isUnnamed ? `--${key}: ${issue.message}` : issue.message;
    });
    throw new UsageError(`${problems.join("\n")}\n${commandLine.usage}`);
  }
  return result.data;
}
