// The OAuth 2.0 token endpoint: authorization_code (with PKCE) and refresh_token grants.
import { clientAddressOf } from "@/lib/api/client-address";
import { exchangeToken } from "@/lib/ob-api/exchange-token";
import { oauthJson, oauthMethodNotAllowed, readFormBody, withOAuthErrors } from "@/lib/ob-api/oauth-responses";

export const POST = withOAuthErrors(async (request: Request): Promise<Response> => {
  const form = await readFormBody(request);
  const tokens = await exchangeToken({
    authorization: request.headers.get("authorization"),
    form,
    clientAddress: clientAddressOf(request),
  });
  return oauthJson(tokens);
});

const refuse = oauthMethodNotAllowed("POST");
export const GET = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
