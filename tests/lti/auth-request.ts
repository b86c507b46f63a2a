// The checks a platform makes on a tool's OIDC authentication request (LTI 1.3 Security Framework
// §5.1.1.2, OpenID Connect Core §3.1.2.1 and §3.2.2.1): what the test platform refuses, and why.
import type { ToolRegistration } from "./model";

export interface ExpectedAuthRequest {
  tool: ToolRegistration;
  loginHint: string;
  messageHint: string;
}

/** Everything wrong with the request; empty when the platform may answer with an id_token. */
export function problemsWithAuthRequest(parameters: URLSearchParams, expected: ExpectedAuthRequest): string[] {
  const problems: string[] = [];
  const value = (name: string) => parameters.get(name) ?? "";
  if (!value("scope").split(" ").includes("openid")) problems.push("scope must include openid");
  if (value("response_type") !== "id_token") problems.push("response_type must be id_token");
  if (value("response_mode") !== "form_post") problems.push("response_mode must be form_post");
  if (value("prompt") !== "none") problems.push("prompt must be none");
  if (value("client_id") !== expected.tool.clientId) problems.push("client_id is not the tool's");
  if (!expected.tool.redirectUris.includes(value("redirect_uri"))) problems.push("redirect_uri is not registered");
  if (value("login_hint") !== expected.loginHint) problems.push("login_hint is not the one the login initiation sent");
  if (value("lti_message_hint") !== expected.messageHint)
    problems.push("lti_message_hint is not the one the login initiation sent");
  if (value("nonce") === "") problems.push("nonce is missing");
  return problems;
}
