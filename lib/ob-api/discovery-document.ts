// The Service Description Document (Open Badges 3.0, "Request the Service Description Document"):
// a profile of the spec's OpenAPI file naming only what this host serves. Gradient hosts the
// credentials it issued, so upsertCredential and putProfile, and their scopes, are left out; the
// endpoints answer them 405 with an Imsx_StatusInfo of code major "unsupported".
import { ImsxStatusInfoSchema } from "./imsx-status";
import { obApiUrls } from "./ob-api-urls";
import { SCOPE_DESCRIPTIONS, CREDENTIAL_READ_SCOPE, PROFILE_READ_SCOPE } from "./scopes";
import { z } from "zod";

const SECURITY_SCHEME = "OAuth2ACG";

function errorResponses() {
  const body = { content: { "application/json": { schema: { $ref: "#/components/schemas/Imsx_StatusInfo" } } } };
  return {
    "400": { description: "The request was not valid.", ...body },
    "401": { description: "The access token is missing, invalid, expired or revoked.", ...body },
    "403": { description: "The access token lacks the scope of this operation.", ...body },
    "405": { description: "The operation is not supported by this host.", ...body },
    "500": { description: "Something went wrong on the server.", ...body },
    default: { description: "The request was invalid or cannot be served.", ...body },
  };
}

export function discoveryDocument(base?: string) {
  const urls = obApiUrls(base);
  return {
    openapi: "3.0.1",
    info: {
      title: "Gradient",
      description:
        "The Open Badges 3.0 API of Gradient, as a host of the credentials it issues. Supported: getCredentials, " +
        "getProfile and getServiceDescription. Not supported (answered 405, code major unsupported): " +
        `upsertCredential and putProfile. Tokens are revoked at ${urls.revocation} (RFC 7009).`,
      version: "3.0",
      termsOfService: urls.termsOfService,
      "x-imssf-privacyPolicyUrl": urls.privacyPolicy,
    },
    servers: [{ url: urls.base, description: "Gradient" }],
    tags: [
      { name: "OpenBadgeCredentials", description: "Exchange OpenBadgeCredentials and Profile information." },
      { name: "Discovery" },
    ],
    paths: {
      "/credentials": {
        get: {
          tags: ["OpenBadgeCredentials"],
          summary: "The authenticated learner's OpenBadgeCredentials.",
          operationId: "getCredentials",
          parameters: [
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
            { name: "since", in: "query", required: false, schema: { type: "string", format: "date-time" } },
          ],
          responses: {
            "200": {
              description: "One page of credentials, with X-Total-Count and Link headers.",
              headers: {
                "X-Total-Count": { schema: { type: "integer" } },
                Link: { schema: { type: "string" } },
              },
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/GetOpenBadgeCredentialsResponse" } },
              },
            },
            ...errorResponses(),
          },
          security: [{ [SECURITY_SCHEME]: [CREDENTIAL_READ_SCOPE] }],
        },
      },
      "/profile": {
        get: {
          tags: ["OpenBadgeCredentials"],
          summary: "The authenticated learner's Profile.",
          operationId: "getProfile",
          responses: {
            "200": {
              description: "The learner's Profile.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Profile" } } },
            },
            ...errorResponses(),
          },
          security: [{ [SECURITY_SCHEME]: [PROFILE_READ_SCOPE] }],
        },
      },
      "/discovery": {
        get: {
          tags: ["Discovery"],
          summary: "This Service Description Document.",
          operationId: "getServiceDescription",
          responses: {
            "200": { description: "The Service Description Document.", content: { "application/json": {} } },
            default: errorResponses().default,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: "oauth2",
          description: "OAuth 2.0 Authorization Code Grant authorization, with PKCE (S256).",
          "x-imssf-name": "Gradient",
          "x-imssf-privacyPolicyUrl": urls.privacyPolicy,
          "x-imssf-registrationUrl": urls.registration,
          "x-imssf-termsOfServiceUrl": urls.termsOfService,
          flows: {
            authorizationCode: {
              authorizationUrl: urls.authorization,
              tokenUrl: urls.token,
              refreshUrl: urls.token,
              scopes: SCOPE_DESCRIPTIONS,
            },
          },
        },
      },
      schemas: {
        GetOpenBadgeCredentialsResponse: {
          type: "object",
          properties: {
            credential: { type: "array", items: { type: "object" } },
            compactJwsStrings: {
              type: "array",
              items: { type: "string", pattern: "^[a-zA-Z0-9_-]+\\.[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]+$" },
            },
          },
          additionalProperties: false,
        },
        Profile: {
          type: "object",
          required: ["@context", "id", "type"],
          properties: {
            "@context": { type: "array", items: { type: "string" } },
            id: { type: "string" },
            type: { type: "array", items: { type: "string" } },
            name: { type: "string" },
          },
        },
        Imsx_StatusInfo: z.toJSONSchema(ImsxStatusInfoSchema, { target: "openapi-3.0" }),
      },
    },
  };
}
