// `npm run verify -- <file or URL> [--issuer <origin>]`: verifies a certificate the way any
// stranger can, from outside: an embedded proof against the issuer's controller document and keys
// (a JWT against its JWKS), and the status against its signed status lists, fetched over HTTP from
// the issuer's origin only; JSON-LD contexts are the vendored ones. Exit code 0 means valid.
import fs from "node:fs";
import { decodeJwt } from "jose";
import { z } from "zod";
import type { PublicJwk } from "../lib/certificates/signing-key";
import { parseCommandLine } from "../lib/command-line";
import { createDocumentLoader } from "../lib/certificates/document-loader";
import { jwksUrl } from "../lib/certificates/urls";
import { VC_JWT_MEDIA_TYPE } from "../lib/certificates/vc-jwt";
import { readSecuredCredential, verifyCredential, type Verdict } from "../lib/certificates/verify-credential";
import { errorMessage } from "../lib/errors";

const USAGE =
  "usage: npm run verify -- <credential file | https://…/credentials/<id> | https://…/verify/<id>> [--issuer <origin>]";
const FETCH_TIMEOUT_MS = 15_000;

const ArgsSchema = z.object({
  positionals: z.tuple([z.string().min(1)], { error: "name one credential: a file, or its address" }),
  issuer: z
    .url({ protocol: /^https?$/, error: "--issuer must be the issuer's address, like https://gradient.example" })
    .optional(),
});

const JwksSchema = z.object({
  keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string() })),
});

async function fetchText(url: string, accept: string): Promise<string> {
  const response = await fetch(url, {
    headers: { Accept: accept },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: "follow",
  }).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`could not reach ${url}: ${cause}`);
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.text();
}

async function readCredential(source: string): Promise<string> {
  if (!/^https?:\/\//.test(source)) return fs.readFileSync(source, "utf8");
  const url = new URL(source);
  // A verify page's address is the one people share; the credential lives beside it.
  url.pathname = url.pathname.replace(/^\/verify\//, "/credentials/");
  return fetchText(url.toString(), `application/ld+json, ${VC_JWT_MEDIA_TYPE};q=0.9`);
}

/** The issuer a credential claims, read before verification only to know whose keys to fetch. */
function claimedIssuer(input: string): string | null {
  const secured = readSecuredCredential(input.trim());
  if (!secured) return null;
  try {
    const issuer = secured.form === "jwt" ? decodeJwt(secured.jwt).issuer : secured.document.issuer;
    const id = typeof issuer === "string" ? issuer : z.object({ id: z.string() }).parse(issuer).id;
    return new URL(id).origin;
  } catch {
    return null;
  }
}

function print(verdict: Verdict, issuer: string, isPinned: boolean): void {
  const label = {
    valid: "VALID",
    revoked: "REVOKED",
    suspended: "SUSPENDED",
    not_genuine: "NOT GENUINE",
    status_unknown: "STATUS UNKNOWN",
  }[verdict.status];
  console.log(`verdict: ${label}`);
  for (const problem of verdict.problems) console.log(`  - ${problem}`);
  const summary = verdict.summary;
  if (summary && verdict.status !== "not_genuine") {
    console.log(`holder:  ${summary.holderName}`);
    console.log(`course:  ${summary.courseName}`);
    console.log(`issued:  ${summary.issuedAt}`);
    console.log(`score:   ${summary.score}% (pass mark ${summary.passMark}%)`);
    console.log(`issuer:  ${summary.issuerName} <${summary.issuerId}>`);
    console.log(`key:     ${verdict.kid ?? "?"} (from ${jwksUrl(issuer)})`);
    for (const item of summary.evidence) {
      console.log(
        `lab:     ${item.lab}  code ${item.codeSha256.slice(0, 16)}…  ` +
          `held-out ${item.heldOutSha256?.slice(0, 16) ?? "n/a"}  ` +
          `grader ${item.graderVersion ?? "n/a"}  backend ${item.backend ?? "n/a"}  seed ${item.seed ?? "n/a"}`,
      );
    }
  }
  if (!isPinned)
    console.log(`note:    trusted the issuer the credential names; pass --issuer ${issuer} to require it.`);
}

async function main(): Promise<number> {
  const {
    positionals: [source],
    issuer: pinned,
  } = parseCommandLine({
    usage: USAGE,
    options: { issuer: { type: "string" } },
    allowPositionals: true,
    schema: ArgsSchema,
  });
  const input = await readCredential(source);
  const issuer = pinned ? new URL(pinned).origin : claimedIssuer(input);
  if (!issuer) {
    print({ status: "not_genuine", problems: ["This is not a signed Open Badges credential."] }, "unknown", true);
    return 1;
  }
  let jwks: z.infer<typeof JwksSchema> | undefined;
  const verdict = await verifyCredential(input, {
    expectedIssuer: issuer,
    async resolveKey(kid) {
      jwks ??= JwksSchema.parse(
        JSON.parse(await fetchText(jwksUrl(issuer), "application/jwk-set+json, application/json")),
      );
      const key = jwks.keys.find((candidate) => candidate.kid === kid);
      return key ? ({ ...key, alg: "EdDSA", use: "sig" } satisfies PublicJwk) : null;
    },
    fetchStatusList: (url, form) => fetchText(url, form === "jwt" ? VC_JWT_MEDIA_TYPE : "application/ld+json"),
    documentLoader: createDocumentLoader({
      origins: [issuer],
      resolveOwn: async (url) =>
        z.looseObject({}).parse(JSON.parse(await fetchText(url.toString(), "application/ld+json"))),
    }),
  });
  print(verdict, issuer, Boolean(pinned));
  return verdict.status === "valid" ? 0 : verdict.status === "status_unknown" ? 2 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify: ${errorMessage(error)}`);
    process.exit(2);
  },
);
