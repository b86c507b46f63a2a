// The client registration Gradient posts to a platform (LTI Dynamic Registration 1.0 §3.5.2): an
// OpenID Connect client with the LTI tool configuration member, asking for the grade (AGS) and
// roster (NRPS) scopes, and offering deep linking and resource link launches at one launch URL.
import { publicUrl } from "../env";
import { MESSAGE_TYPE, SCOPE, TOOL_CONFIGURATION } from "./vocabulary";
import { toolUrls } from "./tool-urls";

export const TOOL_SCOPES = [
  SCOPE.lineItem,
  SCOPE.lineItemReadOnly,
  SCOPE.resultReadOnly,
  SCOPE.score,
  SCOPE.membershipReadOnly,
] as const;

/** The claims Gradient needs in launches: who the person is, and their language. */
const CLAIMS = ["iss", "sub", "name", "given_name", "family_name", "email", "locale"] as const;

export function toolRegistrationRequest() {
  const urls = toolUrls();
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.loginInitiation,
    redirect_uris: [urls.launch],
    client_name: "Gradient",
    jwks_uri: urls.jwks,
    logo_uri: `${new URL(publicUrl).origin}/icon.svg`,
    token_endpoint_auth_method: "private_key_jwt",
    scope: TOOL_SCOPES.join(" "),
    [TOOL_CONFIGURATION]: {
      domain: urls.domain,
      target_link_uri: urls.launch,
      claims: [...CLAIMS],
      messages: [
        { type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: urls.launch, label: "Gradient" },
        { type: MESSAGE_TYPE.resourceLink },
      ],
      description: "Machine-learning labs, quizzes and exams, graded automatically, with grades sent back to the LMS.",
    },
  };
}
