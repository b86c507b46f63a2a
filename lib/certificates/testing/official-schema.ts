// Test support: validates a credential against 1EdTech's official OB 3.0 AchievementCredential JSON
// Schema (vendored in ./ob-v3p0, see SOURCE.md), independently of our own zod schema. Any test that
// issues a credential can call assertMatchesOfficialSchema on what was issued.
//
// Strict: credentials carry one credentialStatus, as OB 3.0 allows, so no complaint is let through.
import assert from "node:assert/strict";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { decodeJwt } from "jose";
// Imported rather than read from disk, so the Playwright specs' loader finds it as well as tsx does.
import officialSchema from "./ob-v3p0/achievementcredential.schema.json";

const SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json";

let ajv: Ajv2019 | undefined;

function compiledSchema() {
  if (!ajv) {
    // Strict, except for the official schema's `@context` tuple (minItems 2 with additionalItems), which Ajv's
    // strictTuples rule, a style check rather than a validity one, flags.
    ajv = new Ajv2019({ allErrors: true, strict: true, strictTuples: false });
    addFormats(ajv);
    ajv.addSchema(officialSchema);
  }
  const validate = ajv.getSchema(SCHEMA_ID);
  assert.ok(validate, "the vendored schema has the AchievementCredential");
  return validate;
}

/** The official schema's complaints about a credential, one line each; empty when it is valid. */
export function officialSchemaErrors(credential: unknown): string[] {
  const validate = compiledSchema();
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
}

/** Fails the test unless the credential (an object, or a compact JWS whose payload is one) is valid. */
export function assertMatchesOfficialSchema(credential: unknown, what = "the credential"): void {
  const document = typeof credential === "string" ? decodeJwt(credential) : credential;
  assert.deepEqual(
    officialSchemaErrors(document),
    [],
    `${what} does not match the official OB 3.0 AchievementCredential schema`,
  );
}
