// What getCredentials and getProfile hand a wallet, against the run's own Postgres: each certificate
// once, in the strongest form it has (embedded proof, else the Open Badges 3.0 VC-JWT, else the
// VC-JOSE-COSE JWT of certificates issued before either), hidden ones included for their owner, and
// a profile whose id is the subject id the credentials name. The JWTs are checked with plain jose
// under the specs' rules, dereferencing keys through the route that serves them.
import "../certificates/test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, test } from "node:test";
import { decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { GET as jwksRoute } from "../../app/.well-known/jwks.json/route";
import { GET as keyJwkRoute } from "../../app/issuer/keys/[kid]/jwk/route";
import { getActiveSigningKey } from "../certificates/active-signing-key";
import { embeddedProofOf } from "../certificates/data-integrity";
import { issueCertificate } from "../certificates/issue-certificate";
import { checkObJwt, checkVcJoseCose, type Dereference } from "../certificates/testing/jose-checks";
import type { PassRule } from "../courses/content-schema";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { learnerProfile } from "./learner-profile";
import { listObCredentials, type CredentialsQuery } from "./list-ob-credentials";

after(() => db.$disconnect());
before(async () => {
  await getActiveSigningKey();
});

const RULE: PassRule = {
  requiredLabs: [],
  minLessonQuizPercent: 0,
  minExamPercent: 0,
  passMarkPercent: 60,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};
const run = crypto.randomBytes(4).toString("hex");
let sequence = 0;
const FIRST_PAGE: CredentialsQuery = { limit: 10, offset: 0 };

const dereference: Dereference = async (url) => {
  const kid = new URL(url).pathname.match(/^\/issuer\/keys\/([^/]+)\/jwk$/)?.[1];
  assert.ok(kid, `${url} is not a key URL of the issuer`);
  const response = await keyJwkRoute(new Request(url), { params: Promise.resolve({ kid }) });
  assert.equal(response.status, 200, `GET ${url}`);
  return response.json();
};

async function certify(userId: string): Promise<string> {
  const course = await db.course.create({
    data: { slug: `ob-forms-${run}-${++sequence}`, title: { en: "Forms" }, summary: { en: "Forms" }, passRule: RULE },
    select: { id: true },
  });
  await db.enrolment.create({ data: { userId, courseId: course.id } });
  const outcome = await issueCertificate({ userId, courseId: course.id, score: 90, passMark: 60, evidence: [] });
  assert.ok(outcome.isIssued);
  return outcome.publicId;
}

test("each certificate appears once, in the best form it has, and verifies under its spec's rules", async () => {
  const learner = await db.user.create({
    data: { email: `ob-forms-${run}@example.com`, name: "Fay Forms", passwordHash: "not-used" },
    select: { id: true, name: true, credentialSubjectId: true },
  });
  const withProof = await certify(learner.id);
  const obJwtOnly = await certify(learner.id);
  const legacy = await certify(learner.id);
  await db.certificate.update({ where: { publicId: withProof }, data: { isPublic: false } });
  await db.certificate.update({ where: { publicId: obJwtOnly }, data: { credential: Prisma.DbNull } });
  await db.certificate.update({
    where: { publicId: legacy },
    data: { credential: Prisma.DbNull, obCredentialJwt: null },
  });

  const { body, total } = await listObCredentials(learner.id, FIRST_PAGE);
  assert.equal(total, 3);
  assert.equal(body.credential?.length, 1, "the embedded-proof form, of the hidden certificate too");
  assert.equal(body.compactJwsStrings?.length, 2);
  const [embedded] = body.credential ?? [];
  assert.equal(embeddedProofOf(embedded)?.cryptosuite, "eddsa-rdfc-2022");
  assert.equal((embedded?.credentialSubject as { id?: string }).id, learner.credentialSubjectId);

  const jwks = (await (await jwksRoute()).json()) as JSONWebKeySet;
  // Pages are newest first, and these three were issued within moments: find each form by its typ.
  const byType = new Map((body.compactJwsStrings ?? []).map((jws) => [decodeProtectedHeader(jws).typ, jws]));
  const obCredential = await checkObJwt(byType.get("JWT") ?? "", dereference);
  const joseCredential = await checkVcJoseCose(byType.get("vc+jwt") ?? "", dereference, jwks);
  for (const credential of [obCredential, joseCredential])
    assert.equal(credential.credentialSubject.id, learner.credentialSubjectId);
  const ids = [embedded?.id, obCredential.id, joseCredential.id];
  assert.equal(new Set(ids).size, 3, "no certificate twice");

  assert.equal(learnerProfile(learner).id, learner.credentialSubjectId, "the profile names the credentials' subject");
});

test("a page holds each certificate once whatever its forms, so X-Total-Count matches what is sent", async () => {
  const learner = await db.user.create({
    data: { email: `ob-forms-pages-${run}@example.com`, name: "Page Forms", passwordHash: "not-used" },
    select: { id: true },
  });
  for (let index = 0; index < 3; index++) await certify(learner.id);
  const pages = await Promise.all([0, 2].map((offset) => listObCredentials(learner.id, { limit: 2, offset })));
  const sent = pages.flatMap(({ body }) => [...(body.credential ?? []), ...(body.compactJwsStrings ?? [])]);
  assert.equal(sent.length, 3);
  assert.ok(pages.every(({ total }) => total === 3));
});
