// The OAuth 2.0 token endpoint: authorization_code (with PKCE) and refresh_token grants.
import { clientAddressOf } from "@/lib/api/client-address";
import { exchangeToken } from "@/lib/ob-api/exchange-token";
import { oauthErrorResponse, oauthJson, oauthMethodNotAllowed, readFormBody } from "@/lib/ob-api/oauth-responses";

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await readFormBody(request);
    const tokens = await exchangeToken({
      authorization: request.headers.get("authorization"),
      form,
      clientAddress: clientAddressOf(request),
    });
    return oauthJson(tokens);
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

const refuse = oauthMethodNotAllowed("POST");
export const GET = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
