// What the web server needs to answer a shared page request (web-server/index.ts): the current
// version of what such pages show and, for a signed-in reader, who they are. One indexed query on
// a small `pg` pool of the web server's own, outside Next: the shared page cache answers before
// Next (and its Prisma client) is involved.
import { decode } from "next-auth/jwt";
import { Pool } from "pg";
import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import type { SharedPageRequest } from "./shared-page-cache";

const ContextRowSchema = z.object({
  version: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(Role).nullable(),
});

export interface SharedPageContext {
  version: string;
  /** The signed-in reader, for a page shared between readers. */
  reader: { id: string; name: string; role: Role } | null;
}

export interface SharedPageContextReader {
  /** The context, or null when the request is not one to answer from the cache (no valid session, no such account). */
  read(request: SharedPageRequest): Promise<SharedPageContext | null>;
  close(): Promise<void>;
}

export function createSharedPageContextReader(
  connectionString: string,
  authSecret: string | undefined,
): SharedPageContextReader {
  // Few connections: each read takes well under a millisecond. A connection Postgres drops while
  // idle is replaced by the next read, so the listener only keeps the process alive.
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined);

  /** The account id in a session cookie, checked (signature, expiry) as next-auth checks it. */
  const readerId = async (token: string): Promise<string | null> => {
    if (!authSecret) return null;
    try {
      const claims = await decode({ token, secret: authSecret });
      return typeof claims?.uid === "string" ? claims.uid : null;
    } catch {
      return null;
    }
  };

  return {
    async read(request) {
      const userId = request.session ? await readerId(request.session.value) : null;
      if (request.audience === "readers" && !userId) return null;
      const result = await pool.query(
        'SELECT v."version"::text AS "version", ' +
          'u."id", u."name", u."role"::text AS "role" FROM "CacheVersion" v ' +
          'LEFT JOIN "User" u ON u."id" = $2 WHERE v."scope" = $1',
        [request.scope, userId],
      );
      if (result.rows.length === 0)
        throw new Error(`CacheVersion has no row for ${request.scope}: are the migrations applied?`);
      const row = ContextRowSchema.parse(result.rows[0]);
      const reader = row.id && row.name !== null && row.role ? { id: row.id, name: row.name, role: row.role } : null;
      if (request.audience === "readers" && !reader) return null;
      return { version: row.version, reader };
    },
    close: () => pool.end(),
  };
}
