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
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default("gradient"),
  /** Grading jobs one worker runs at a time. */
  GRADER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Training runs of one multi-seed graded attempt that train at once; when unset, the cores per job and half the
   * memory over the lab's memory cap decide. 1 runs them one after another.
   */
  GRADER_PARALLEL_RUNS: z.coerce.number().int().min(1).max(5).optional(),
  /** Seconds after which a job whose worker stopped answering is taken over by another worker. */
  GRADER_LOCK_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  /**
   * How often a worker reports that it is alive; a worker silent for three periods is presumed dead and its job taken
   * over.
   */
  GRADER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** How often each worker sweeps: relays pending outbox rows and re-queues submissions whose job vanished. */
  GRADER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /**
   * A queued submission is re-queued by a sweep only once it has waited this long with no live job: younger, its job
   * is most likely still on its way from the outbox.
   */
  GRADER_QUEUED_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How long a worker told to stop (SIGTERM) lets its running jobs finish before it hands them back and exits. */
  GRADER_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /**
   * Cores' worth of CPU time each sandboxed run may use (cgroup cpu.max): 1 is one whole core, 0.5
   * half of one, 2 two cores for a run that trains on several threads.
   */
  GRADER_CPU_SHARE: z.coerce.number().min(0.05).max(256).default(1),
  /** Force a TensorFlow.js backend (tensorflow-gpu, tensorflow, native, wasm, cpu) instead of the fastest installed. */
  GRADER_BACKEND: z.enum(["tensorflow-gpu", "tensorflow", "native", "wasm", "cpu"]).optional(),
  /**
   * OpenMP threads of the native engine in each training run. More than GRADER_CPU_SHARE cores'
   * worth only makes threads wait for the cgroup; receipts record the count.
   */
  GRADER_NATIVE_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  /** Set by npm for the scripts it runs: the node-gyp it ships, which builds the native engine. */
  npm_config_node_gyp: z.string().optional(),
  /**
   * JSON file of the native addons sandboxed code may load, each reviewed: `[{"path": "/abs/x.node", "sha256": "…"}]`
   * (grader/sandbox/native-addons.ts). None may load when unset.
   */
  GRADER_NATIVE_ADDONS: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined)),
  /**
   * GPU hosts: device nodes bound into sandboxed runs that load native addons, comma-separated absolute paths under
   * /dev (e.g. /dev/nvidia0,/dev/nvidiactl,/dev/nvidia-uvm); each must be a character device when a run starts.
   */
  GRADER_GPU_DEVICES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((device) => device.trim())
        .filter((device) => device !== ""),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(
            (device) => /^\/dev\/.*[^/]$/.test(device) && path.posix.normalize(device) === device,
            "each device must be an absolute, normalised path under /dev/",
          ),
      ),
    ),
  /** Development only: grade even where a sandbox layer is missing. Never set this in production. */
  GRADER_UNSAFE_ALLOW_WEAK_SANDBOX: flag,
  /** Ed25519 private key (PKCS#8 PEM) that signs certificates. */
  SIGNING_KEY: z.string().optional(),
  /** File holding the signing key (PKCS#8 PEM, mode 0600); `npm start` creates one when neither is set. */
  SIGNING_KEY_FILE: z.string().optional(),
  /**
   * The LTI 1.3 tool's RSA private key (PKCS#8 PEM), which signs deep linking responses and service
   * token requests; separate from the certificate signing key. When absent, LTI_TOOL_KEY_FILE or
   * lti-tool-key.pem in the data folder, created on first use.
   */
  LTI_TOOL_KEY: z.string().optional(),
  /** A file holding the LTI tool's private key (mode 0600); rotation rewrites it. */
  LTI_TOOL_KEY_FILE: z.string().optional(),
  /** Least severe log records written (pino's levels, most to least verbose; silent writes none) by the worker, the web server and the scripts. */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** How logs look on stderr: json (one object a line, for collectors) or pretty (one readable line each); pretty when stderr is a terminal, else json. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
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

// `let` only for overrideEnvironmentForTest, which derives them again.
export let dataDir = path.resolve(env.GRADIENT_DATA_DIR);

export let publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;

/** Web server processes: WEB_PROCESSES, else one per core (at most 8). */
export let webProcessCount = env.WEB_PROCESSES ?? Math.min(os.availableParallelism(), 8);

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

/** The settings that hold the certificate signing key or name its file. */
export const SIGNING_KEY_VARIABLES = ["SIGNING_KEY", "SIGNING_KEY_FILE"] as const;

/** Whether this process was given the signing key, or a file to read it from. */
export function hasSigningKeySetting(): boolean {
  return SIGNING_KEY_VARIABLES.some((name) => env[name] !== undefined);
}

/** The settings that hold the LTI tool key or name its file (lib/lti/tool-key.ts). */
export const LTI_TOOL_KEY_VARIABLES = ["LTI_TOOL_KEY", "LTI_TOOL_KEY_FILE"] as const;

/**
 * `processEnv` without the signing key settings, nor the LTI tool key's: the environment of a process
 * that handles learner artefacts (the grading worker), which must never hold either key (README,
 * Trust boundaries).
 */
export function withoutSigningKey(processEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...processEnv };
  for (const name of [...SIGNING_KEY_VARIABLES, ...LTI_TOOL_KEY_VARIABLES]) delete rest[name];
  return rest;
}

/**
 * The environment for a child that must see only `variables` (besides NODE_ENV, and PATH to find
 * programs): a client run as someone else's machine would run it, with none of the platform's settings.
 */
export function isolatedChildEnvironment(variables: Record<string, string>): NodeJS.ProcessEnv {
  return { ...variables, NODE_ENV: env.NODE_ENV, PATH: process.env.PATH };
}

/**
 * Test support: sets variables of this process's own environment (undefined removes one), for the
 * children it starts and for the sandbox tests that look for them, and reads it again into `env`.
 * Whatever a module made from the old values when it was imported (a database client, a cache
 * folder) stays as it was: call this before importing the modules under test.
 */
export function overrideEnvironmentForTest(variables: Record<string, string | undefined>): void {
  const next: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  // Checked before anything changes: a refused value leaves the process as it was.
  const reread = parseEnv(next);
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  for (const key of Object.keys(env) as (keyof Env)[]) delete env[key];
  Object.assign(env, reread);
  dataDir = path.resolve(env.GRADIENT_DATA_DIR);
  publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  webProcessCount = env.WEB_PROCESSES ?? Math.min(os.availableParallelism(), 8);
}

const SubmitClientEnvSchema = z.object({
  /** The learner's personal access token (created at /account/tokens). */
  GRADIENT_TOKEN: z
    .string({ error: "Set GRADIENT_TOKEN to a personal access token (create one at /account/tokens)." })
    .regex(
      /^gra_[A-Za-z0-9_-]{43}$/,
      "GRADIENT_TOKEN does not look like a Gradient token (gra_ followed by 43 characters).",
    ),
  /** The site's address. */
  GRADIENT_URL: z
    .url("GRADIENT_URL must be the site's address, like http://localhost:3000.")
    .default("http://localhost:3000"),
});

export type SubmitClientEnv = z.infer<typeof SubmitClientEnvSchema>;

/**
 * The two settings of `npm run submit`, a client of the server on a learner's machine: read only
 * when it runs, so that the server's settings never depend on them. Throws with what to fix.
 */
export function readSubmitClientEnv(): SubmitClientEnv {
  const parsed = SubmitClientEnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n"));
  return parsed.data;
}
