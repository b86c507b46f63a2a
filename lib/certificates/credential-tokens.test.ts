// The two token forms (OB 3.0 VC-JWT and VC-JOSE-COSE), the learner's subject id, and the official
// OB 3.0 JSON Schema, on credentials built and signed in memory (no database).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, test } from "node:test";
import { CompactSign, decodeProtectedHeader, SignJWT } from "jose";
import { buildCredential, wholeSeconds } from "./build-credential";
import { signObJwt } from "./ob-jwt";
import { generateSigningKeyPem, keyFromPem, type SigningKeyMaterial } from "./signing-key";
import { buildStatusListCredential } from "./status-list";
import { credentialInput, CREDENTIAL_KINDS, TEST_ISSUER_BASE as BASE } from "./testing/credential-kinds";
import { checkObJwt, checkVcJoseCose, type Dereference } from "./testing/jose-checks";
import { assertMatchesOfficialSchema, officialSchemaErrors } from "./testing/official-schema";
import { keyJwkUrl } from "./urls";
import { signVcJwt } from "./vc-jwt";
import { verifyCredential, type VerificationSources } from "./verify-credential";

const newKey = async () => keyFromPem(generateSigningKeyPem());

/** An issuer in memory: its key URLs, JWKS and signed status lists. */
function fakeIssuer(keys: SigningKeyMaterial[]) {
  const dereference: Dereference = async (url) => {
    const key = keys.find((candidate) => keyJwkUrl(candidate.kid, BASE) === url);
    if (!key) throw new Error(`404 ${url}`);
    return { ...key.publicJwk, kid: url };
  };
  const jwks = { keys: keys.map((key) => ({ ...key.publicJwk, kid: keyJwkUrl(key.kid, BASE) })) };
  const sources: VerificationSources = {
    resolveKey: async (thumbprint) => keys.find((key) => key.kid === thumbprint)?.publicJwk ?? null,
    async fetchStatusList(url) {
      const purpose = url.endsWith("/revocation") ? "revocation" : "suspension";
      return signVcJwt(
        buildStatusListCredential({ purpose, listUrl: url, issuer: `${BASE}/issuer`, setIndices: [] }),
        keys[0]!,
      );
    },
  };
  return { dereference, jwks, sources };
}

describe("every kind of credential issued", () => {
  for (const [kind, overrides] of Object.entries(CREDENTIAL_KINDS)) {
    test(`${kind}: matches the official OB 3.0 schema, and both token forms pass the specifications' checks`, async () => {
      const key = await newKey();
      const issuer = fakeIssuer([key]);
      const credential = buildCredential(credentialInput(overrides), BASE);
      assertMatchesOfficialSchema(credential, kind);

      const obJwt = await signObJwt(credential, key);
      const fromOb = await checkObJwt(obJwt, issuer.dereference);
      assertMatchesOfficialSchema(obJwt, `${kind} (OB 3.0 token payload)`);
      assert.equal(fromOb.credentialSubject.id, credential.credentialSubject.id);

      const vcJwt = await signVcJwt(credential, key);
      assert.deepEqual(await checkVcJoseCose(vcJwt, issuer.dereference, issuer.jwks), credential);

      for (const jwt of [obJwt, vcJwt]) {
        const verdict = await verifyCredential(jwt, issuer.sources);
        assert.equal(verdict.status, "valid", verdict.problems.join("; "));
        assert.equal(verdict.kid, key.kid);
      }
    });
  }

  test("the official schema is not a rubber stamp: it rejects a subject without achievement, a bad status entry, or a list of them", () => {
    const credential = buildCredential(credentialInput(), BASE);
    const { achievement: _dropped, ...subject } = credential.credentialSubject;
    assert.notDeepEqual(officialSchemaErrors({ ...credential, credentialSubject: subject }), []);
    assert.notDeepEqual(
      officialSchemaErrors({ ...credential, "@context": ["https://www.w3.org/2018/credentials/v1"] }),
      [],
    );
    assert.notDeepEqual(officialSchemaErrors({ ...credential, credentialStatus: { type: 5 } }), []);
    // OB 3.0 allows one status entry, not a list (what credentials issued before carry).
    assert.notDeepEqual(officialSchemaErrors({ ...credential, credentialStatus: [credential.credentialStatus] }), []);
  });
});

describe("the OB 3.0 VC-JWT", () => {
  test("has exactly the header and claims OB 3.0 asks for, its kid a URL on the issuer's origin", async () => {
    const key = await newKey();
    const credential = buildCredential(credentialInput(), BASE);
    const jwt = await signObJwt(credential, key);
    assert.deepEqual(decodeProtectedHeader(jwt), {
      alg: "EdDSA",
      kid: `${BASE}/issuer/keys/${key.kid}/jwk`,
      typ: "JWT",
    });
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    assert.deepEqual(
      { iss: payload.iss, jti: payload.jti, nbf: payload.nbf, sub: payload.sub, exp: payload.exp },
      {
        iss: `${BASE}/issuer`,
        jti: credential.id,
        nbf: Date.parse("2026-01-02T03:04:05Z") / 1000,
        sub: credential.credentialSubject.id,
        exp: undefined,
      },
    );
  });

  test("a token whose claims disagree with its credential, or that carries other headers, is not genuine", async () => {
    const key = await newKey();
    const { sources } = fakeIssuer([key]);
    const credential = buildCredential(credentialInput(), BASE);
    const kid = keyJwkUrl(key.kid, BASE);
    const claims = {
      iss: credential.issuer.id,
      jti: credential.id,
      nbf: Date.parse(credential.validFrom) / 1000,
      sub: credential.credentialSubject.id,
    };
    const sign = (payload: object, header: Record<string, unknown> = {}) =>
      new SignJWT({ ...credential, ...payload })
        .setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT", ...header })
        .sign(key.privateKey);

    assert.equal((await verifyCredential(await sign(claims), sources)).status, "valid");
    for (const [change, payload, header] of [
      ["another subject", { ...claims, sub: `urn:uuid:${crypto.randomUUID()}` }, {}],
      ["no sub", { ...claims, sub: undefined }, {}],
      ["another issuer", { ...claims, iss: "https://other.example/issuer" }, {}],
      ["another id", { ...claims, jti: `${BASE}/credentials/other` }, {}],
      ["another start", { ...claims, nbf: claims.nbf + 1 }, {}],
      ["an exp without validUntil", { ...claims, exp: claims.nbf + 3600 }, {}],
      ["a cty header", claims, { cty: "vc" }],
    ] as const) {
      const verdict = await verifyCredential(await sign(payload, header), sources);
      assert.equal(verdict.status, "not_genuine", change);
    }
  });
});

describe("the VC-JOSE-COSE form", () => {
  test("is typ vc+jwt, cty vc, with a kid URL on the issuer's origin and the credential unchanged as payload", async () => {
    const key = await newKey();
    const credential = buildCredential(credentialInput(), BASE);
    const jwt = await signVcJwt(credential, key);
    assert.deepEqual(decodeProtectedHeader(jwt), {
      alg: "EdDSA",
      kid: `${BASE}/issuer/keys/${key.kid}/jwk`,
      typ: "vc+jwt",
      cty: "vc",
    });
    assert.deepEqual(JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()), credential);
  });

  test("credentials issued before key URLs and subject ids (bare-thumbprint kid) still verify", async () => {
    const key = await newKey();
    const { sources } = fakeIssuer([key]);
    // As they were issued: the issuer id was the bare origin and the subject had no id.
    const early = {
      ...buildCredential(credentialInput(), BASE),
      issuer: { id: BASE, type: ["Profile"], name: "Gradient" },
    };
    const subject: Partial<typeof early.credentialSubject> = { ...early.credentialSubject };
    delete subject.id;
    const sign = (kid: string) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify({ ...early, credentialSubject: subject })))
        .setProtectedHeader({ alg: "EdDSA", kid, typ: "vc+jwt", cty: "vc" })
        .sign(key.privateKey);
    assert.equal((await verifyCredential(await sign(key.kid), sources)).status, "valid");
    // A credential naming its key by URL is a new one, and must identify its subject.
    assert.equal((await verifyCredential(await sign(keyJwkUrl(key.kid, BASE)), sources)).status, "not_genuine");
  });

  test("a kid URL on another origin than the issuer's is not genuine", async () => {
    const key = await newKey();
    const { sources } = fakeIssuer([key]);
    const jwt = await new CompactSign(
      new TextEncoder().encode(JSON.stringify(buildCredential(credentialInput(), BASE))),
    )
      .setProtectedHeader({ alg: "EdDSA", kid: keyJwkUrl(key.kid, "https://elsewhere.example"), typ: "vc+jwt" })
      .sign(key.privateKey);
    assert.equal((await verifyCredential(jwt, sources)).status, "not_genuine");
  });
});

test("issue times are whole seconds, so the OB token's nbf equals validFrom exactly", () => {
  assert.equal(wholeSeconds(new Date("2026-01-02T03:04:05.987Z")).toISOString(), "2026-01-02T03:04:05.000Z");
});
