// The one Prisma client of the process. Prisma runs here without its Rust engines: the query
// compiler in the client plus the `pg` driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { requireDatabaseUrl } from "./env";

const globalForPrisma = globalThis as unknown as { gradientPrisma?: PrismaClient };

// Created on first use rather than at import: `next build` imports every route without a
// database, and Next's dev server re-evaluates modules, which must not multiply connection pools.
function client(): PrismaClient {
  globalForPrisma.gradientPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: requireDatabaseUrl() }),
  });
  return globalForPrisma.gradientPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property, instance);
    return typeof value === "function" ? (value.bind(instance) as unknown) : value;
  },
});

// Prisma's codes for a database it cannot reach, or that dropped or timed out the connection.
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** Whether `error` means Postgres is away (a restart, a failover), not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  return error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_CODES.has(error.code);
}
