// The names 1EdTech's specifications give claims, roles, scopes and media types, as the test
// platform uses them (LTI 1.3 Core §5, Deep Linking 2.0 §4, AGS 2.0 §3, NRPS 2.0 §3, LTI Dynamic
// Registration 1.0 §3). Written from the specifications, not from Gradient's code.

const LTI_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
const DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/";

export const CLAIMS = {
  messageType: `${LTI_CLAIM}message_type`,
  version: `${LTI_CLAIM}version`,
  deploymentId: `${LTI_CLAIM}deployment_id`,
  targetLinkUri: `${LTI_CLAIM}target_link_uri`,
  resourceLink: `${LTI_CLAIM}resource_link`,
  roles: `${LTI_CLAIM}roles`,
  context: `${LTI_CLAIM}context`,
  custom: `${LTI_CLAIM}custom`,
  launchPresentation: `${LTI_CLAIM}launch_presentation`,
  toolPlatform: `${LTI_CLAIM}tool_platform`,
  deepLinkingSettings: `${DL_CLAIM}deep_linking_settings`,
  contentItems: `${DL_CLAIM}content_items`,
  deepLinkingData: `${DL_CLAIM}data`,
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const VERSION = "1.3.0";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";

export const ROLES = {
  instructor: [`${MEMBERSHIP}Instructor`, `${INSTITUTION}Faculty`],
  learner: [`${MEMBERSHIP}Learner`, `${INSTITUTION}Student`],
} as const;

export const COURSE_OFFERING = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering";

export const SCOPES = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const MEDIA_TYPES = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItems: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  memberships: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
export const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
/** The postMessage a tool sends its opener or parent when dynamic registration is over (Dynamic Registration §3.6). */
export const CLOSE_SUBJECT = "org.imsglobal.lti.close";
