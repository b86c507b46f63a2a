// OAuth 2.0 Dynamic Client Registration (RFC 7591) for Open Badges wallets and hosts.
import { clientAddressOf } from "@/lib/api/client-address";
import { mediaTypeOf, readJsonBody } from "@/lib/api/read-body";
import { OAuthError } from "@/lib/ob-api/oauth-error";
import { oauthErrorResponse, oauthJson, oauthMethodNotAllowed } from "@/lib/ob-api/oauth-responses";
import { registerClient } from "@/lib/ob-api/register-client";

/** A registration request is well under a kilobyte; this leaves room for long URLs. */
const MAX_BODY_BYTES = 20_000;

export async function POST(request: Request): Promise<Response> {
  try {
    if (mediaTypeOf(request) !== "application/json")
      throw new OAuthError("invalid_client_metadata", "Send the client metadata as application/json.");
    const input = await readJsonBody(request, MAX_BODY_BYTES);
    return oauthJson(await registerClient({ input, clientAddress: clientAddressOf(request) }), 201);
  } catch (error) {
    return oauthErrorResponse(error, "invalid_client_metadata");
  }
}

const refuse = oauthMethodNotAllowed("POST");
export const GET = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
