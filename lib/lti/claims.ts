// The id_token of an LTI 1.3 launch, as zod schemas of its claims (LTI 1.3 Core §5, Deep Linking 2.0
// §4.4, AGS 2.0 §3.1, NRPS 2.0 §3.6). The signature, issuer, audience and times are checked by
// lib/lti/validate-launch.ts first; these schemas then decide whether the message is one Gradient
// can act on, and give the rest of lib/lti typed claims.
import { z } from "zod";
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from "./vocabulary";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
/** Identifiers in LTI are strings of at most 255 characters (LTI 1.3 Core §5.3.5, §5.4.1). */
const ltiId = z.string().min(1).max(255);

export const DeepLinkingSettingsSchema = z.object({
  /** Where the tool's LtiDeepLinkingResponse is posted (as the JWT form parameter). */
  deep_link_return_url: httpUrl,
  accept_types: z.array(z.string().max(100)).min(1).max(20),
  accept_presentation_document_targets: z.array(z.string().max(100)).max(20),
  accept_media_types: z.string().max(1000).optional(),
  accept_multiple: z.boolean().optional(),
  /** Whether the platform creates a line item for a returned item that has one. */
  accept_lineitem: z.boolean().optional(),
  auto_create: z.boolean().optional(),
  title: z.string().max(1000).optional(),
  text: z.string().max(4000).optional(),
  /** Opaque to the tool; returned as is in the response's data claim. */
  data: z.string().max(8000).optional(),
});
export type DeepLinkingSettings = z.infer<typeof DeepLinkingSettingsSchema>;

export const AgsEndpointSchema = z.object({
  scope: z.array(z.string().max(300)).max(20),
  lineitems: httpUrl.optional(),
  lineitem: httpUrl.optional(),
});
export type AgsEndpoint = z.infer<typeof AgsEndpointSchema>;

export const NrpsServiceSchema = z.object({
  context_memberships_url: httpUrl,
  service_versions: z.array(z.string().max(20)).max(10),
});

const ContextSchema = z.object({
  id: ltiId,
  label: z.string().max(1000).optional(),
  title: z.string().max(1000).optional(),
  type: z.array(z.string().max(300)).max(20).optional(),
});

const LaunchPresentationSchema = z.object({
  document_target: z.string().max(100).optional(),
  return_url: httpUrl.optional(),
  locale: z.string().max(35).optional(),
});

/** Claims every LTI 1.3 message carries, whatever its type. */
const CommonClaimsSchema = z.object({
  iss: z.string().min(1).max(2000),
  /** The platform's id of the user; required for launches that act as a person (Core §5.3.6). */
  sub: ltiId,
  name: z.string().max(500).optional(),
  given_name: z.string().max(500).optional(),
  family_name: z.string().max(500).optional(),
  email: z.string().max(500).optional(),
  locale: z.string().max(35).optional(),
  nonce: z.string().min(1).max(500),
  [CLAIM.version]: z.literal(LTI_VERSION, { error: `the LTI version must be ${LTI_VERSION}` }),
  [CLAIM.deploymentId]: ltiId,
  [CLAIM.roles]: z.array(z.string().max(300)).max(100, "too many roles"),
  [CLAIM.context]: ContextSchema.optional(),
  [CLAIM.launchPresentation]: LaunchPresentationSchema.optional(),
  [CLAIM.custom]: z.record(z.string().max(200), z.unknown()).optional(),
  [CLAIM.agsEndpoint]: AgsEndpointSchema.optional(),
  [CLAIM.nrpsService]: NrpsServiceSchema.optional(),
});

export const ResourceLinkClaimsSchema = CommonClaimsSchema.extend({
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.resourceLink),
  [CLAIM.targetLinkUri]: httpUrl,
  [CLAIM.resourceLink]: z.object({
    id: ltiId,
    title: z.string().max(1000).optional(),
    description: z.string().max(4000).optional(),
  }),
});
export type ResourceLinkClaims = z.infer<typeof ResourceLinkClaimsSchema>;

export const DeepLinkingClaimsSchema = CommonClaimsSchema.extend({
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.deepLinkingRequest),
  [CLAIM.deepLinkingSettings]: DeepLinkingSettingsSchema,
});
export type DeepLinkingClaims = z.infer<typeof DeepLinkingClaimsSchema>;

/** A launch Gradient acts on: a resource link to open, or a deep linking request to answer. */
export const LaunchClaimsSchema = z.discriminatedUnion(CLAIM.messageType, [
  ResourceLinkClaimsSchema,
  DeepLinkingClaimsSchema,
]);
export type LaunchClaims = z.infer<typeof LaunchClaimsSchema>;
