// The names LTI 1.3 Core, Deep Linking 2.0, AGS 2.0 and NRPS 2.0 give their claims, roles, message
// types, scopes and media types (1EdTech's specifications), in one place so no file spells them twice.

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  launchPresentation: `${LTI}launch_presentation`,
  toolPlatform: `${LTI}tool_platform`,
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  deepLinkingData: `${DL}data`,
  deepLinkingMessage: `${DL}msg`,
  deepLinkingError: `${DL}errormsg`,
  agsEndpoint: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrpsService: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const LTI_VERSION = "1.3.0";

export const MESSAGE_TYPE = {
  resourceLink: "LtiResourceLinkRequest",
  deepLinkingRequest: "LtiDeepLinkingRequest",
  deepLinkingResponse: "LtiDeepLinkingResponse",
} as const;

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

/** Context roles that teach: an instructor (or a course's administrator) of the platform's course. */
export const TEACHING_ROLES = [
  `${MEMBERSHIP}Instructor`,
  `${MEMBERSHIP}Administrator`,
  `${MEMBERSHIP}ContentDeveloper`,
  `${MEMBERSHIP}Mentor`,
  // Sub-roles are written under the role's own path (LTI 1.3 Core §A.2.3.1), not after its fragment.
  "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
] as const;

export const LEARNER_ROLE = `${MEMBERSHIP}Learner`;

export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  membershipReadOnly: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const MEDIA_TYPE = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItems: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  memberships: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

/** client_assertion_type of the JWT that authenticates Gradient at a platform's token endpoint (RFC 7523). */
export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** LTI Dynamic Registration 1.0: the platform configuration and tool configuration members. */
export const PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
export const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
