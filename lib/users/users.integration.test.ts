// Against the run's own Postgres database (npm test creates it).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { db } from "../db";
import { RateLimitedError, ValidationError } from "../errors";
import { authenticate } from "./authenticate";
import { createUser } from "./create-user";
import { delayAfterFailures } from "./login-throttle";

const uniqueEmail = () => `user-${crypto.randomUUID()}@example.com`;

after(() => db.$disconnect());

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.fieldErrors;
  }
  assert.fail("expected the call to be rejected");
}

describe("createUser", () => {
  test("creates a learner with a hashed password and a normalised email", async () => {
    const email = uniqueEmail();
    const user = await createUser({
      input: { name: " Mia ", email: `  ${email.toUpperCase()} `, password: "long enough password" },
    });
    assert.equal(user.email, email);
    assert.equal(user.name, "Mia");
    assert.equal(user.role, "LEARNER");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    assert.ok(!stored.passwordHash.includes("long enough password"));
  });

  test("names each wrong field", async () => {
    const errors = await fieldErrorsOf(createUser({ input: { name: "", email: "nope", password: "short" } }));
    assert.deepEqual(Object.keys(errors).sort(), ["email", "name", "password"]);
    assert.deepEqual(errors.email, ["email_invalid"]);
    assert.deepEqual(errors.password, ["password_too_short"]);
  });

  test("refuses a taken email, whatever its case", async () => {
    const email = uniqueEmail();
    await createUser({ input: { name: "First", email, password: "long enough password" } });
    const errors = await fieldErrorsOf(
      createUser({ input: { name: "Second", email: email.toUpperCase(), password: "long enough password" } }),
    );
    assert.deepEqual(errors.email, ["email_taken"]);
  });

  test("rejects input that is not an object at all", async () => {
    const errors = await fieldErrorsOf(createUser({ input: "garbage" }));
    assert.ok(errors.form);
  });
});

describe("authenticate", () => {
  test("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    const email = uniqueEmail();
    await createUser({ input: { name: "Ann", email, password: "long enough password" } });
    const user = await authenticate({ input: { email, password: "long enough password" } });
    assert.equal(user?.email, email);
    assert.equal(await authenticate({ input: { email, password: "wrong password!!" } }), null);
    assert.equal(await authenticate({ input: { email: uniqueEmail(), password: "long enough password" } }), null);
    assert.equal(await authenticate({ input: { email: 42 } }), null);
  });

  test("slows down repeated failures for one email, even with the right password", async () => {
    const email = uniqueEmail();
    await createUser({ input: { name: "Bo", email, password: "long enough password" } });
    for (let attempt = 0; attempt < 5; attempt++) {
      assert.equal(await authenticate({ input: { email, password: `wrong ${attempt}` } }), null);
    }
    await assert.rejects(authenticate({ input: { email, password: "long enough password" } }), (error: unknown) => {
      assert.ok(error instanceof RateLimitedError);
      assert.ok(error.retryAfterSeconds > 0);
      return true;
    });
  });

  test("slows down one client address trying many emails", async () => {
    const clientAddress = `203.0.113.${crypto.randomInt(1, 250)}-${crypto.randomUUID()}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      await authenticate({ input: { email: uniqueEmail(), password: "whatever password" }, clientAddress });
    }
    await assert.rejects(
      authenticate({ input: { email: uniqueEmail(), password: "whatever password" }, clientAddress }),
      RateLimitedError,
    );
  });

  test("the wait doubles after the free attempts and is capped", () => {
    assert.equal(delayAfterFailures(4), 0);
    assert.equal(delayAfterFailures(5), 2);
    assert.equal(delayAfterFailures(6), 4);
    assert.equal(delayAfterFailures(40), 15 * 60);
  });
});
