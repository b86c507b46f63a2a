/** Whether Prisma refused a write because a unique constraint already holds the value. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "P2002";
}
