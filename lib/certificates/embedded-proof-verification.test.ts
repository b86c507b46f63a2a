// Our verifier on credentials with an embedded eddsa-rdfc-2022 proof, their status lists signed
// the same way, beside the JWT form that older certificates have.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildCredential, type CredentialInput } from "./build-credential";
import { signWithDataIntegrity } from "./data-integrity";
import { createDocumentLoader } from "./document-loader";
import { buildIssuerDocument, buildKeyDocument } from "./issuer-documents";
import { generateSigningKeyPem, keyFromPem, type SigningKeyMaterial } from "./signing-key";
import { buildStatusListCredential } from "./status-list";
import { credentialInput, TEST_ISSUER_BASE as BASE } from "./testing/credential-kinds";
import { issuerId, type StatusPurpose } from "./urls";
import { signVcJwt } from "./vc-jwt";
import { verifyCredential, type VerificationSources } from "./verify-credential";

/** A Chinese-named learner's certificate at a fixed status-list position. */
function input(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return credentialInput({
    holderName: "李华",
    course: { slug: "ml-foundations", title: "机器学习基础", summary: "一门课程。" },
    statusListIndex: 77,
    ...overrides,
  });
}

const newKey = async () => keyFromPem(generateSigningKeyPem());

/** An issuer in memory: `published` keys in its controller document, its lists signed by `signer`. */
function fakeIssuer(
  published: SigningKeyMaterial[],
  flagged: Partial<Record<StatusPurpose, number[]>> = {},
  signer = published.at(-1)!,
): VerificationSources {
  return {
    resolveKey: async (kid) => published.find((key) => key.kid === kid)?.publicJwk ?? null,
    documentLoader: createDocumentLoader({
      origins: [BASE],
      async resolveOwn(url) {
        if (url.pathname === "/issuer")
          return buildIssuerDocument(
            published.map((key) => key.publicJwk),
            BASE,
          );
        const key = published.find((candidate) => url.pathname === `/issuer/keys/${candidate.kid}`);
        return key ? buildKeyDocument(key.publicJwk, BASE) : null;
      },
    }),
    async fetchStatusList(url, form) {
      const purpose = url.endsWith("/revocation") ? "revocation" : "suspension";
      const list = buildStatusListCredential({
        purpose,
        listUrl: url,
        issuer: issuerId(url),
        setIndices: flagged[purpose] ?? [],
      });
      return form === "jwt" ? signVcJwt(list, signer) : JSON.stringify(await signWithDataIntegrity(list, signer, url));
    },
  };
}

async function signed(key: SigningKeyMaterial, overrides: Partial<CredentialInput> = {}) {
  return signWithDataIntegrity(buildCredential(input(overrides), BASE), key, BASE);
}

describe("credentials with an embedded proof", () => {
  test("verify as valid, naming the key, and read back what was issued", async () => {
    const key = await newKey();
    const verdict = await verifyCredential(JSON.stringify(await signed(key)), fakeIssuer([key]));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.equal(verdict.kid, key.kid);
    assert.equal(verdict.summary?.holderName, "李华");
    assert.equal(verdict.summary?.courseName, "机器学习基础");
    assert.equal(verdict.summary?.issuerId, `${BASE}/issuer`);
    assert.equal(verdict.summary?.evidence[0]?.seed, 42);
  });

  test("any change makes it not genuine, and nothing unverified is read out", async () => {
    const key = await newKey();
    const credential = await signed(key);
    const altered = { ...credential, credentialSubject: { ...credential.credentialSubject, result: [] } };
    const verdict = await verifyCredential(JSON.stringify(altered), fakeIssuer([key]));
    assert.equal(verdict.status, "not_genuine");
    assert.match(verdict.problems[0] ?? "", /altered or forged/);
    assert.equal(verdict.summary, undefined);
  });

  test("a key the issuer does not publish, or another issuer's, is not genuine", async () => {
    const [ours, stranger] = [await newKey(), await newKey()];
    const verdict = await verifyCredential(JSON.stringify(await signed(stranger)), fakeIssuer([ours]));
    assert.equal(verdict.status, "not_genuine");
    assert.match(verdict.problems[0] ?? "", /does not publish/);
  });

  test("a retired key still verifies what it signed", async () => {
    const [old, current] = [await newKey(), await newKey()];
    const verdict = await verifyCredential(JSON.stringify(await signed(old)), fakeIssuer([old, current], {}, current));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.equal(verdict.kid, old.kid);
  });

  test("the signed revocation list says revoked; the suspension list says nothing of new credentials", async () => {
    const key = await newKey();
    const text = JSON.stringify(await signed(key));
    assert.equal((await verifyCredential(text, fakeIssuer([key], { revocation: [77] }))).status, "revoked");
    assert.equal((await verifyCredential(text, fakeIssuer([key], { suspension: [77] }))).status, "valid");
    assert.equal((await verifyCredential(text, fakeIssuer([key], { revocation: [78] }))).status, "valid");
  });

  test("a status list signed by a key the issuer does not publish leaves the status unknown", async () => {
    const [key, stranger] = [await newKey(), await newKey()];
    const verdict = await verifyCredential(JSON.stringify(await signed(key)), fakeIssuer([key], {}, stranger));
    assert.equal(verdict.status, "status_unknown");
  });

  test("without a document loader an embedded proof is not taken on trust", async () => {
    const key = await newKey();
    const { documentLoader: _none, ...sources } = fakeIssuer([key]);
    const verdict = await verifyCredential(JSON.stringify(await signed(key)), sources);
    assert.equal(verdict.status, "not_genuine");
  });

  test("the JWT of the same credential still verifies, its lists as JWTs", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input(), BASE), key);
    assert.equal((await verifyCredential(jwt, fakeIssuer([key]))).status, "valid");
    assert.equal((await verifyCredential(jwt, fakeIssuer([key], { revocation: [77] }))).status, "revoked");
  });
});
