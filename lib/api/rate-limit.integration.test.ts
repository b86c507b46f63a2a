// Against the run's own Redis key prefix.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { RateLimitedError } from "../errors";
import { closeRateLimiter, hitRateLimit, hitRateLimits, type RateLimit } from "./rate-limit";

after(closeRateLimiter);

const rule = (windowSeconds = 60): RateLimit => ({
  name: `test-${crypto.randomUUID()}`,
  limit: 3,
  windowSeconds,
  message: "Slow down.",
});

describe("hitRateLimit", () => {
  test("lets the limit through, refuses the next with the time left, and keeps subjects apart", async () => {
    const limit = rule();
    for (let i = 0; i < 3; i++) await hitRateLimit(limit, "alice");
    await assert.rejects(hitRateLimit(limit, "alice"), (error: unknown) => {
      assert.ok(error instanceof RateLimitedError);
      assert.equal(error.status, 429);
      assert.ok(error.retryAfterSeconds >= 1 && error.retryAfterSeconds <= 60);
      assert.match(error.message, /^Slow down\. Try again in \d+ seconds?\.$/);
      return true;
    });
    await hitRateLimit(limit, "bob");
  });

  test("opens again when the window ends", async () => {
    const limit = rule(1);
    for (let i = 0; i < 3; i++) await hitRateLimit(limit, "carol");
    await assert.rejects(hitRateLimit(limit, "carol"), RateLimitedError);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await hitRateLimit(limit, "carol");
  });

  test("holds under concurrent requests: exactly the limit gets through", async () => {
    const limit = rule();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => hitRateLimit(limit, "dave")));
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 3);
  });
});

describe("hitRateLimits: several limits in one round trip", () => {
  test("a peek checks without counting", async () => {
    const limit = rule();
    for (let i = 0; i < 10; i++) await hitRateLimits([{ rule: limit, subject: "erin", isPeek: true }]);
    for (let i = 0; i < 3; i++) await hitRateLimit(limit, "erin");
    await assert.rejects(hitRateLimits([{ rule: limit, subject: "erin", isPeek: true }]), RateLimitedError);
  });

  test("counts each in order; the first one used up refuses with its own message, and the ones after it are not counted", async () => {
    const [perAccount, perAddress] = [rule(), { ...rule(), message: "Too many from your address." }];
    for (let i = 0; i < 3; i++)
      await hitRateLimits([
        { rule: perAccount, subject: "frank" },
        { rule: perAddress, subject: "10.0.0.1" },
      ]);
    const refusedWith = (start: string) => (error: unknown) =>
      error instanceof RateLimitedError && error.message.startsWith(start);
    await assert.rejects(
      hitRateLimits([
        { rule: perAddress, subject: "10.0.0.1" },
        { rule: perAccount, subject: "frank" },
      ]),
      refusedWith("Too many from your address."),
    );
    await assert.rejects(
      hitRateLimits([
        { rule: perAccount, subject: "frank" },
        { rule: perAddress, subject: "10.0.0.2" },
      ]),
      refusedWith("Slow down."),
    );
    // 10.0.0.2 was behind the refused limit, so it still has its whole window.
    for (let i = 0; i < 3; i++) await hitRateLimit(perAddress, "10.0.0.2");
    await assert.rejects(hitRateLimit(perAddress, "10.0.0.2"), RateLimitedError);
  });
});
