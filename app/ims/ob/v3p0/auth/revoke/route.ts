// OAuth 2.0 token revocation (RFC 7009): 200 with an empty body for any token, known or not.
import { clientAddressOf } from "@/lib/api/client-address";
import { oauthMethodNotAllowed, readFormBody, withOAuthErrors } from "@/lib/ob-api/oauth-responses";
import { revokeToken } from "@/lib/ob-api/revoke-token";

export const POST = withOAuthErrors(async (request: Request): Promise<Response> => {
  const form = await readFormBody(request);
  await revokeToken({
    authorization: request.headers.get("authorization"),
    form,
    clientAddress: clientAddressOf(request),
  });
  return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
});

const refuse = oauthMethodNotAllowed("POST");
export const GET = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
