import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { requireDatabaseUrl } from "./lib/env";

// Prisma 6.19's JavaScript schema engine cannot deserialise Postgres `name` columns (prisma#27403),
// which `migrate deploy` reads from the catalogue. Report them as `text`, which is what they hold.
// Only the CLI loads this file; the application's own queries are untouched.
const NAME_OID = 19;
const TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function relabelNameColumns<T>(result: T): T {
  const fields = (result as QueryResultLike | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields) {
      if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- called with .apply(this) below
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const last = args[args.length - 1];
  if (typeof last === "function") {
    const callback = last as (error: Error | null, result: unknown) => void;
    args[args.length - 1] = (error: Error | null, result: unknown) => callback(error, relabelNameColumns(result));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  }
  const outcome = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  return outcome instanceof Promise ? outcome.then(relabelNameColumns) : outcome;
} as typeof pg.Client.prototype.query;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: requireDatabaseUrl() }),
});
