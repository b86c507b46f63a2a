// Which sites may show Gradient in a frame (CSP frame-ancestors): the origins registered with the
// enabled platforms, and no others. The web server asks for every response, so it keeps the list
// in memory and refreshes it in the background: a request never waits on the database, and a
// database that does not answer leaves the last list in force. No Prisma here: the web server
// loads this file, and a pool of one `pg` connection is all it needs.
import { Pool } from "pg";
import { z } from "zod";
import type { Logger } from "../log";

/** The origin of `value` when it is a plain http(s) origin; null for anything a policy must not hold. */
export function frameOriginOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  if (url.pathname !== "/" || url.search || url.hash) return null;
  return url.origin;
}

/** The valid origins among the platforms' lists, each once, in a stable order. */
export function frameOriginsOf(lists: readonly (readonly string[])[]): string[] {
  const origins = new Set<string>();
  for (const list of lists) {
    for (const value of list) {
      const origin = frameOriginOf(value);
      if (origin) origins.add(origin);
    }
  }
  return [...origins].sort();
}

const FrameOriginRowSchema = z.object({ frameOrigins: z.array(z.string()) });

/**
 * A reader of the frame origins on a one-connection `pg` pool of the caller's own: the web server
 * reads them outside Next, before Next (and its Prisma client) sees the request.
 */
export function createFrameOriginsReader(connectionString: string): {
  read(): Promise<string[]>;
  close(): Promise<void>;
} {
  const pool = new Pool({ connectionString, max: 1, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
  pool.on("error", () => undefined);
  return {
    async read() {
      const result = await pool.query('SELECT "frameOrigins" FROM "LtiPlatform" WHERE "isEnabled"');
      return frameOriginsOf(result.rows.map((row) => FrameOriginRowSchema.parse(row).frameOrigins));
    },
    close: () => pool.end(),
  };
}

/** A platform just registered can frame Gradient within seconds; one small query per period and process costs nothing. */
export const FRAME_ORIGINS_REFRESH_MS = 5_000;

export interface FrameAncestors {
  /** The list as last read; starts a refresh in the background when it is older than the period. */
  current(): readonly string[];
  /** Reads the list now (at start-up); a failure keeps the last list and is logged. */
  refresh(): Promise<void>;
}

export function createFrameAncestors({
  read,
  log,
  refreshMs = FRAME_ORIGINS_REFRESH_MS,
  now = Date.now,
}: {
  read: () => Promise<string[]>;
  log: Logger;
  refreshMs?: number;
  now?: () => number;
}): FrameAncestors {
  let origins: readonly string[] = [];
  let readAt = -Infinity;
  let pending: Promise<void> | null = null;
  const refresh = () => {
    pending ??= (async () => {
      try {
        origins = Object.freeze(await read());
      } catch (error) {
        log.warn({ err: error }, "could not read the LTI frame origins; keeping the last list");
      } finally {
        // A failure waits a period too: a database that is down is not asked on every request.
        readAt = now();
        pending = null;
      }
    })();
    return pending;
  };
  return {
    current() {
      if (now() - readAt >= refreshMs) void refresh();
      return origins;
    },
    refresh,
  };
}
