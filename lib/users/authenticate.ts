import { db } from "../db";
import { RateLimitedError } from "../errors";
import { clearFailures, recordFailure, secondsUntilAllowed, throttleKeys } from "./login-throttle";
import { getDecoyHash, verifyPassword } from "./password";
import { SignInSchema } from "./schemas";

export const SIGN_IN_FAILED_MESSAGE = "That email and password do not match an account.";

export interface AuthenticateOptions {
  input: unknown;
  clientAddress?: string;
}

/**
 * Checks an email and password. Returns the user, or null without saying which part was wrong;
 * throws RateLimitedError while too many recent failures are on record.
 */
export async function authenticate({ input, clientAddress }: AuthenticateOptions) {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, clientAddress);
  const wait = await secondsUntilAllowed(keys);
  if (wait > 0) {
    throw new RateLimitedError(`Too many failed sign-ins. Try again in ${wait} seconds.`, wait);
  }
  const user = await db.user.findUnique({ where: { email } });
  // Unknown emails still cost one hash, so response time does not reveal which accounts exist.
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !isValid) {
    await recordFailure(keys);
    return null;
  }
  await clearFailures(email);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
