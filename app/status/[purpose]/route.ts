// The signed Bitstring Status List credentials that certificates point to: by default JSON with an
// embedded eddsa-rdfc-2022 proof, `Accept: application/vc+jwt` the VC-JOSE-COSE JWT.
import { z } from "zod";
import { negotiateStatusListForm } from "@/lib/certificates/credential-media-types";
import { getStatusList } from "@/lib/certificates/get-status-list";
import { STATUS_PURPOSES, STATUS_LIST_TTL_MS } from "@/lib/certificates/status-list";
import { otherMethods } from "@/lib/api/responses";

export const dynamic = "force-dynamic";

const ParamsSchema = z.object({ purpose: z.enum(STATUS_PURPOSES) });

export async function GET(request: Request, { params }: { params: Promise<{ purpose: string }> }): Promise<Response> {
  const parsed = ParamsSchema.safeParse(await params);
  if (!parsed.success)
    return Response.json({ error: { code: "not_found", message: "No such status list." } }, { status: 404 });
  const negotiated = negotiateStatusListForm(request.headers.get("accept"));
  return new Response(await getStatusList(parsed.data.purpose, negotiated.form), {
    headers: {
      "Content-Type": negotiated.mediaType,
      // Short enough that a revocation shows within minutes, long enough to spare the server.
      "Cache-Control": `public, max-age=${Math.floor(STATUS_LIST_TTL_MS / 1000 / 5)}`,
      Vary: "Accept",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
