// Fixed-window counters in Redis, shared by every web server. A window's counter expires with the
// window, so Redis holds at most one small key per active caller and limit.
import { Redis } from "ioredis";
import { env, requireRedisUrl } from "../env";
import { RateLimitedError } from "../errors";
import { logger } from "../log";

export interface RateLimit {
  /** Names the counter in Redis and in logs. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** What the caller reads in the 429, before "Try again in N seconds." */
  message: string;
}

/** Requests with a valid token, per account: a CLI polling once a second uses a quarter. */
export const API_REQUESTS_PER_ACCOUNT: RateLimit = {
  name: "api-account",
  limit: 240,
  windowSeconds: 60,
  message: "Too many API requests for this account.",
};
/** Requests per client address, whatever their token. */
export const API_REQUESTS_PER_ADDRESS: RateLimit = {
  name: "api-address",
  limit: 600,
  windowSeconds: 60,
  message: "Too many API requests from your address.",
};
/** Unknown, revoked or expired tokens per address: guessing stops long before it could matter. */
export const FAILED_TOKENS_PER_ADDRESS: RateLimit = {
  name: "api-bad-token",
  limit: 20,
  windowSeconds: 600,
  message: "Too many requests with an invalid token from your address.",
};
/** Submissions per account; grading takes longer than this allows anyway. */
export const SUBMISSIONS_PER_ACCOUNT: RateLimit = {
  name: "submit-account",
  limit: 5,
  windowSeconds: 60,
  message: "You are submitting too often.",
};
/** Submissions per client address, for several accounts behind one machine. */
export const SUBMISSIONS_PER_ADDRESS: RateLimit = {
  name: "submit-address",
  limit: 20,
  windowSeconds: 60,
  message: "Too many submissions from your address.",
};

/** New accounts per client address: enough for a classroom behind one address, too few for a sign-up flood. */
export const SIGN_UPS_PER_ADDRESS: RateLimit = {
  name: "sign-up-address",
  limit: 30,
  windowSeconds: 3600,
  message: "Too many new accounts from your address.",
};

/** Open Badges API client registrations per address: a wallet registers once per server, not per learner. */
export const CLIENT_REGISTRATIONS_PER_ADDRESS: RateLimit = {
  name: "ob-register-address",
  limit: 20,
  windowSeconds: 3600,
  message: "Too many client registrations from your address.",
};

/** Open Badges API token requests per address: codes and refresh tokens are not worth guessing at this pace. */
export const TOKEN_REQUESTS_PER_ADDRESS: RateLimit = {
  name: "ob-token-address",
  limit: 60,
  windowSeconds: 60,
  message: "Too many token requests from your address.",
};

// Every limit of a request in one round trip, in order: each is counted (INCR, and the expiry in
// the same step, so a crash between them cannot leave a counter that never expires) or, for a
// peek, only read. The first one over its limit stops the script, so the ones after it are not
// counted, as if each had been hit on its own. Returns {0, 0}, or {position of that limit, ms left}.
const HIT_SCRIPT = `
for i = 1, #KEYS do
  local limit = tonumber(ARGV[i * 3 - 2])
  local windowMs = ARGV[i * 3 - 1]
  if ARGV[i * 3] == 'peek' then
    local count = tonumber(redis.call('GET', KEYS[i]) or '0')
    local ttl = redis.call('PTTL', KEYS[i])
    if count >= limit and ttl > 0 then return {i, ttl} end
  else
    local count = redis.call('INCR', KEYS[i])
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then
      redis.call('PEXPIRE', KEYS[i], windowMs)
      ttl = tonumber(windowMs)
    end
    if count > limit then return {i, ttl} end
  end
end
return {0, 0}
`;

const globalForLimiter = globalThis as unknown as { gradientRateLimitRedis?: Redis };

// Not the queue's connection: that one waits forever for Redis by design, and a request must not.
function redis(): Redis {
  globalForLimiter.gradientRateLimitRedis ??= new Redis(requireRedisUrl(), {
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
  });
  return globalForLimiter.gradientRateLimitRedis;
}

function keyOf(rule: RateLimit, subject: string): string {
  return `${env.QUEUE_PREFIX}:rate:${rule.name}:${subject}`;
}

function refuse(rule: RateLimit, ttlMs: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new RateLimitedError(`${rule.message} Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, seconds);
}

export interface RateLimitHit {
  rule: RateLimit;
  subject: string;
  /** Only check that the limit is not used up already, without counting this request. */
  isPeek?: boolean;
}

/**
 * Counts one request against each limit, in order and in one round trip to Redis, and throws a
 * RateLimitedError for the first whose window is used up. When Redis cannot be reached the request
 * goes through: the limits protect the service, and refusing everyone while Redis restarts would
 * be the outage they exist to prevent.
 */
export async function hitRateLimits(hits: RateLimitHit[]): Promise<void> {
  let result: unknown;
  try {
    const limits = hits.flatMap(({ rule, isPeek }) => [
      String(rule.limit),
      String(rule.windowSeconds * 1000),
      isPeek ? "peek" : "count",
    ]);
    result = await redis().eval(
      HIT_SCRIPT,
      hits.length,
      ...hits.map(({ rule, subject }) => keyOf(rule, subject)),
      ...limits,
    );
  } catch (error) {
    logger.warn({ err: error, rules: hits.map(({ rule }) => rule.name) }, "rate limits not applied, Redis unavailable");
    return;
  }
  const [position, ttlMs] = Array.isArray(result) ? result.map(Number) : [];
  const refused = position ? hits[position - 1] : undefined;
  if (refused && ttlMs !== undefined) throw refuse(refused.rule, ttlMs);
}

/** Counts one request against `rule` for `subject` (see hitRateLimits). */
export function hitRateLimit(rule: RateLimit, subject: string): Promise<void> {
  return hitRateLimits([{ rule, subject }]);
}

/** Closes the limiter's Redis connection (scripts and tests that exit cleanly). */
export async function closeRateLimiter(): Promise<void> {
  await globalForLimiter.gradientRateLimitRedis?.quit();
  globalForLimiter.gradientRateLimitRedis = undefined;
}
