// Live progress travels from the worker to the web app through Postgres NOTIFY: the row is the
// truth, the notification only says "this submission changed, read it again".
import { Client } from "pg";
import { db } from "../db";
import { requireDatabaseUrl } from "../env";

export const PROGRESS_CHANNEL = "submission_progress";

export async function notifySubmissionChanged(submissionId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${PROGRESS_CHANNEL}, ${submissionId})`;
}

type Listener = (submissionId: string) => void;

const listeners = new Map<string, Set<Listener>>();
let connection: Promise<Client> | undefined;

// One LISTEN connection per web process, fanned out to every open progress stream.
function connect(): Promise<Client> {
  connection ??= (async () => {
    const client = new Client({ connectionString: requireDatabaseUrl() });
    client.on("notification", (message) => {
      if (!message.payload) return;
      for (const listener of listeners.get(message.payload) ?? []) listener(message.payload);
    });
    client.on("error", () => {
      // A lost connection is re-made by the next subscriber; open streams fall back to their
      // periodic re-read until then.
      connection = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
    return client;
  })().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}

/** Calls `listener` whenever the submission changes; returns the unsubscribe function. */
export async function onSubmissionChanged(submissionId: string, listener: Listener): Promise<() => void> {
  await connect();
  const set = listeners.get(submissionId) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(submissionId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(submissionId);
  };
}
