import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import type { CertificationRecord } from "../assignments/certification";
import type { PassRule } from "../courses/content-schema";
import { buildCredential, type CredentialInput } from "./build-credential";
import { summarizeCredential, OpenBadgeCredentialSchema } from "./credential-schema";
import { evaluatePassRule, type CourseResults, type LabReceipt } from "./pass-rule";
import { newPublicId, PUBLIC_ID_PATTERN } from "./public-id";
import { renderCertificatePdf } from "./render-certificate-pdf";
import { generateSigningKeyPem, keyFromPem, type SigningKeyMaterial } from "./signing-key";
import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  isStatusBitSet,
  STATUS_LIST_SIZE,
} from "./status-list";
import { statusListUrl, type StatusPurpose } from "./urls";
import { signVcJwt } from "./vc-jwt";
import { envelopeJwt, verifyCredential, type VerificationSources } from "./verify-credential";

const BASE = "https://gradient.example";

const RULE: PassRule = {
  requiredLabs: ["lab-a", "lab-b"],
  minLessonQuizPercent: 60,
  minExamPercent: 70,
  passMarkPercent: 70,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};

const RECEIPT: LabReceipt = {
  codeSha256: "a".repeat(64),
  heldOutSha256: "b".repeat(64),
  graderVersion: "1.0.0",
  backend: "wasm",
  seed: 42,
  score: 0.95,
  threshold: 0.9,
};

function input(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    publicId: newPublicId(),
    holderName: "Zoë Example",
    subjectId: "urn:uuid:7d2f0c3e-5b1a-4f6e-9c8d-2a4b6e8f0a1c",
    course: { slug: "ml-foundations", title: "Machine Learning Foundations", summary: "A course." },
    passRule: RULE,
    issuedAt: new Date("2026-01-02T03:04:05Z"),
    score: 86.5,
    passMark: 70,
    evidence: [{ type: ["Evidence"], name: "Lab A", lab: "lab-a", ...RECEIPT }],
    statusListIndex: 1234,
    ...overrides,
  };
}

/** A tiny stand-in for an issuer: its keys and its signed status lists, served from memory. */
async function fakeIssuer(
  keys: SigningKeyMaterial[],
  flagged: Partial<Record<StatusPurpose, number[]>> = {},
  signer = keys.at(-1),
) {
  const sources: VerificationSources = {
    resolveKey: async (kid) => keys.find((key) => key.kid === kid)?.publicJwk ?? null,
    async fetchStatusList(url) {
      const purpose = url.endsWith("/revocation") ? "revocation" : "suspension";
      const list = buildStatusListCredential({
        purpose,
        listUrl: url,
        issuer: new URL(url).origin,
        setIndices: flagged[purpose] ?? [],
      });
      return signVcJwt(list, signer ?? keys[0]!);
    },
  };
  return sources;
}

const newKey = async () => keyFromPem(generateSigningKeyPem());

describe("signing and verifying", () => {
  test("a signed credential verifies as valid and reads back what was issued", async () => {
    const key = await newKey();
    const credentialInput = input();
    const jwt = await signVcJwt(buildCredential(credentialInput, BASE), key);
    const verdict = await verifyCredential(jwt, await fakeIssuer([key]));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.equal(verdict.kid, key.kid);
    assert.equal(verdict.summary?.holderName, "Zoë Example");
    assert.equal(verdict.summary?.publicId, credentialInput.publicId);
    assert.equal(verdict.summary?.score, 86.5);
    assert.equal(verdict.summary?.passMark, 70);
    assert.equal(verdict.summary?.evidence[0]?.heldOutSha256, "b".repeat(64));
    // The JSON download (a VC 2.0 envelope) verifies the same way.
    assert.equal((await verifyCredential(JSON.stringify(envelopeJwt(jwt)), await fakeIssuer([key]))).status, "valid");
  });

  test("the credential is an Open Badges 3.0 OpenBadgeCredential on the VC 2.0 data model", () => {
    const credential = buildCredential(input(), BASE);
    assert.deepEqual(credential["@context"], [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      `${BASE}/contexts/gradient/v1`,
    ]);
    assert.deepEqual(credential.type, ["VerifiableCredential", "OpenBadgeCredential"]);
    assert.equal(credential.credentialSubject.achievement.criteria.narrative.includes("lab-a, lab-b"), true);
    // One entry, as OB 3.0 allows: revocation (suspension is Gradient's own state).
    assert.deepEqual(credential.credentialStatus, {
      id: `${BASE}/status/revocation#1234`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "1234",
      statusListCredential: `${BASE}/status/revocation`,
    });
    assert.equal(
      summarizeCredential(OpenBadgeCredentialSchema.parse(credential)).courseName,
      "Machine Learning Foundations",
    );
  });

  test("any change to the signed credential makes it not genuine", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input(), BASE), key);
    const [header, payload, signature] = jwt.split(".");
    const altered = JSON.parse(Buffer.from(payload!, "base64url").toString()) as {
      credentialSubject: { result: { value: string }[] };
    };
    altered.credentialSubject.result[0]!.value = "99";
    const forged = `${header}.${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${signature}`;
    const verdict = await verifyCredential(forged, await fakeIssuer([key]));
    assert.equal(verdict.status, "not_genuine");
    assert.match(verdict.problems[0] ?? "", /altered or forged/);
    assert.equal(verdict.summary, undefined, "nothing unverified is read out");
  });

  test("a credential signed by a key the issuer never published is not genuine", async () => {
    const [published, stranger] = [await newKey(), await newKey()];
    const jwt = await signVcJwt(buildCredential(input(), BASE), stranger);
    assert.equal((await verifyCredential(jwt, await fakeIssuer([published]))).status, "not_genuine");
  });

  test("a credential naming another issuer is not genuine when the issuer is pinned", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input(), "https://elsewhere.example"), key);
    const verdict = await verifyCredential(jwt, { ...(await fakeIssuer([key])), expectedIssuer: BASE });
    assert.equal(verdict.status, "not_genuine");
  });

  test("garbage is not genuine", async () => {
    const verdict = await verifyCredential("hello there", await fakeIssuer([await newKey()]));
    assert.equal(verdict.status, "not_genuine");
  });

  test("a certificate signed with a retired key still verifies", async () => {
    const [retired, current] = [await newKey(), await newKey()];
    const jwt = await signVcJwt(buildCredential(input(), BASE), retired);
    // The status lists are now signed with the current key; the JWKS keeps both.
    const verdict = await verifyCredential(jwt, await fakeIssuer([retired, current], {}, current));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.equal(verdict.kid, retired.kid);
  });
});

describe("status", () => {
  test("a set revocation bit makes the certificate revoked; the suspension list says nothing of new credentials", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input({ statusListIndex: 77 }), BASE), key);
    assert.equal((await verifyCredential(jwt, await fakeIssuer([key], { revocation: [76, 77] }))).status, "revoked");
    assert.equal((await verifyCredential(jwt, await fakeIssuer([key], { suspension: [77] }))).status, "valid");
    assert.equal((await verifyCredential(jwt, await fakeIssuer([key], { revocation: [76, 78] }))).status, "valid");
  });

  test("a status list that is unsigned by the issuer, elsewhere, expired or short cannot vouch", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input(), BASE), key);
    const sources = await fakeIssuer([key]);
    const forgedList = await verifyCredential(jwt, {
      ...sources,
      fetchStatusList: async (url) =>
        signVcJwt(
          buildStatusListCredential({ purpose: "revocation", listUrl: url, issuer: BASE, setIndices: [] }),
          await newKey(),
        ),
    });
    assert.equal(forgedList.status, "status_unknown");
    const expired = await verifyCredential(jwt, { ...sources, now: new Date(Date.now() + 24 * 60 * 60 * 1000) });
    assert.equal(expired.status, "status_unknown");
    const elsewhere = await signVcJwt(
      {
        ...buildCredential(input(), BASE),
        credentialStatus: [
          {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "1",
            statusListCredential: "https://evil.example/status/revocation",
          },
        ],
      },
      key,
    );
    assert.equal((await verifyCredential(elsewhere, sources)).status, "status_unknown");
    const short = await verifyCredential(jwt, {
      ...sources,
      async fetchStatusList(url) {
        const list = buildStatusListCredential({
          purpose: url.endsWith("/revocation") ? "revocation" : "suspension",
          listUrl: url,
          issuer: BASE,
          setIndices: [],
        });
        return signVcJwt(
          {
            ...list,
            credentialSubject: {
              ...list.credentialSubject,
              encodedList: `u${gzipSync(Buffer.alloc(1024)).toString("base64url")}`,
            },
          },
          key,
        );
      },
    });
    assert.equal(short.status, "status_unknown");
    assert.match(short.problems.join(), /shorter than the 131072 entries/);
    const unreachable = await verifyCredential(jwt, {
      ...sources,
      fetchStatusList: () => Promise.reject(new Error("offline")),
    });
    assert.equal(unreachable.status, "status_unknown");
  });

  test("the bitstring has 131,072 entries, counted from the most significant bit", () => {
    const bits = decodeStatusList(encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]));
    assert.equal(bits.length * 8, 131_072);
    assert.equal(bits[0], 0x80);
    assert.equal(bits[1], 0x40);
    assert.equal(isStatusBitSet(bits, 9), true);
    assert.equal(isStatusBitSet(bits, 10), false);
    assert.equal(isStatusBitSet(bits, STATUS_LIST_SIZE - 1), true);
    assert.throws(() => encodeStatusList([STATUS_LIST_SIZE]), RangeError);
    assert.equal(statusListUrl("revocation", BASE), `${BASE}/status/revocation`);
  });
});

test("public ids carry at least 128 bits of randomness", () => {
  const ids = new Set(Array.from({ length: 2000 }, () => newPublicId()));
  assert.equal(ids.size, 2000);
  for (const id of ids) {
    assert.match(id, PUBLIC_ID_PATTERN);
    assert.ok(Buffer.from(id, "base64url").length * 8 >= 128);
  }
});

test("the PDF is a real one-page PDF, even for a name the standard fonts cannot draw", async () => {
  const key = await newKey();
  const jwt = await signVcJwt(buildCredential(input({ holderName: "林 Learner" }), BASE), key);
  const verdict = await verifyCredential(jwt, await fakeIssuer([key]));
  assert.ok(verdict.summary);
  const bytes = await renderCertificatePdf(verdict.summary, `${BASE}/verify/abc`);
  assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), "%PDF-");
  const parsed = await PDFDocument.load(bytes);
  assert.equal(parsed.getPageCount(), 1);
  assert.match(parsed.getTitle() ?? "", /Machine Learning Foundations/);
});

describe("evidence of a lab graded over several seeds", () => {
  const certification: CertificationRecord = {
    rule: "mean",
    plannedRuns: 3,
    runs: [
      { run: 1, seed: 42, score: 0.94, metrics: { accuracy: 0.94 }, trainingMs: 900, scoringMs: 20 },
      { run: 2, seed: 1234, score: 0.96, metrics: { accuracy: 0.96 }, trainingMs: 950, scoringMs: 21 },
      { run: 3, seed: 98765, score: 0.95, metrics: { accuracy: 0.95 }, trainingMs: 920, scoringMs: 19 },
    ],
    statistics: { count: 3, mean: 0.95, standardDeviation: 0.01, interval: { low: 0.9252, high: 0.9748 } },
  };

  test("carries every run's seed and score, the rule, the mean and the interval, and still verifies", async () => {
    const result = evaluatePassRule(RULE, {
      labs: [
        { slug: "lab-a", title: "Lab A", passed: { ...RECEIPT, certification } },
        { slug: "lab-b", title: "Lab B", passed: { ...RECEIPT, certification: null } },
      ],
      lessonQuizzes: [],
      exams: [{ slug: "final-exam", bestPercent: 90 }],
    });
    assert.ok(result.isEligible);
    const [multi, older] = result.evidence;
    assert.deepEqual(multi?.runs, [
      { run: 1, seed: 42, score: 0.94 },
      { run: 2, seed: 1234, score: 0.96 },
      { run: 3, seed: 98765, score: 0.95 },
    ]);
    assert.equal(multi?.rule, "mean");
    assert.equal(multi?.mean, 0.95);
    assert.deepEqual(multi?.interval, { low: 0.9252, high: 0.9748 });
    // A lab graded before runs were recorded says nothing about them, as its credential always did.
    assert.equal(older && "runs" in older, false);
    assert.equal(older && "certification" in older, false);

    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input({ evidence: result.evidence }), BASE), key);
    const verdict = await verifyCredential(jwt, await fakeIssuer([key]));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.deepEqual(
      verdict.summary?.evidence[0]?.runs?.map((run) => run.score),
      [0.94, 0.96, 0.95],
    );
    assert.deepEqual(verdict.summary?.evidence[0]?.interval, { low: 0.9252, high: 0.9748 });
  });
});

describe("the pass rule", () => {
  const passing: CourseResults = {
    labs: [
      { slug: "lab-a", title: "Lab A", passed: RECEIPT },
      { slug: "lab-b", title: "Lab B", passed: { ...RECEIPT, seed: 7 } },
    ],
    lessonQuizzes: [
      { slug: "q1", bestPercent: 80 },
      { slug: "q2", bestPercent: 60 },
    ],
    exams: [{ slug: "final-exam", bestPercent: 90 }],
  };

  test("met: weighted score and one evidence entry per passed lab", () => {
    const result = evaluatePassRule(RULE, passing);
    assert.equal(result.isEligible, true);
    assert.ok(result.isEligible);
    assert.ok(Math.abs(result.score - (0.5 * 100 + 0.2 * 70 + 0.3 * 90)) < 1e-9);
    assert.deepEqual(
      result.evidence.map((item) => [item.lab, item.seed]),
      [
        ["lab-a", 42],
        ["lab-b", 7],
      ],
    );
  });

  test("not met: an unpassed lab, a weak quiz, a missing exam or a low total each block it", () => {
    const reasonsFor = (results: CourseResults, rule = RULE) => {
      const result = evaluatePassRule(rule, results);
      return result.isEligible ? [] : result.reasons;
    };
    assert.match(
      reasonsFor({ ...passing, labs: [passing.labs[0]!, { slug: "lab-b", title: "Lab B", passed: null }] }).join(),
      /lab lab-b is not passed/,
    );
    assert.match(reasonsFor({ ...passing, lessonQuizzes: [{ slug: "q1", bestPercent: 59 }] }).join(), /quiz q1/);
    assert.match(
      reasonsFor({ ...passing, exams: [{ slug: "final-exam", bestPercent: null }] }).join(),
      /exam final-exam/,
    );
    assert.match(reasonsFor({ ...passing, labs: passing.labs.slice(0, 1) }).join(), /lab-b is not part of the course/);
    assert.match(reasonsFor(passing, { ...RULE, passMarkPercent: 95 }).join(), /below the pass mark of 95%/);
  });
});
