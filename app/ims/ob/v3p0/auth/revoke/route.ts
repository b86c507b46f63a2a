// OAuth 2.0 token revocation (RFC 7009): 200 with an empty body for any token, known or not.
import { clientAddressOf } from "@/lib/api/client-address";
import { oauthErrorResponse, oauthMethodNotAllowed, readFormBody } from "@/lib/ob-api/oauth-responses";
import { revokeToken } from "@/lib/ob-api/revoke-token";

export async function POST(request: Request): Promise<Response> {
  try {
    const form = await readFormBody(request);
    await revokeToken({
      authorization: request.headers.get("authorization"),
      form,
      clientAddress: clientAddressOf(request),
    });
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

const refuse = oauthMethodNotAllowed("POST");
export const GET = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
