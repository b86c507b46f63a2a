// Test support: validates a credential against 1EdTech's official OB 3.0 AchievementCredential JSON
// Schema (vendored in ./ob-v3p0, see SOURCE.md), independently of our own zod schema. Any test that
// issues a credential can call assertMatchesOfficialSchema on what was issued.
//
// One known deviation is let through, by name and nothing else: OB 3.0 allows one credentialStatus
// (the schema wants an object), while VC 2.0 allows several and Gradient issues two, revocation and
// suspension. 1EdTech tracks opening this up for 3.1 (openbadges-specification#623). Each of the
// entries must still be a valid OB 3.0 CredentialStatus on its own.
import assert from "node:assert/strict";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { decodeJwt } from "jose";
// Imported rather than read from disk, so the Playwright specs' loader finds it as well as tsx does.
import officialSchema from "./ob-v3p0/achievementcredential.schema.json";

const SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json";

/** The one complaint let through (see above), as Ajv words it. */
export const KNOWN_DEVIATION = "/credentialStatus must be object";

let ajv: Ajv2019 | undefined;

function compiledSchemas() {
  if (!ajv) {
    // Strict, except for the official schema's `@context` tuple (minItems 2 with additionalItems), which Ajv's
    // strictTuples rule, a style check rather than a validity one, flags.
    ajv = new Ajv2019({ allErrors: true, strict: true, strictTuples: false });
    addFormats(ajv);
    ajv.addSchema(officialSchema);
  }
  const credential = ajv.getSchema(SCHEMA_ID);
  const statusEntry = ajv.getSchema(`${SCHEMA_ID}#/$defs/CredentialStatus`);
  assert.ok(credential && statusEntry, "the vendored schema has the AchievementCredential and CredentialStatus");
  return { credential, statusEntry };
}

function complaints(validate: ReturnType<typeof compiledSchemas>["credential"], document: unknown, at = ""): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${at}${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
}

/** The official schema's complaints about a credential, one line each; empty when it is valid. */
export function officialSchemaErrors(credential: unknown): string[] {
  return complaints(compiledSchemas().credential, credential);
}

/**
 * The complaints that count: all of them, except the known deviation when the credential carries a
 * list of status entries each of which is a valid OB 3.0 CredentialStatus.
 */
export function officialSchemaProblems(credential: unknown): string[] {
  const errors = officialSchemaErrors(credential);
  const statuses = (credential as { credentialStatus?: unknown }).credentialStatus;
  if (!errors.includes(KNOWN_DEVIATION) || !Array.isArray(statuses)) return errors;
  const { statusEntry } = compiledSchemas();
  return [
    ...errors.filter((error) => error !== KNOWN_DEVIATION),
    ...statuses.flatMap((entry, index) => complaints(statusEntry, entry, `/credentialStatus/${index}`)),
  ];
}

/** Fails the test unless the credential (an object, or a compact JWS whose payload is one) is valid. */
export function assertMatchesOfficialSchema(credential: unknown, what = "the credential"): void {
  const document = typeof credential === "string" ? decodeJwt(credential) : credential;
  assert.deepEqual(
    officialSchemaProblems(document),
    [],
    `${what} does not match the official OB 3.0 AchievementCredential schema`,
  );
}
