// The current version of a kind of shared content (CacheVersion, bumped by triggers in Postgres).
// Read with `pg` on a small pool of the web server's own, outside Next: the shared page cache
// answers before Next (and its Prisma client) is involved, and one indexed read is all it needs.
import { Pool } from "pg";
import type { SharedPageScope } from "./shared-page-cache";

export interface CacheVersionReader {
  read(scope: SharedPageScope): Promise<string>;
  close(): Promise<void>;
}

export function createCacheVersionReader(connectionString: string): CacheVersionReader {
  // Few connections: each read takes well under a millisecond. A connection Postgres drops while
  // idle is replaced by the next read, so the listener only keeps the process alive.
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined);
  return {
    async read(scope) {
      const result = await pool.query<{ version: string }>('SELECT "version"::text AS "version" FROM "CacheVersion" WHERE "scope" = $1', [scope]);
      const version = result.rows[0]?.version;
      if (version === undefined) throw new Error(`CacheVersion has no row for ${scope}: are the migrations applied?`);
      return version;
    },
    close: () => pool.end(),
  };
}
