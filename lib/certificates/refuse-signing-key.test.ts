import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { overrideEnvironmentForTest } from "../env";
import { refuseSigningKey } from "./refuse-signing-key";
import { loadSigningKey } from "./signing-key";

describe("a process that handles learner artefacts", () => {
  it("refuses to start when given a signing key setting, naming itself and what to do", () => {
    overrideEnvironmentForTest({ SIGNING_KEY_FILE: "key.pem" });
    assert.throws(
      () => refuseSigningKey("grade command", "run it without them."),
      /The grade command was given SIGNING_KEY or SIGNING_KEY_FILE.*run it without them\./,
    );
    overrideEnvironmentForTest({ SIGNING_KEY_FILE: undefined });
  });

  it("without one, starts and can never load the key afterwards", async () => {
    overrideEnvironmentForTest({ SIGNING_KEY: undefined, SIGNING_KEY_FILE: undefined });
    refuseSigningKey("grade command", "run it without them.");
    await assert.rejects(loadSigningKey(), /The grade command must never load the certificate signing key/);
  });
});
