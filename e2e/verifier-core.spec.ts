// An independent verifier checks what the running app serves: @digitalcredentials/verifier-core
// (behind VerifierPlus and the Learner Credential Wallet) verifies a credential's embedded
// eddsa-rdfc-2022 proof, dereferencing our issuer, key, context and status-list URLs from this
// server and nothing else. A valid certificate is valid, a revoked one revoked, an altered one not
// valid. No browser: this is the node side of Playwright, with the app at PUBLIC_URL.
import { expect, test } from "@playwright/test";
import { publicUrl } from "../lib/env";
import {
  requestsElsewhere,
  verifierCoreStep as step,
  verifyWithVerifierCore as verifyAt,
  type VerifierCoreOutcome,
} from "../lib/certificates/testing/verifier-core";
import { learnerWithCertificate } from "./fixtures/certified-learner";
import { runLib } from "./fixtures/run-lib";

const APP_ORIGIN = new URL(publicUrl).origin;

function issueCertificateTo(name: string): string {
  return learnerWithCertificate(name, { emailPrefix: "verifier-core" }).publicId;
}

function verifyWithVerifierCore(credential: object): Promise<VerifierCoreOutcome> {
  return verifyAt(credential, APP_ORIGIN);
}

/** Nothing left the app's origin but the refused schema lookup, and our own documents were read from the app. */
function expectOffline(outcome: VerifierCoreOutcome): void {
  expect(requestsElsewhere(outcome, APP_ORIGIN)).toEqual([]);
  expect(outcome.requested).toContain(`${APP_ORIGIN}/contexts/gradient/v1`);
  expect(outcome.requested.some((url) => url.startsWith(`${APP_ORIGIN}/issuer/keys/`))).toBe(true);
}

async function servedCredential(request: import("@playwright/test").APIRequestContext, publicId: string) {
  const response = await request.get(`/credentials/${publicId}`, { headers: { Accept: "application/ld+json" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/ld+json");
  return (await response.json()) as Record<string, unknown> & { proof: { cryptosuite: string }[] };
}

test.beforeAll(() => {
  // With no key configured, the web app signs with the one in the data folder, as under `npm start`.
  runLib("if (!env.SIGNING_KEY && !env.SIGNING_KEY_FILE) ensureSigningKeyFile(dataDir);", {
    env: "lib/env.ts",
    dataDir: "lib/env.ts",
    ensureSigningKeyFile: "scripts/lib/signing-key.ts",
  });
});

test("verifier-core finds a served certificate valid, offline but for our own server", async ({ request }) => {
  const credential = await servedCredential(request, issueCertificateTo("王小明"));
  expect(credential.proof[0]?.cryptosuite).toBe("eddsa-rdfc-2022");
  const outcome = await verifyWithVerifierCore(credential);
  expect(outcome.result.errors).toBeUndefined();
  expect(step(outcome, "valid_signature")).toBe(true);
  expect(step(outcome, "revocation_status")).toBe(true);
  // One status entry, revocation, as OB 3.0 allows: suspension is Gradient's own state, not checked here.
  expect(step(outcome, "suspension_status")).toBeUndefined();
  expect(step(outcome, "expiration")).toBe(true);
  expectOffline(outcome);
  expect(outcome.requested).toContain(`${APP_ORIGIN}/issuer`);
  expect(outcome.requested).toContain(`${APP_ORIGIN}/status/revocation`);
});

test("verifier-core reads a revoked certificate as revoked from the signed status list", async ({ request }) => {
  const publicId = issueCertificateTo("Rita Revoked");
  const credential = await servedCredential(request, publicId);
  runLib(`await db.certificate.update({ where: { publicId: ${JSON.stringify(publicId)} },
      data: { revokedAt: new Date(), revocationReason: "verifier-core test" } });`);
  const outcome = await verifyWithVerifierCore(credential);
  expect(outcome.result.errors).toBeUndefined();
  expect(step(outcome, "valid_signature")).toBe(true);
  expect(step(outcome, "revocation_status")).toBe(false);
  expectOffline(outcome);
});

test("verifier-core finds an altered certificate not valid", async ({ request }) => {
  const credential = await servedCredential(request, issueCertificateTo("Tom Tampered"));
  const outcome = await verifyWithVerifierCore({ ...credential, name: "Doctorate in Everything" });
  expect(outcome.result.errors?.map((error) => error.name)).toEqual(["invalid_signature"]);
  expect(step(outcome, "valid_signature")).toBeUndefined();
  expectOffline(outcome);
});
