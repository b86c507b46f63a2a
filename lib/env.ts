// The one place that reads the process environment. Everything is validated here at start-up so
// a bad setting fails loudly at boot, never at the first request.
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.url().optional());

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const EnvSchema = z.object({
  /** development | production | test, as Node tools use it. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Postgres connection string; when absent `npm start` runs an embedded Postgres in .data/. */
  DATABASE_URL: optionalUrl,
  /** Redis connection string; when absent `npm start` runs a local redis-server in .data/. */
  REDIS_URL: optionalUrl,
  /** Port of the web app. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Web server processes sharing the port; one per core (at most 8) when unset. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  /** The address people reach the site at; used in links, certificates and next-auth. */
  PUBLIC_URL: optionalUrl,
  /** Secret that signs session cookies; `npm start` creates one in .data/ when absent. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /**
   * Folder for local state: embedded Postgres, Redis data, generated secrets, data sets, job folders.
   * As root, what the postgres and sandbox users must reach goes to /var/lib/gradient/ when they
   * cannot enter this folder (lib/system/reachable-folder.ts), linked from it as `shared`.
   */
  GRADIENT_DATA_DIR: z.string().default(".data"),
  /** Prefix of every BullMQ key, so several installations or test runs can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default("gradient"),
  /** Grading jobs one worker runs at a time. */
  GRADER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Seconds after which a job whose worker stopped answering is taken over by another worker. */
  GRADER_LOCK_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  /** How often a worker reports that it is alive; a worker silent for three periods is presumed dead and its job taken over. */
  GRADER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** How long a worker told to stop (SIGTERM) lets its running jobs finish before it hands them back and exits. */
  GRADER_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Force a TensorFlow.js backend (tensorflow-gpu, tensorflow, wasm, cpu) instead of the fastest installed. */
  GRADER_BACKEND: z.enum(["tensorflow-gpu", "tensorflow", "wasm", "cpu"]).optional(),
  /** Development only: grade even where a sandbox layer is missing. Never set this in production. */
  GRADER_UNSAFE_ALLOW_WEAK_SANDBOX: flag,
  /** Ed25519 private key (PKCS#8 PEM) that signs certificates. */
  SIGNING_KEY: z.string().optional(),
  /** File holding the signing key (PKCS#8 PEM, mode 0600); `npm start` creates one when neither is set. */
  SIGNING_KEY_FILE: z.string().optional(),
  /** Log verbosity of the scripts and the worker. */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export const dataDir = path.resolve(env.GRADIENT_DATA_DIR);

export const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;

/** Web server processes: WEB_PROCESSES, else one per core (at most 8). */
export const webProcessCount = env.WEB_PROCESSES ?? Math.min(os.availableParallelism(), 8);

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the platform with `npm start`, or set DATABASE_URL.");
  }
  return env.DATABASE_URL;
}

export function requireRedisUrl(): string {
  if (!env.REDIS_URL) {
    throw new Error("REDIS_URL is not set: start the platform with `npm start`, or set REDIS_URL.");
  }
  return env.REDIS_URL;
}

/** The environment for the child processes that scripts start, with the given overrides. */
export function childEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
