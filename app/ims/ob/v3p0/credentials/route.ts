// getCredentials: the signed-in learner's certificates, a page at a time, for the wallet they
// connected. upsertCredential is not offered: Gradient hosts only what it issued itself.
import { authenticateObRequest } from "@/lib/ob-api/authenticate-ob-request";
import { imsxMethodNotAllowed, imsxResponse, obJson, withImsxErrors } from "@/lib/ob-api/imsx-responses";
import {
  CredentialsQuerySchema,
  GetOpenBadgeCredentialsResponseSchema,
  listObCredentials,
  paginationLinks,
} from "@/lib/ob-api/list-ob-credentials";
import { obApiUrls } from "@/lib/ob-api/ob-api-urls";
import { CREDENTIAL_READ_SCOPE } from "@/lib/ob-api/scopes";

export const GET = withImsxErrors(async (request: Request) => {
  const user = await authenticateObRequest(request, CREDENTIAL_READ_SCOPE);
  const params = new URL(request.url).searchParams;
  const query = CredentialsQuerySchema.safeParse({
    limit: params.get("limit") ?? undefined,
    offset: params.get("offset") ?? undefined,
    since: params.get("since") ?? undefined,
  });
  if (!query.success) {
    const field = String(query.error.issues[0]?.path[0] ?? "query");
    return imsxResponse(
      400,
      "invalid_query_parameter",
      `The query parameter ${field} is not valid: ${query.error.issues[0]?.message}.`,
    );
  }
  const page = await listObCredentials(user.id, query.data);
  const pageUrl = new URL(obApiUrls().base + "/credentials");
  if (query.data.since) pageUrl.searchParams.set("since", query.data.since);
  return obJson(GetOpenBadgeCredentialsResponseSchema, page.body, {
    "x-total-count": String(page.total),
    link: paginationLinks(pageUrl, query.data, page.total),
  });
});

const refuse = imsxMethodNotAllowed(
  "GET",
  "upsertCredential is not supported: this host serves only the credentials Gradient issued.",
);
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
