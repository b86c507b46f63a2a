// The Open Badges 3.0 VC-JWT ("JSON Web Token Proof Format", ob_v3p0 integrity section): header
// alg, kid and typ JWT only; payload the credential plus the registered claims iss, jti, nbf, sub
// (and exp when it expires), each equal to the credential property it mirrors.
//
// The algorithm is EdDSA (Ed25519), not RS256: OB 3.0 asks verifiers to support RS256 "as a
// minimum" and permits others, and its issuer conformance is met by the embedded eddsa-rdfc-2022
// proof. Signing with the same Ed25519 key keeps one key lineage, one rotation and one secret.
import { SignJWT } from "jose";
import { z } from "zod";
import { keyJwkUrl } from "./urls";
import { issuerIdOf, type TokenSigningKey } from "./vc-jwt";

/** Media type OB 3.0 gives for this form served as a web resource ("SHOULD be text/plain"). */
export const OB_JWT_MEDIA_TYPE = "text/plain";

const ClaimSourceSchema = z.object({
  id: z.url(),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credentialSubject: z.object({ id: z.string().min(1) }),
});

/** Seconds since the epoch (JWT NumericDate), exactly: credentials are issued on whole seconds, so it is an integer. */
function numericDate(dateTime: string): number {
  return new Date(dateTime).getTime() / 1000;
}

/** The registered claims OB 3.0 requires, derived from the credential they mirror. */
export function obJwtClaims(credential: object) {
  const source = ClaimSourceSchema.parse(credential);
  return {
    iss: issuerIdOf(credential),
    jti: source.id,
    nbf: numericDate(source.validFrom),
    sub: source.credentialSubject.id,
    ...(source.validUntil ? { exp: numericDate(source.validUntil) } : {}),
  };
}

export async function signObJwt(credential: object, key: TokenSigningKey): Promise<string> {
  return new SignJWT({ ...credential, ...obJwtClaims(credential) })
    .setProtectedHeader({ alg: "EdDSA", kid: keyJwkUrl(key.kid, issuerIdOf(credential)), typ: "JWT" })
    .sign(key.privateKey);
}

/**
 * The problems with a verified OB 3.0 token's claims, by the specification's verification rules:
 * iss, jti, nbf and sub present and equal to issuer.id, id, validFrom and credentialSubject.id,
 * and exp, when present, equal to validUntil.
 */
export function obJwtClaimProblems(payload: unknown): string[] {
  const claims = z
    .looseObject({
      iss: z.string().optional(),
      jti: z.string().optional(),
      nbf: z.number().optional(),
      sub: z.string().optional(),
      exp: z.number().optional(),
    })
    .safeParse(payload);
  if (!claims.success) return ["The Open Badges token's claims are malformed."];
  let expected: ReturnType<typeof obJwtClaims>;
  try {
    expected = obJwtClaims(payload as object);
  } catch {
    return ["The Open Badges token does not carry a credential with an id, dates and a subject id."];
  }
  const problems: string[] = [];
  for (const name of ["iss", "jti", "nbf", "sub"] as const) {
    if (claims.data[name] === undefined) problems.push(`The Open Badges token has no ${name} claim.`);
    else if (claims.data[name] !== expected[name])
      problems.push(`The Open Badges token's ${name} claim does not match the credential.`);
  }
  if (claims.data.exp !== ("exp" in expected ? expected.exp : undefined))
    problems.push("The Open Badges token's exp claim does not match the credential's validUntil.");
  return problems;
}
