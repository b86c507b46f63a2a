import { db } from "./db";

export interface Health {
  isHealthy: boolean;
  database: "up" | "down";
}

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { isHealthy: true, database: "up" };
  } catch {
    return { isHealthy: false, database: "down" };
  }
}
