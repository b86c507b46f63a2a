// Fixed-window counters in Redis, shared by every web server. A window's counter expires with the
// window, so Redis holds at most one small key per active caller and limit.
import { Redis } from "ioredis";
import { env, requireRedisUrl } from "../env";
import { RateLimitedError } from "../errors";

export interface RateLimit {
  /** Names the counter in Redis and in logs. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** What the caller reads in the 429, before "Try again in N seconds." */
  message: string;
}

/** Requests with a valid token, per account: a CLI polling once a second uses a quarter. */
export const API_REQUESTS_PER_ACCOUNT: RateLimit = { name: "api-account", limit: 240, windowSeconds: 60, message: "Too many API requests for this account." };
/** Requests per client address, whatever their token. */
export const API_REQUESTS_PER_ADDRESS: RateLimit = { name: "api-address", limit: 600, windowSeconds: 60, message: "Too many API requests from your address." };
/** Unknown, revoked or expired tokens per address: guessing stops long before it could matter. */
export const FAILED_TOKENS_PER_ADDRESS: RateLimit = { name: "api-bad-token", limit: 20, windowSeconds: 600, message: "Too many requests with an invalid token from your address." };
/** Submissions per account; grading takes longer than this allows anyway. */
export const SUBMISSIONS_PER_ACCOUNT: RateLimit = { name: "submit-account", limit: 5, windowSeconds: 60, message: "You are submitting too often." };
/** Submissions per client address, for several accounts behind one machine. */
export const SUBMISSIONS_PER_ADDRESS: RateLimit = { name: "submit-address", limit: 20, windowSeconds: 60, message: "Too many submissions from your address." };

/** New accounts per client address: enough for a classroom behind one address, too few for a sign-up flood. */
export const SIGN_UPS_PER_ADDRESS: RateLimit = { name: "sign-up-address", limit: 30, windowSeconds: 3600, message: "Too many new accounts from your address." };

// INCR and the expiry in one step, so a crash between them cannot leave a counter that never expires.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const globalForLimiter = globalThis as unknown as { gradientRateLimitRedis?: Redis };

// Not the queue's connection: that one waits forever for Redis by design, and a request must not.
function redis(): Redis {
  globalForLimiter.gradientRateLimitRedis ??= new Redis(requireRedisUrl(), { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  return globalForLimiter.gradientRateLimitRedis;
}

function keyOf(rule: RateLimit, subject: string): string {
  return `${env.QUEUE_PREFIX}:rate:${rule.name}:${subject}`;
}

function refuse(rule: RateLimit, ttlMs: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new RateLimitedError(`${rule.message} Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, seconds);
}

/**
 * Counts one request against `rule` for `subject` and throws a RateLimitedError once the window's
 * limit is passed. When Redis cannot be reached the request goes through: the limits protect the
 * service, and refusing everyone while Redis restarts would be the outage they exist to prevent.
 */
export async function hitRateLimit(rule: RateLimit, subject: string): Promise<void> {
  let result: unknown;
  try {
    result = await redis().eval(HIT_SCRIPT, 1, keyOf(rule, subject), String(rule.windowSeconds * 1000));
  } catch (error) {
    console.warn(`rate limit ${rule.name} not applied, Redis unavailable:`, error);
    return;
  }
  const [count, ttlMs] = Array.isArray(result) ? result.map(Number) : [];
  if (count !== undefined && ttlMs !== undefined && count > rule.limit) throw refuse(rule, ttlMs);
}

/** Throws if `subject` has already used up `rule` in this window, without counting a request. */
export async function assertUnderRateLimit(rule: RateLimit, subject: string): Promise<void> {
  let count: string | null;
  let ttlMs: number;
  try {
    const key = keyOf(rule, subject);
    [count, ttlMs] = await Promise.all([redis().get(key), redis().pttl(key)]);
  } catch (error) {
    console.warn(`rate limit ${rule.name} not checked, Redis unavailable:`, error);
    return;
  }
  if (count !== null && Number(count) >= rule.limit && ttlMs > 0) throw refuse(rule, ttlMs);
}

/** Closes the limiter's Redis connection (scripts and tests that exit cleanly). */
export async function closeRateLimiter(): Promise<void> {
  await globalForLimiter.gradientRateLimitRedis?.quit();
  globalForLimiter.gradientRateLimitRedis = undefined;
}
