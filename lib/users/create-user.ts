import type { Role } from "../generated/prisma/enums";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { hashPassword } from "./password";
import { SignUpSchema, type SignUpProblem } from "./schemas";

export interface CreateUserOptions {
  input: unknown;
  role?: Role;
}

/**
 * Registers a new account. Public sign-up always creates learners; other roles come from admins or the seed.
 * A refusal's field errors are SignUpProblem keys, which the sign-up page words in the reader's language.
 */
export async function createUser({ input, role = "LEARNER" }: CreateUserOptions) {
  const { name, email, password } = parseInput(SignUpSchema, input);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new ValidationError("Please correct the highlighted fields.", {
      email: ["email_taken" satisfies SignUpProblem],
    });
  }
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({
      data: { name, email, passwordHash, role },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides.
    if (error instanceof Error && "code" in error && error.code === "P2002") {
      throw new ValidationError("Please correct the highlighted fields.", {
        email: ["email_taken" satisfies SignUpProblem],
      });
    }
    throw error;
  }
}
