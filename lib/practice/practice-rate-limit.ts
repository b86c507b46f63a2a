// Practice runs cost no attempt, so only these limits stand between a learner and the workers:
// their own, apart from graded submissions', so checking code never uses up a submission slot.
import type { RateLimit } from "../api/rate-limit";

/** A check takes 20-40 s to come back; four a minute keeps a learner busy without filling the queue. */
export const PRACTICE_RUNS_PER_ACCOUNT: RateLimit = {
  name: "practice-account",
  limit: 4,
  windowSeconds: 60,
  message: "You are checking your code too often.",
};

/** Per client address, for several accounts behind one machine. */
export const PRACTICE_RUNS_PER_ADDRESS: RateLimit = {
  name: "practice-address",
  limit: 20,
  windowSeconds: 60,
  message: "Too many code checks from your address.",
};
