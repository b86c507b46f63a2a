// Issued certificates in both token forms, checked as a stranger would with plain `jose`: each
// `kid` dereferenced through the key route, the JWKS through its route, OB 3.0's header and claim
// rules and the official OB 3.0 JSON Schema; and the learner's random subject id.
import "./test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { JSONWebKeySet } from "jose";
import { GET as jwksRoute } from "../../app/.well-known/jwks.json/route";
import { GET as keyJwkRoute } from "../../app/issuer/keys/[kid]/jwk/route";
import type { PassRule } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { getActiveSigningKey } from "./active-signing-key";
import type { Evidence } from "./credential-schema";
import { getCredentialForDownload } from "./get-credential-for-download";
import { issueCertificate } from "./issue-certificate";
import { verifyLocally } from "./local-verification";
import { setCertificateVisibility } from "./set-certificate-visibility";
import { checkObJwt, checkVcJoseCose, type Dereference } from "./testing/jose-checks";
import { assertMatchesOfficialSchema } from "./testing/official-schema";
import { keyJwkUrl } from "./urls";

after(() => db.$disconnect());
before(async () => {
  await getActiveSigningKey();
});

const RULE: PassRule = {
  requiredLabs: ["lab-a"],
  minLessonQuizPercent: 50,
  minExamPercent: 50,
  passMarkPercent: 60,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};
const run = crypto.randomBytes(4).toString("hex");
let sequence = 0;

const SINGLE_RUN: Evidence = {
  type: ["Evidence"],
  name: "Lab A",
  lab: "lab-a",
  codeSha256: "c".repeat(64),
  heldOutSha256: "h".repeat(64),
  graderVersion: "test-1",
  backend: "cpu",
  seed: 11,
  score: 0.97,
  threshold: 0.9,
};
const MULTI_SEED: Evidence = {
  ...SINGLE_RUN,
  rule: "every",
  runs: [
    { run: 1, seed: 11, score: 0.97 },
    { run: 2, seed: 12, score: 0.95 },
  ],
  mean: 0.96,
  standardDeviation: 0.0141,
  interval: { low: 0.833, high: 1.087 },
};

async function makeCourse(title = { en: "Token Course", "zh-CN": "令牌课程" }) {
  return db.course.create({
    data: { slug: `tokens-${run}-${++sequence}`, title, summary: title, passRule: RULE },
    select: { id: true },
  });
}

async function makeLearner(name = "Tia Token") {
  return db.user.create({
    data: { email: `tokens-${run}-${++sequence}@example.com`, name, passwordHash: "not-used" },
    select: { id: true, email: true, name: true, role: true, credentialSubjectId: true },
  });
}

async function issueTo(learner: { id: string }, evidence: Evidence[], courseId?: string) {
  const course = courseId ?? (await makeCourse()).id;
  await db.enrolment.create({ data: { userId: learner.id, courseId: course } });
  const outcome = await issueCertificate({ userId: learner.id, courseId: course, score: 91.5, passMark: 60, evidence });
  assert.ok(outcome.isIssued);
  return db.certificate.findUniqueOrThrow({
    where: { publicId: outcome.publicId },
    select: { publicId: true, credentialJwt: true, obCredentialJwt: true, userId: true },
  });
}

/** Dereferences our key URLs through the route that serves them, as an HTTP client would. */
const dereference: Dereference = async (url) => {
  const { pathname } = new URL(url);
  const kid = pathname.match(/^\/issuer\/keys\/([^/]+)\/jwk$/)?.[1];
  assert.ok(kid, `${url} is not a key URL of the issuer`);
  const response = await keyJwkRoute(new Request(url), { params: Promise.resolve({ kid }) });
  assert.equal(response.status, 200, `GET ${url}`);
  assert.equal(response.headers.get("content-type"), "application/jwk+json");
  return response.json();
};

async function fetchJwks(): Promise<JSONWebKeySet> {
  return (await (await jwksRoute()).json()) as JSONWebKeySet;
}

describe("every kind of certificate issued, in both token forms", () => {
  const kinds: [string, string, Evidence[]][] = [
    ["single-run evidence", "Tia Token", [SINGLE_RUN]],
    ["multi-seed evidence", "Tia Token", [MULTI_SEED]],
    ["no evidence", "Tia Token", []],
    ["a Chinese-named learner", "王小明", [SINGLE_RUN]],
  ];
  for (const [kind, name, evidence] of kinds) {
    test(`${kind}: verifies with plain jose through the kid URL and the JWKS, under OB 3.0's rules and schema`, async () => {
      const learner = await makeLearner(name);
      const certificate = await issueTo(learner, evidence);
      assert.ok(certificate.obCredentialJwt);

      const fromOb = await checkObJwt(certificate.obCredentialJwt, dereference);
      assert.equal(fromOb.sub, learner.credentialSubjectId);
      assert.match(String(fromOb.iss), /\/issuer$/);
      assertMatchesOfficialSchema(certificate.obCredentialJwt, `${kind} (OB 3.0 VC-JWT)`);

      const fromVc = await checkVcJoseCose(certificate.credentialJwt, dereference, await fetchJwks());
      assert.equal(fromVc.credentialSubject.id, learner.credentialSubjectId);
      assertMatchesOfficialSchema(fromVc, `${kind} (VC-JOSE-COSE)`);
      // The two forms carry the same credential.
      assert.deepEqual({ ...fromVc, iss: fromOb.iss, jti: fromOb.jti, nbf: fromOb.nbf, sub: fromOb.sub }, fromOb);

      for (const jwt of [certificate.obCredentialJwt, certificate.credentialJwt])
        assert.equal((await verifyLocally(jwt)).status, "valid");
    });
  }
});

describe("the learner's subject id", () => {
  test("is a random urn:uuid of their own, the same in every credential they hold, naming nothing about them", async () => {
    const first = await makeLearner();
    const second = await makeLearner();
    for (const learner of [first, second])
      assert.match(
        learner.credentialSubjectId,
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    assert.notEqual(first.credentialSubjectId, second.credentialSubjectId);
    assert.equal(first.credentialSubjectId.includes(first.id), false);

    const one = await checkObJwt((await issueTo(first, [SINGLE_RUN])).obCredentialJwt ?? "", dereference);
    const other = await checkObJwt((await issueTo(first, [])).obCredentialJwt ?? "", dereference);
    assert.equal(one.sub, first.credentialSubjectId);
    assert.equal(other.sub, first.credentialSubjectId);
    assert.equal(JSON.stringify(one).includes(first.email), false);
  });

  test("a user written without one (as before the migration) gets their own from the database", async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const email = `tokens-raw-${run}-${++sequence}@example.com`;
        await db.$executeRaw`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES (${email}, ${email}, 'Raw', 'x', now())`;
        return (await db.user.findUniqueOrThrow({ where: { email }, select: { credentialSubjectId: true } }))
          .credentialSubjectId;
      }),
    );
    assert.match(ids[0] ?? "", /^urn:uuid:/);
    assert.notEqual(ids[0], ids[1]);
  });
});

describe("serving the tokens", () => {
  test("the OB token follows the credential's access rules: a private one is only the holder's", async () => {
    const learner = await makeLearner();
    const certificate = await issueTo(learner, [SINGLE_RUN]);
    assert.equal(
      (await getCredentialForDownload(certificate.publicId, null)).obCredentialJwt,
      certificate.obCredentialJwt,
    );
    await setCertificateVisibility({ actor: learner, input: { publicId: certificate.publicId, isPublic: "false" } });
    await assert.rejects(getCredentialForDownload(certificate.publicId, null), NotFoundError);
    assert.ok((await getCredentialForDownload(certificate.publicId, learner)).obCredentialJwt);
  });

  test("a key URL answers the public JWK only, and an unknown one answers 404", async () => {
    const key = await getActiveSigningKey();
    const jwk = (await dereference(keyJwkUrl(key.kid))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(jwk).sort(), ["alg", "crv", "kid", "kty", "use", "x"]);
    assert.equal(jwk.x, key.publicJwk.x);
    assert.equal(jwk.kid, keyJwkUrl(key.kid));
    for (const kid of ["A".repeat(43), "not-a-thumbprint"]) {
      const response = await keyJwkRoute(new Request(keyJwkUrl(kid)), { params: Promise.resolve({ kid }) });
      assert.equal(response.status, 404);
    }
  });

  test("the JWKS lists every key under its thumbprint (older credentials) and its key URL (tokens now)", async () => {
    const key = await getActiveSigningKey();
    const kids = (await fetchJwks()).keys.map((jwk) => jwk.kid);
    assert.ok(kids.includes(key.kid));
    assert.ok(kids.includes(keyJwkUrl(key.kid)));
  });
});
