// The id_token of a launch (LTI 1.3 Core §5, Security Framework §5.1.2): the claims of a resource
// link launch or a deep linking request, signed RS256 with the platform's key, or spoiled the way
// a negative test asked for.
import { SignJWT } from "jose";
import { fullName, newId, type Course, type CourseRole, type PlatformUser, type ResourceLink } from "./model";
import type { PlatformKeys } from "./platform-keys";
import { forgeRoles, type Tamper } from "./tamper";
import { CLAIMS, COURSE_OFFERING, ROLES, SCOPES, VERSION } from "./vocabulary";

const LIFETIME_SECONDS = 300;

export interface LaunchContext {
  issuer: string;
  clientId: string;
  deploymentId: string;
  user: PlatformUser;
  role: CourseRole;
  course: Course;
  /** Where the platform's AGS and NRPS services for this course live. */
  serviceUrls: { lineItems: string; lineItem: (id: string) => string; memberships: string };
  locale: string;
  returnUrl: string;
}

function commonClaims(launch: LaunchContext): Record<string, unknown> {
  return {
    sub: launch.user.sub,
    name: fullName(launch.user),
    given_name: launch.user.givenName,
    family_name: launch.user.familyName,
    email: launch.user.email,
    locale: launch.locale,
    [CLAIMS.version]: VERSION,
    [CLAIMS.deploymentId]: launch.deploymentId,
    [CLAIMS.roles]: [...ROLES[launch.role]],
    [CLAIMS.context]: {
      id: launch.course.contextId,
      label: launch.course.label,
      title: launch.course.title,
      type: [COURSE_OFFERING],
    },
    [CLAIMS.toolPlatform]: {
      guid: launch.issuer,
      name: "Gradient's test LMS",
      product_family_code: "gradient-test-platform",
      version: "1.0",
    },
    [CLAIMS.launchPresentation]: { document_target: "iframe", locale: launch.locale, return_url: launch.returnUrl },
    [CLAIMS.nrps]: { context_memberships_url: launch.serviceUrls.memberships, service_versions: ["2.0"] },
  };
}

export function resourceLinkClaims(launch: LaunchContext, link: ResourceLink, targetLinkUri: string) {
  return {
    ...commonClaims(launch),
    [CLAIMS.messageType]: "LtiResourceLinkRequest",
    [CLAIMS.targetLinkUri]: targetLinkUri,
    [CLAIMS.resourceLink]: { id: link.id, title: link.title },
    ...(Object.keys(link.custom).length > 0 ? { [CLAIMS.custom]: link.custom } : {}),
    [CLAIMS.ags]: {
      scope: [SCOPES.lineItem, SCOPES.lineItemReadOnly, SCOPES.resultReadOnly, SCOPES.score],
      lineitems: launch.serviceUrls.lineItems,
      ...(link.lineItemId ? { lineitem: launch.serviceUrls.lineItem(link.lineItemId) } : {}),
    },
  };
}

export function deepLinkingClaims(
  launch: LaunchContext,
  targetLinkUri: string,
  settings: { returnUrl: string; data: string },
) {
  return {
    ...commonClaims(launch),
    [CLAIMS.messageType]: "LtiDeepLinkingRequest",
    [CLAIMS.targetLinkUri]: targetLinkUri,
    [CLAIMS.deepLinkingSettings]: {
      deep_link_return_url: settings.returnUrl,
      accept_types: ["ltiResourceLink"],
      accept_presentation_document_targets: ["iframe", "window"],
      accept_multiple: true,
      accept_lineitem: true,
      auto_create: true,
      title: "Gradient activity",
      text: "Choose what to place in this course",
      data: settings.data,
    },
    [CLAIMS.ags]: {
      scope: [SCOPES.lineItem, SCOPES.lineItemReadOnly, SCOPES.resultReadOnly, SCOPES.score],
      lineitems: launch.serviceUrls.lineItems,
    },
  };
}

/** Signs the claims for the client, applying a tamper when one is asked for (replays happen elsewhere). */
export async function signIdToken(options: {
  keys: PlatformKeys;
  issuer: string;
  clientId: string;
  nonce: string;
  claims: Record<string, unknown>;
  tamper: Tamper | null;
}): Promise<string> {
  const { keys, tamper } = options;
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    ...options.claims,
    nonce: tamper === "wrong-nonce" ? newId("not-your-nonce") : options.nonce,
  };
  if (tamper === "unregistered-deployment") claims[CLAIMS.deploymentId] = newId("unregistered-deployment");
  const key = tamper === "unknown-kid" ? keys.unpublished : keys.published;
  const issuedAt = tamper === "expired" ? now - 3600 : now;
  const audience = tamper === "wrong-audience" ? newId("another-tool") : options.clientId;
  // azp names the one client the token is for (Core §5.1.2).
  const token = await new SignJWT({ ...claims, azp: audience })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .sign(key.privateKey);
  return tamper === "forged-role" ? forgeRoles(token) : token;
}
