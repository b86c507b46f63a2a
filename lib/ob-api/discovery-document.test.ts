import assert from "node:assert/strict";
import { test } from "node:test";
import { discoveryDocument } from "./discovery-document";
import { CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE } from "./scopes";

const document = discoveryDocument("https://gradient.example/some/page");

test("names the service, its terms and its privacy policy, as the spec requires of an SDD", () => {
  assert.match(document.openapi, /^3\.0\./);
  assert.equal(document.info.title, "Gradient");
  assert.equal(document.info.termsOfService, "https://gradient.example/terms");
  assert.equal(document.info["x-imssf-privacyPolicyUrl"], "https://gradient.example/privacy");
});

test("the OAuth 2.0 scheme names registration, authorization and token URLs under the site's origin", () => {
  const scheme = document.components.securitySchemes.OAuth2ACG;
  assert.equal(scheme.type, "oauth2");
  assert.equal(scheme["x-imssf-registrationUrl"], "https://gradient.example/ims/ob/v3p0/auth/register");
  assert.equal(scheme["x-imssf-privacyPolicyUrl"], "https://gradient.example/privacy");
  const flow = scheme.flows.authorizationCode;
  assert.equal(flow.authorizationUrl, "https://gradient.example/ims/ob/v3p0/auth/authorize");
  assert.equal(flow.tokenUrl, "https://gradient.example/ims/ob/v3p0/auth/token");
  assert.equal(flow.refreshUrl, flow.tokenUrl);
});

test("offers only the operations and scopes this host serves; the others are said to be unsupported", () => {
  assert.deepEqual(Object.keys(document.components.securitySchemes.OAuth2ACG.flows.authorizationCode.scopes), [
    CREDENTIAL_READ_SCOPE,
    PROFILE_READ_SCOPE,
  ]);
  assert.deepEqual(Object.keys(document.paths).sort(), ["/credentials", "/discovery", "/profile"]);
  assert.deepEqual(Object.keys(document.paths["/credentials"]), ["get"]);
  assert.deepEqual(Object.keys(document.paths["/profile"]), ["get"]);
  assert.match(document.info.description, /upsertCredential and putProfile/);
  assert.equal(document.servers[0]?.url, "https://gradient.example/ims/ob/v3p0");
});

test("its Imsx_StatusInfo schema is JSON Schema with the spec's code major values", () => {
  const schema = document.components.schemas.Imsx_StatusInfo as { properties: Record<string, { enum?: string[] }> };
  assert.deepEqual(schema.properties.imsx_codeMajor?.enum, ["success", "processing", "failure", "unsupported"]);
});
